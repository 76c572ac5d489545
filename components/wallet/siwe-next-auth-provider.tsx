"use client";

import { createAuthenticationAdapter, RainbowKitAuthenticationProvider, type AuthenticationStatus } from "@rainbow-me/rainbowkit";
import { signIn, signOut } from "next-auth/react";
import { useMemo, useState, type ReactNode } from "react";
import { createSiweMessage, parseSiweMessage } from "viem/siwe";
import { forgetAccountDevice } from "@/components/push/this-device";

/**
 * Sign-In with Ethereum through RainbowKit's authentication adapter and next-auth's "siwe"
 * provider (lib/auth/next-auth.ts). After connecting, RainbowKit's dialog asks the wallet to sign
 * an EIP-4361 message; next-auth verifies it and starts the same JWT session as a password would.
 *
 * Why not `@rainbow-me/rainbowkit-siwe-next-auth` (0.5.0, the current release): it uses next-auth's
 * CSRF token as the nonce (reusable for the whole browser session, so a signed message could be
 * replayed) and always calls signIn("credentials"), our email/password provider. This is the same
 * ~60 lines with a single-use nonce from POST /api/siwe/nonce, bound to the browser by a cookie.
 */

export type SiweOptions = {
  /** Where next-auth should consider the sign-in to lead (already sanitised by the page). */
  callbackUrl: string;
  /** Called after the session exists (e.g. navigate). */
  onSignedIn?: () => void;
  /** Called with next-auth's error sentence when the server refuses the signature. */
  onError?: (message: string) => void;
  statement?: string;
};

const MESSAGE_LIFETIME_MS = 5 * 60_000;
export const SIWE_STATEMENT = "Sign in to Go Coffee with this wallet.";

async function fetchNonce(): Promise<string> {
  const response = await fetch("/api/siwe/nonce", { method: "POST", credentials: "same-origin" });
  const body = (await response.json().catch(() => null)) as { nonce?: unknown } | null;
  if (!response.ok || typeof body?.nonce !== "string") throw new Error("no nonce");
  return body.nonce;
}

export function SiweNextAuthProvider({ children, callbackUrl, onSignedIn, onError, statement = SIWE_STATEMENT }: SiweOptions & { children: ReactNode }) {
  const [status, setStatus] = useState<AuthenticationStatus>("unauthenticated");
  // RainbowKit fetches one nonce per dialog and reuses it for "try again"; the server spends a
  // nonce on every attempt, so a retry gets a fresh one.
  const [spent] = useState(() => new Set<string>());

  const adapter = useMemo(
    () =>
      createAuthenticationAdapter<string>({
        getNonce: fetchNonce,
        async createMessage({ address, chainId, nonce }) {
          const fresh = spent.has(nonce) ? await fetchNonce() : nonce;
          const issuedAt = new Date();
          return createSiweMessage({
            domain: window.location.host,
            uri: window.location.origin,
            version: "1",
            statement,
            address,
            chainId,
            nonce: fresh,
            issuedAt,
            expirationTime: new Date(issuedAt.getTime() + MESSAGE_LIFETIME_MS),
          });
        },
        async verify({ message, signature }) {
          const { nonce } = parseSiweMessage(message);
          if (nonce) spent.add(nonce);
          const result = await signIn("siwe", { message, signature, callbackUrl, redirect: false }).catch(() => undefined);
          if (!result?.ok || result.error) {
            onError?.(result?.error ?? "unavailable");
            return false;
          }
          setStatus("authenticated");
          onSignedIn?.();
          return true;
        },
        async signOut() {
          await forgetAccountDevice();
          await signOut({ redirect: false });
          setStatus("unauthenticated");
        },
      }),
    [callbackUrl, onError, onSignedIn, spent, statement],
  );

  return (
    <RainbowKitAuthenticationProvider adapter={adapter} status={status}>
      {children}
    </RainbowKitAuthenticationProvider>
  );
}
