"use client";

import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { signInErrorMessage } from "@/lib/auth/messages";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import type { WalletSettings } from "@/lib/wallet/settings";
import { WalletProviders } from "./wallet-providers";

export const SIGN_IN_WITH_ETHEREUM = "Sign in with Ethereum";

/**
 * "Sign in with Ethereum" on the sign-in page: opens RainbowKit's dialog (choose a wallet,
 * connect, sign the message); once next-auth has the session, a full page load to callbackUrl.
 */
export function WalletSignIn({ settings, callbackUrl }: { settings: WalletSettings; callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [signedIn, setSignedIn] = useState(false);
  const onSignedIn = useCallback(() => {
    setSignedIn(true);
    // A full load, so every server component (the header too) renders with the new session.
    window.location.assign(safeCallbackUrl(callbackUrl));
  }, [callbackUrl]);
  const onError = useCallback((message: string) => setError(signInErrorMessage(message)), []);
  return (
    <WalletProviders settings={settings} siwe={{ callbackUrl, onSignedIn, onError }}>
      <ConnectAndSignButton signedIn={signedIn} onOpen={() => setError(null)} />
      {error ? (
        <p role="alert" className="mt-3 text-center text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </WalletProviders>
  );
}

function ConnectAndSignButton({ signedIn, onOpen }: { signedIn: boolean; onOpen: () => void }) {
  const { openConnectModal, connectModalOpen } = useConnectModal();
  return (
    <Button
      variant="secondary"
      size="lg"
      className="w-full"
      disabled={!openConnectModal || connectModalOpen || signedIn}
      onClick={() => {
        onOpen();
        openConnectModal?.();
      }}
    >
      {signedIn ? "Signing in…" : SIGN_IN_WITH_ETHEREUM}
    </Button>
  );
}
