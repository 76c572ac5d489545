"use client";

import "@rainbow-me/rainbowkit/styles.css";
import "./rainbowkit-theme.css";
import { RainbowKitProvider } from "@rainbow-me/rainbowkit";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";
import { createWalletConfig } from "@/lib/wallet/config";
import type { WalletSettings } from "@/lib/wallet/settings";
import { SiweNextAuthProvider, type SiweOptions } from "./siwe-next-auth-provider";

/**
 * wagmi + RainbowKit (+ Sign-In with Ethereum when `siwe` is given) for the pages that use a
 * wallet. Never import this from a layout or a shared component: load it with
 * `next/dynamic(..., { ssr: false })` from the page's own client component, so the wallet stack
 * (~220 KiB gzip) is fetched only there and never rendered on the server. It nests inside the
 * app's one QueryClientProvider (app/providers.tsx), which wagmi shares.
 *
 * `settings` come from the server (walletSettings(env()) in lib/wallet/settings.ts).
 */
export function WalletProviders({ settings, siwe, children }: { settings: WalletSettings; siwe?: SiweOptions; children: ReactNode }) {
  // Built once per mount: a new config would drop the connection.
  const [config] = useState(() => createWalletConfig(settings));
  const kit = (
    // theme={null}: the theme's variables come from rainbowkit-theme.css, not an inline <style> (CSP).
    <RainbowKitProvider theme={null} appInfo={{ appName: settings.appName }}>
      {children}
    </RainbowKitProvider>
  );
  return <WagmiProvider config={config}>{siwe ? <SiweNextAuthProvider {...siwe}>{kit}</SiweNextAuthProvider> : kit}</WagmiProvider>;
}
