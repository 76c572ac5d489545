import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { createRateLimiter, subjectKey, type RateLimitRule } from "./rate-limit";
import { createRedis } from "./redis";

/** The limiter against the real Redis; every key of this run sits under its own prefix. */

const redis = createRedis(env().REDIS_URL);
const prefix = `${env().REDIS_KEY_PREFIX}test-${randomUUID().slice(0, 8)}:`;
const limiter = createRateLimiter(redis, prefix);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const rule = (limit: number, windowMs = 60_000): RateLimitRule => ({ name: `r${randomUUID().slice(0, 6)}`, limit, windowMs });
const T0 = 1_800_000_000_000;

describe("rate limiter (Redis)", () => {
  it("hit: counts events and blocks at the limit until the oldest leaves the window", async () => {
    const r = rule(3, 60_000);
    expect(await limiter.peek(r, "a@example.test", T0)).toEqual({ allowed: true, count: 0, remaining: 3, retryAfterMs: 0 });
    await limiter.hit(r, "a@example.test", T0);
    await limiter.hit(r, "a@example.test", T0 + 10_000);
    const third = await limiter.hit(r, "a@example.test", T0 + 20_000);
    expect(third).toMatchObject({ allowed: true, count: 3, remaining: 0, retryAfterMs: 40_000 });
    expect(await limiter.peek(r, "a@example.test", T0 + 30_000)).toMatchObject({ allowed: false, count: 3, retryAfterMs: 30_000 });
    // Sliding window: the first hit expires at T0 + 60 s, freeing one slot.
    expect(await limiter.peek(r, "a@example.test", T0 + 60_001)).toMatchObject({ allowed: true, count: 2, remaining: 1 });
    // Other subjects are independent.
    expect(await limiter.peek(r, "b@example.test", T0 + 30_000)).toMatchObject({ allowed: true, count: 0 });
  });

  it("consume: admits exactly `limit` of many concurrent requests", async () => {
    const r = rule(5);
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.consume(r, "10.0.0.1", T0)));
    expect(results.filter((s) => s.allowed)).toHaveLength(5);
    expect(results.filter((s) => !s.allowed).every((s) => s.retryAfterMs === 60_000)).toBe(true);
    expect(await limiter.peek(r, "10.0.0.1", T0)).toMatchObject({ count: 5, allowed: false });
  });

  it("reset: forgets the subject", async () => {
    const r = rule(1);
    await limiter.hit(r, "c@example.test", T0);
    expect((await limiter.peek(r, "c@example.test", T0)).allowed).toBe(false);
    await limiter.reset(r, "c@example.test");
    expect((await limiter.peek(r, "c@example.test", T0)).allowed).toBe(true);
  });

  it("keeps subjects out of the keys and lets them expire with the window", async () => {
    const r = rule(2, 5_000);
    await limiter.hit(r, "private@example.test");
    const key = subjectKey(prefix, r, "private@example.test");
    expect(key).not.toContain("private");
    expect(key.startsWith(prefix)).toBe(true);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });
});
