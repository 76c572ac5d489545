import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { createRedis } from "@/lib/security/redis";
import { seed } from "@/prisma/seed";
import { placeOrderWithLimits, type PlacementLimits } from "./placement-limits";

/** Flood limits on placing orders, against the real database and Redis. */

const db = createDb(env().DATABASE_URL, 8);
const redis = createRedis(env().REDIS_URL);
const prefix = `${env().REDIS_KEY_PREFIX}placement-${randomUUID().slice(0, 8)}:`;
const LIMITS: PlacementLimits = { guestPerMinute: 5, ipPerMinute: 7, userPerMinute: 3, guestOpenMax: 3 };
const deps = { db, limiter: createRateLimiter(redis, prefix), log: childLogger("test"), limits: LIMITS };
const ORDER = { shop: "sfo-terminal-2", customerName: "Flood", items: [{ product: "butter-croissant", quantity: 1 }] };

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
});

const device = () => randomUUID().replace(/-/g, "").slice(0, 22);
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;
const place = (client: { device: string | null; ip: string | null }, userId: string | null = null, key: string | null = null) =>
  placeOrderWithLimits(deps, { raw: ORDER, idempotencyKey: key, userId, client }).then(
    (r) => ({ ok: true as const, order: r.order }),
    (e: { code: string; retryAfterMs?: number; message: string }) => ({ ok: false as const, code: e.code, retryAfterMs: e.retryAfterMs, message: e.message }),
  );
const countOrders = () => db.order.count({ where: { customerName: "Flood" } });

describe("placement limits", () => {
  it("a guest device gets its per-minute share at once, however many requests race; the rest are refused with a wait and write nothing", async () => {
    const client = { device: device(), ip: ip() };
    await db.order.updateMany({ where: { customerName: "Flood" }, data: { status: "CLAIMED" } }); // no open-order cap in the way
    const before = await countOrders();
    const results = await Promise.all(Array.from({ length: 20 }, () => place(client)));
    const placed = results.filter((r) => r.ok).length;
    const refused = results.filter((r) => !r.ok);
    expect(placed).toBeLessThanOrEqual(LIMITS.guestPerMinute);
    expect(placed).toBeGreaterThan(0);
    expect(refused.every((r) => !r.ok && r.code === "rate_limited")).toBe(true);
    expect(refused.some((r) => !r.ok && (r.retryAfterMs ?? 0) > 0)).toBe(true);
    expect(await countOrders()).toBe(before + placed);
  });

  it("caps a guest's open orders: the fourth waits until one is collected", async () => {
    const client = { device: device(), ip: ip() };
    const first = [await place(client), await place(client), await place(client)];
    expect(first.filter((r) => !r.ok)).toEqual([]);
    const fourth = await place(client);
    expect(fourth).toMatchObject({ ok: false, code: "rate_limited", message: expect.stringMatching(/^You already have 3 orders waiting to be paid or collected/) });
    const done = first[0]!;
    if (!done.ok) throw new Error("unreachable");
    await db.order.update({ where: { id: done.order.id }, data: { status: "CLAIMED" } });
    expect((await place(client)).ok).toBe(true);
  });

  it("a script inventing a new cookie per request is still held by its address", async () => {
    const address = ip();
    await db.order.updateMany({ where: { customerName: "Flood" }, data: { status: "CLAIMED" } });
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await place({ device: device(), ip: address }));
    expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.ipPerMinute);
  });

  it("limits a signed-in customer per account, and answers an Idempotency-Key only to whoever made it", async () => {
    const user = await db.user.create({ data: { name: "Flood Account", email: `flood-${randomUUID()}@test` } });
    const key = `flood-${randomUUID()}`;
    const made = await place({ device: null, ip: null }, user.id, key);
    expect(made.ok).toBe(true);
    const stolen = await place({ device: device(), ip: ip() }, null, key);
    expect(stolen).toMatchObject({ ok: false, code: "conflict" });
    const results = [await place({ device: null, ip: null }, user.id), await place({ device: null, ip: null }, user.id), await place({ device: null, ip: null }, user.id)];
    expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.userPerMinute - 1);
  });

  it("keeps taking orders when Redis is down (logged)", async () => {
    const down = createRedis("redis://127.0.0.1:1").on("error", () => undefined);
    const broken = createRateLimiter(down, "x:");
    const result = await placeOrderWithLimits({ ...deps, limiter: broken }, { raw: ORDER, idempotencyKey: null, userId: null, client: { device: device(), ip: ip() } });
    expect(result.created).toBe(true);
  });
});
