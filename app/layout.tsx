import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Go Coffee", template: "%s · Go Coffee" },
  description: "Order ahead from your local Go Coffee shop.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#3b2418" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page carries a per-request CSP nonce (proxy.ts) that Next puts on its scripts, so no
  // page may be prerendered: a static page's scripts would have no nonce and be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
