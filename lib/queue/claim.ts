import { DomainError, RateLimited } from "@/lib/errors";
import type { Db } from "@/lib/db";
import { normalizePickupCode } from "@/lib/orders/pickup-code";
import { consumeAll, tooManyAttemptsMessage, type RateLimiter, type RateLimitRule } from "@/lib/security/rate-limit";
import { claimOrder, findClaimable } from "./actions";
import type { Ticket } from "./tickets";

/**
 * The pickup code is the customer's proof at the counter: finding an order by it and handing it
 * over both need the code, and wrong codes are limited per device and per code (so codes cannot be
 * walked through). Every attempt takes a slot atomically before the code is checked and a right
 * code gives it back, so parallel guesses cannot all slip past a limit that none of them had
 * reached yet. A miss says the same thing whatever the reason: it reveals nothing about other
 * orders or other shops.
 */

export const WRONG_CODES_PER_DEVICE: RateLimitRule = { name: "claim-device", limit: 5, windowMs: 60_000 };
export const WRONG_CODES_PER_CODE: RateLimitRule = { name: "claim-code", limit: 5, windowMs: 60_000 };
export const NO_SUCH_CODE = "No order is ready for pickup with that code here. Check the code with the customer.";

type Deps = { db: Db; limiter: RateLimiter };
type Attempt = { shopId: string; code: string; device: string };

/** Runs `check` as one counted attempt: refused when the limits are reached, given back when it succeeds. */
async function counted<T>(limiter: RateLimiter, input: Attempt, check: (code: string) => Promise<T | null>): Promise<T> {
  const code = input.code.toUpperCase().replace(/[\s-]+/g, "").slice(0, 12);
  const attempt = await consumeAll(limiter, [
    { rule: WRONG_CODES_PER_DEVICE, subject: `${input.shopId}:${input.device}` },
    { rule: WRONG_CODES_PER_CODE, subject: `${input.shopId}:${code}` },
  ]);
  if (!attempt.allowed) throw new RateLimited(tooManyAttemptsMessage(attempt.retryAfterMs), attempt.retryAfterMs);
  const found = normalizePickupCode(code) ? await check(code) : null;
  if (found === null) throw new DomainError("not_found", NO_SUCH_CODE);
  await attempt.release();
  return found;
}

/** The ready order of this shop with this code, for the barista to confirm. */
export function lookupPickupCode(deps: Deps, input: Attempt): Promise<Ticket> {
  return counted(deps.limiter, input, (code) => findClaimable(deps.db, input.shopId, code));
}

/** Hands the order over (READY → CLAIMED), only with the code that order carries. */
export async function claimWithCode(deps: Deps, input: Attempt & { orderId: string; actorId: string }): Promise<Ticket> {
  await counted(deps.limiter, input, async (code) => ((await findClaimable(deps.db, input.shopId, code))?.id === input.orderId ? true : null));
  return claimOrder(deps.db, input.shopId, input.orderId, input.actorId);
}
