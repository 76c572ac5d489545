import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { SessionKeeper } from "@/components/account/session-keeper";
import { ServiceWorker } from "@/components/pwa/service-worker";
import { hasSessionCookie } from "@/lib/auth/session";
import { env } from "@/lib/env";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Go Coffee", template: "%s · Go Coffee" },
  description: "Order ahead from your local Go Coffee shop.",
  appleWebApp: { capable: true, title: "Go Coffee", statusBarStyle: "default" },
  icons: { apple: "/icons/icon-192.png" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#3b2418" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page carries a per-request CSP nonce (proxy.ts) that Next puts on its scripts, so no
  // page may be prerendered: a static page's scripts would have no nonce and be blocked.
  await connection();
  const signedIn = hasSessionCookie((await cookies()).getAll());
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        {signedIn ? <SessionKeeper /> : null}
        <ServiceWorker enabled={env().NODE_ENV === "production"} />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
