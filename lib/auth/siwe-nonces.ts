import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";
import { env } from "@/lib/env";
import { redis } from "@/lib/security/redis";

/**
 * Nonces for Sign-In with Ethereum, kept in Redis and bound to the browser that asked for them.
 *
 * - `issue(binding)`: a fresh random nonce, remembered for NONCE_TTL_S with a hash of the
 *   browser's binding (an httpOnly cookie, see siwe-binding.ts).
 * - `consume(nonce, binding)`: true once, if the nonce was issued to this binding and has not
 *   expired. The nonce is deleted whatever the outcome (GETDEL), so a signed message works at most
 *   once: a replay, or a nonce issued to another browser, is refused.
 *
 * Nonces are 128 random bits from node:crypto (viem's generateSiweNonce uses Math.random).
 */

export const NONCE_TTL_S = 5 * 60;
/** EIP-4361: at least 8 alphanumeric characters. Ours are 32 hex characters. */
const NONCE_FORMAT = /^[a-zA-Z0-9]{8,64}$/;

export type SiweNonceStore = {
  issue(binding: string): Promise<string>;
  consume(nonce: string, binding: string): Promise<boolean>;
};

const digest = (binding: string) => createHash("sha256").update(binding).digest("base64url");

export function createSiweNonceStore(client: Redis, prefix: string, ttlS = NONCE_TTL_S): SiweNonceStore {
  const key = (nonce: string) => `${prefix}siwe:nonce:${nonce}`;
  return {
    async issue(binding) {
      const nonce = randomBytes(16).toString("hex");
      await client.set(key(nonce), digest(binding), "EX", ttlS);
      return nonce;
    },
    async consume(nonce, binding) {
      if (!NONCE_FORMAT.test(nonce) || !binding) return false;
      const stored = await client.getdel(key(nonce));
      if (stored === null) return false;
      const expected = Buffer.from(digest(binding));
      const actual = Buffer.from(stored);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}

let store: SiweNonceStore | undefined;

/** The app's nonce store: the shared Redis connection, keys under REDIS_KEY_PREFIX. */
export function siweNonces(): SiweNonceStore {
  store ??= createSiweNonceStore(redis(), env().REDIS_KEY_PREFIX);
  return store;
}
