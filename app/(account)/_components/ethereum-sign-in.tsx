"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SIGN_IN_WITH_ETHEREUM } from "@/lib/wallet/labels";
import type { WalletSettings } from "@/lib/wallet/settings";

/**
 * "Sign in with Ethereum": the wallet stack (wagmi, RainbowKit, ~220 KiB gzip) is fetched only when
 * someone chooses it, in the browser; people signing in with a password never download it, and no
 * other page carries it. The wallet modules must be imported only inside this `dynamic(..., { ssr:
 * false })`: any other import() of them puts them in the server build, which then fails on the
 * Coinbase SDK's optional modules (@x402/*).
 */
const WalletSignIn = dynamic(() => import("@/components/wallet/wallet-sign-in").then((m) => m.WalletSignIn), {
  ssr: false,
  loading: () => (
    <Button variant="secondary" size="lg" className="w-full" disabled aria-busy>
      {SIGN_IN_WITH_ETHEREUM}
    </Button>
  ),
});

export function EthereumSignIn({ settings, callbackUrl }: { settings: WalletSettings; callbackUrl: string }) {
  const [chosen, setChosen] = useState(false);
  if (chosen) return <WalletSignIn settings={settings} callbackUrl={callbackUrl} openOnLoad />;
  return (
    <Button variant="secondary" size="lg" className="w-full" onClick={() => setChosen(true)}>
      {SIGN_IN_WITH_ETHEREUM}
    </Button>
  );
}
