import { DomainError } from "@/lib/actions/result";
import type { Db } from "@/lib/db";
import { tooManyAttemptsMessage, type RateLimiter, type RateLimitRule } from "@/lib/security/rate-limit";
import { findClaimable } from "./actions";
import type { Ticket } from "./tickets";

/**
 * Looking up a pickup code at the counter, with limits on wrong guesses per device and per code
 * (so codes cannot be walked through). A miss says the same thing whatever the reason: it reveals
 * nothing about other orders or other shops.
 */

export const WRONG_CODES_PER_DEVICE: RateLimitRule = { name: "claim-device", limit: 5, windowMs: 60_000 };
export const WRONG_CODES_PER_CODE: RateLimitRule = { name: "claim-code", limit: 5, windowMs: 60_000 };
export const NO_SUCH_CODE = "No order is ready for pickup with that code here. Check the code with the customer.";

export async function lookupPickupCode(deps: { db: Db; limiter: RateLimiter }, input: { shopId: string; code: string; device: string }): Promise<Ticket> {
  const code = input.code.toUpperCase().replace(/[\s-]+/g, "").slice(0, 12);
  const deviceKey = `${input.shopId}:${input.device}`;
  const codeKey = `${input.shopId}:${code}`;
  for (const [rule, subject] of [[WRONG_CODES_PER_DEVICE, deviceKey], [WRONG_CODES_PER_CODE, codeKey]] as const) {
    const state = await deps.limiter.peek(rule, subject);
    if (!state.allowed) throw new DomainError("rate_limited", tooManyAttemptsMessage(state.retryAfterMs));
  }
  const ticket = await findClaimable(deps.db, input.shopId, code);
  if (ticket) return ticket;
  await Promise.all([deps.limiter.hit(WRONG_CODES_PER_DEVICE, deviceKey), deps.limiter.hit(WRONG_CODES_PER_CODE, codeKey)]);
  throw new DomainError("not_found", NO_SUCH_CODE);
}
