import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Go Coffee", template: "%s · Go Coffee" },
  description: "Order ahead from your local Go Coffee shop.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#3b2418" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
