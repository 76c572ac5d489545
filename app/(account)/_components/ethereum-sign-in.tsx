"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SIGN_IN_WITH_ETHEREUM } from "@/lib/wallet/labels";
import type { WalletSettings } from "@/lib/wallet/settings";

/**
 * "Sign in with Ethereum": the wallet stack (wagmi, RainbowKit, ~220 KiB gzip) is fetched only when
 * someone chooses it (warmed on hover or focus), in the browser; people signing in with a password
 * never download it, and no other page carries it.
 */
const loadWalletSignIn = () => import("@/components/wallet/wallet-sign-in");

const WalletSignIn = dynamic(() => loadWalletSignIn().then((m) => m.WalletSignIn), {
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
  const warm = () => void loadWalletSignIn().catch(() => undefined);
  return (
    <Button variant="secondary" size="lg" className="w-full" onPointerEnter={warm} onFocus={warm} onClick={() => setChosen(true)}>
      {SIGN_IN_WITH_ETHEREUM}
    </Button>
  );
}
