import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { placeOrder } from "@/lib/orders/place-order";
import { processPlacedOrder } from "@/lib/orders/process-order";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { createRedis } from "@/lib/security/redis";
import { seed } from "@/prisma/seed";
import { applyBaristaAction } from "./actions";
import { claimWithCode, lookupPickupCode, NO_SUCH_CODE, WRONG_CODES_PER_DEVICE } from "./claim";
import { getTicket } from "./tickets";

/**
 * The pickup code as proof at the counter, against the real database and Redis: wrong guesses
 * are counted atomically (parallel guesses cannot beat the limit), a right code is not counted,
 * and handing over needs the order's own code.
 */

const db = createDb(env().DATABASE_URL, 6);
const redis = createRedis(env().REDIS_URL);
const prefix = `${env().REDIS_KEY_PREFIX}claim-${randomUUID().slice(0, 8)}:`;
const limiter = createRateLimiter(redis, prefix);
let shopId: string;

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } })).id;
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
});

async function readyOrder() {
  const { order } = await placeOrder(db, { shop: "sfo-terminal-2", customerName: "Grace Hopper", items: [{ product: "butter-croissant", quantity: 1 }] });
  await db.$transaction((tx) => processPlacedOrder(tx, order.id));
  const { version } = (await getTicket(db, order.id))!;
  await applyBaristaAction(db, shopId, order.id, { action: "ready", version }, "barista");
  return order;
}

/** Codes in the pickup alphabet that no open order of the shop holds. */
async function wrongCodes(n: number): Promise<string[]> {
  const taken = new Set((await db.order.findMany({ where: { shopId, activePickupCode: { not: null } }, select: { activePickupCode: true } })).map((o) => o.activePickupCode));
  const codes: string[] = [];
  for (let i = 0; codes.length < n; i++) {
    const code = `Z${i.toString(32).toUpperCase().replace(/[01IO]/g, "Z").padStart(4, "Y")}`.slice(0, 5);
    if (!taken.has(code) && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

describe("claiming with the pickup code", () => {
  it("50 concurrent wrong codes from one device: exactly 5 are checked, 45 are refused by the limit", async () => {
    const device = `counter-${randomUUID()}`;
    const results = await Promise.allSettled((await wrongCodes(50)).map((code) => lookupPickupCode({ db, limiter }, { shopId, code, device })));
    const reasons = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "found"));
    expect(reasons.filter((c) => c === "not_found")).toHaveLength(WRONG_CODES_PER_DEVICE.limit);
    expect(reasons.filter((c) => c === "rate_limited")).toHaveLength(50 - WRONG_CODES_PER_DEVICE.limit);
    // The device is locked out now, even for a right code.
    const order = await readyOrder();
    await expect(lookupPickupCode({ db, limiter }, { shopId, code: order.pickupCode, device })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("50 concurrent guesses of one code from many devices: the code's own limit holds", async () => {
    const code = (await wrongCodes(51)).at(-1); // one the first test did not try
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => lookupPickupCode({ db, limiter }, { shopId, code: code!, device: `d-${randomUUID()}-${i}` })));
    expect(results.filter((r) => r.status === "rejected" && (r.reason as { message: string }).message === NO_SUCH_CODE)).toHaveLength(5);
  });

  it("right codes do not count against the device; handing over needs the order's own code", async () => {
    const device = `counter-${randomUUID()}`;
    const orders = await Promise.all(Array.from({ length: 7 }, () => readyOrder()));
    for (const order of orders) expect((await lookupPickupCode({ db, limiter }, { shopId, code: order.pickupCode.toLowerCase(), device })).id).toBe(order.id);

    const [first, second] = orders as [(typeof orders)[0], (typeof orders)[0]];
    await expect(claimWithCode({ db, limiter }, { shopId, orderId: first.id, code: second.pickupCode, device, actorId: "barista" })).rejects.toMatchObject({ code: "not_found", message: NO_SUCH_CODE });
    expect((await getTicket(db, first.id))?.status).toBe("READY");
    const claimed = await claimWithCode({ db, limiter }, { shopId, orderId: first.id, code: first.pickupCode, device, actorId: "barista" });
    expect(claimed).toMatchObject({ status: "CLAIMED", open: false });
  });
});
