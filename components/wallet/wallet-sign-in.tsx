"use client";

import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { signInErrorMessage } from "@/lib/auth/messages";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SIGN_IN_WITH_ETHEREUM } from "@/lib/wallet/labels";
import type { WalletSettings } from "@/lib/wallet/settings";
import { WalletProviders } from "./wallet-providers";

/**
 * "Sign in with Ethereum" on the sign-in page: opens RainbowKit's dialog (choose a wallet,
 * connect, sign the message); once next-auth has the session, a full page load to callbackUrl.
 * `openOnLoad`: open the dialog at once (the person already chose this, before the code loaded).
 */
export function WalletSignIn({ settings, callbackUrl, openOnLoad = false }: { settings: WalletSettings; callbackUrl: string; openOnLoad?: boolean }) {
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
      <ConnectAndSignButton signedIn={signedIn} openOnLoad={openOnLoad} onOpen={() => setError(null)} />
      {error ? (
        <p role="alert" className="mt-3 text-center text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </WalletProviders>
  );
}

function ConnectAndSignButton({ signedIn, openOnLoad, onOpen }: { signedIn: boolean; openOnLoad: boolean; onOpen: () => void }) {
  const { openConnectModal, connectModalOpen } = useConnectModal();
  const autoOpened = useRef(!openOnLoad);
  useEffect(() => {
    if (autoOpened.current || !openConnectModal) return;
    // After the current effects: RainbowKit's modal provider closes its dialogs when it mounts.
    const timer = setTimeout(() => {
      autoOpened.current = true;
      openConnectModal();
    }, 0);
    return () => clearTimeout(timer);
  }, [openConnectModal]);
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
