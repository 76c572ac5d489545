import { createHash } from "node:crypto";
import { RateLimited } from "@/lib/errors";
import type { Db } from "@/lib/db";
import type { Env } from "@/lib/env";
import type { Logger } from "@/lib/log";
import type { ClientIdentity } from "@/lib/security/device";
import { consumeAll, type RateLimiter, type RateLimitRule } from "@/lib/security/rate-limit";
import { placeOrder, type PlaceOrderResult } from "./place-order";

/**
 * Limits on placing orders, so a script cannot fill every queue and reserve all the stock:
 * - a guest: ORDER_LIMIT_GUEST_PER_MINUTE per device (device cookie, else address) and
 *   ORDER_LIMIT_IP_PER_MINUTE per address (cookies are free to invent; a café's Wi-Fi shares one
 *   address, so this one is looser), and at most GUEST_OPEN_ORDERS_MAX open orders per device;
 * - a signed-in customer: ORDER_LIMIT_USER_PER_MINUTE.
 * Counted atomically in Redis (lib/security/rate-limit.ts); when Redis is down ordering goes on
 * (logged): losing sales to a cache outage is worse than a while without flood limits.
 */

export type PlacementLimits = { guestPerMinute: number; ipPerMinute: number; userPerMinute: number; guestOpenMax: number };

export function placementLimitsFrom(env: Env): PlacementLimits {
  return { guestPerMinute: env.ORDER_LIMIT_GUEST_PER_MINUTE, ipPerMinute: env.ORDER_LIMIT_IP_PER_MINUTE, userPerMinute: env.ORDER_LIMIT_USER_PER_MINUTE, guestOpenMax: env.GUEST_OPEN_ORDERS_MAX };
}

const rule = (name: string, limit: number): RateLimitRule => ({ name, limit, windowMs: 60_000 });

/** The per-minute checks that apply to this client. */
export function placementChecks(client: ClientIdentity & { userId: string | null }, limits: PlacementLimits): { rule: RateLimitRule; subject: string }[] {
  if (client.userId) return [{ rule: rule("order-user", limits.userPerMinute), subject: client.userId }];
  const checks = [];
  const device = client.device ?? client.ip;
  if (device) checks.push({ rule: rule("order-guest", limits.guestPerMinute), subject: device });
  if (client.ip) checks.push({ rule: rule("order-ip", limits.ipPerMinute), subject: client.ip });
  return checks;
}

/** What a guest order remembers of who placed it (a hash: never the address itself). */
export function guestClientOf(client: ClientIdentity): string | null {
  const id = client.device ? `device:${client.device}` : client.ip ? `ip:${client.ip}` : null;
  return id ? createHash("sha256").update(id).digest("base64url").slice(0, 22) : null;
}

export type PlacementDeps = { db: Db; limiter: RateLimiter; log: Logger; limits: PlacementLimits };
export type PlacementRequest = { raw: unknown; idempotencyKey: string | null; userId: string | null; client: ClientIdentity };

/** placeOrder behind the limits above: both doors (POST /api/orders and the checkout's action) use this. */
export async function placeOrderWithLimits(deps: PlacementDeps, request: PlacementRequest): Promise<PlaceOrderResult> {
  const checks = placementChecks({ ...request.client, userId: request.userId }, deps.limits);
  const admitted = await consumeAll(deps.limiter, checks).catch((error: unknown) => {
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, "rate limiter unavailable; placing the order without limits");
    return null;
  });
  if (admitted && !admitted.allowed) {
    const seconds = Math.max(1, Math.ceil(admitted.retryAfterMs / 1000));
    throw new RateLimited(`You are ordering faster than we can take orders from one place. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`, admitted.retryAfterMs);
  }
  const guestClient = request.userId ? null : guestClientOf(request.client);
  return placeOrder(deps.db, request.raw, {
    idempotencyKey: request.idempotencyKey,
    userId: request.userId,
    ...(guestClient ? { guestCap: { client: guestClient, maxOpen: deps.limits.guestOpenMax } } : {}),
  });
}
