import { DomainError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { tooManyAttemptsMessage, type RateLimiter, type RateLimitRule } from "@/lib/security/rate-limit";
import { checkSiweMessage, SiweRefusedError, type SiweExpectations } from "./siwe";
import { walletSessionUser } from "./siwe-accounts";
import type { SiweNonceStore } from "./siwe-nonces";
import type { SessionUser } from "./session-user";

/**
 * Sign-In with Ethereum end to end, over injected stores:
 * 1. `issueSiweNonce`: a nonce for this browser (binding), at most SIWE_NONCES_PER_IP per IP and
 *    window, so nobody fills Redis with nonces. Every sign-in attempt needs a fresh nonce, so this
 *    also limits attempts.
 * 2. `signInWithEthereum`: the message and signature are checked (siwe.ts), then the nonce is
 *    spent (refused if unknown, expired, already used or issued to another browser), then the
 *    wallet's account is found or created.
 * The nonce store failing means no wallet sign-in (fail closed: it is what stops replays); the
 * rate limiter failing is logged and ignored, as for passwords (attempts.ts).
 */

export const SIWE_NONCES_PER_IP: RateLimitRule = { name: "siwe-nonce-ip", limit: 30, windowMs: 10 * 60_000 };

export type SiweDeps = { db: Db; nonces: SiweNonceStore; limiter: RateLimiter; log?: Pick<Logger, "warn" | "info"> };

export async function issueSiweNonce(deps: Pick<SiweDeps, "nonces" | "limiter" | "log">, input: { binding: string; ip: string | null }): Promise<string> {
  if (input.ip) {
    const state = await deps.limiter.consume(SIWE_NONCES_PER_IP, input.ip).catch((error: unknown) => {
      deps.log?.warn({ err: error instanceof Error ? error.message : String(error) }, "rate limiter unavailable (siwe nonce); allowing");
      return null;
    });
    if (state && !state.allowed) throw new DomainError("rate_limited", tooManyAttemptsMessage(state.retryAfterMs));
  }
  return deps.nonces.issue(input.binding);
}

export async function signInWithEthereum(
  deps: Pick<SiweDeps, "db" | "nonces" | "log">,
  input: { message: unknown; signature: unknown; binding: string | null },
  expected: SiweExpectations,
): Promise<SessionUser> {
  try {
    const checked = await checkSiweMessage(input.message, input.signature, expected);
    if (!input.binding || !(await deps.nonces.consume(checked.nonce, input.binding))) throw new SiweRefusedError("nonce");
    const user = await walletSessionUser(deps.db, checked.address);
    deps.log?.info({ userId: user.id, chainId: checked.chainId }, "signed in with Ethereum");
    return user;
  } catch (error) {
    if (error instanceof SiweRefusedError) deps.log?.warn({ reason: error.reason }, "Sign-In with Ethereum refused");
    throw error;
  }
}
