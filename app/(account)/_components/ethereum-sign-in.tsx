"use client";

import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";
import type { WalletSettings } from "@/lib/wallet/settings";

/**
 * The wallet stack (wagmi, RainbowKit) is loaded only here, in the browser, after the page: the
 * email form works at once and no other page carries the wallet code.
 */
const WalletSignIn = dynamic(() => import("@/components/wallet/wallet-sign-in").then((m) => m.WalletSignIn), {
  ssr: false,
  loading: () => (
    <Button variant="secondary" size="lg" className="w-full" disabled>
      Sign in with Ethereum
    </Button>
  ),
});

export function EthereumSignIn({ settings, callbackUrl }: { settings: WalletSettings; callbackUrl: string }) {
  return <WalletSignIn settings={settings} callbackUrl={callbackUrl} />;
}
