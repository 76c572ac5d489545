import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createRateLimiter, type RateLimiter } from "@/lib/security/rate-limit";
import { createRedis } from "@/lib/security/redis";
import { changePasswordWithLimits, SIGN_IN_PER_EMAIL, signInWithLimits, signUpWithLimits, SIGN_UP_PER_IP } from "./attempts";
import { WRONG_CREDENTIALS } from "./messages";

/** Sign-in lock-out and sign-up limits against the real database and Redis (this run's own keys). */

const db = createDb(env().DATABASE_URL, 4);
const redis = createRedis(env().REDIS_URL);
const prefix = `${env().REDIS_KEY_PREFIX}test-${randomUUID().slice(0, 8)}:`;
const limiter = createRateLimiter(redis, prefix);
const deps = { db, limiter };

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
});

const uniqueEmail = () => `lock-${randomUUID().slice(0, 8)}@example.test`;
const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as DomainError);

describe("signInWithLimits", () => {
  it("locks an email out after 5 failures, even with the right password, and says for how long", async () => {
    const email = uniqueEmail();
    await signUpWithLimits(deps, { name: "Lou", email, password: "the-right-password" }, uniqueIp());
    const ip = uniqueIp();
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit; i++) {
      const error = await failure(signInWithLimits(deps, { email, password: `wrong-${i}`, ip }));
      expect(error?.code).toBe("unauthenticated");
      expect(error?.message).toBe(WRONG_CREDENTIALS);
    }
    const locked = await failure(signInWithLimits(deps, { email: email.toUpperCase(), password: "the-right-password", ip: uniqueIp() }));
    expect(locked?.code).toBe("rate_limited");
    expect(locked?.message).toMatch(/^Too many attempts\. Try again in (14|15) minutes\.$/);
  });

  it("clears an email's failures on success", async () => {
    const email = uniqueEmail();
    await signUpWithLimits(deps, { name: "Sue", email, password: "the-right-password" }, null);
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit - 1; i++) await failure(signInWithLimits(deps, { email, password: "wrong", ip: null }));
    expect(await signInWithLimits(deps, { email, password: "the-right-password", ip: null })).toMatchObject({ email, name: "Sue" });
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit - 1; i++) await failure(signInWithLimits(deps, { email, password: "wrong", ip: null }));
    expect(await signInWithLimits(deps, { email, password: "the-right-password", ip: null })).toMatchObject({ email });
  });

  it("locks an IP out after 20 failures across many emails", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) expect((await failure(signInWithLimits(deps, { email: uniqueEmail(), password: "guess", ip })))?.code).toBe("unauthenticated");
    expect((await failure(signInWithLimits(deps, { email: uniqueEmail(), password: "guess", ip })))?.code).toBe("rate_limited");
  });

  it("lets people in when Redis is down (fail open, logged)", async () => {
    const email = uniqueEmail();
    await signUpWithLimits(deps, { name: "Otto", email, password: "the-right-password" }, null);
    const broken: RateLimiter = { peek: () => Promise.reject(new Error("down")), hit: () => Promise.reject(new Error("down")), consume: () => Promise.reject(new Error("down")), release: () => Promise.reject(new Error("down")), reset: () => Promise.reject(new Error("down")) };
    const warnings: string[] = [];
    const user = await signInWithLimits({ db, limiter: broken, log: { warn: (...args: unknown[]) => void warnings.push(String(args[1])) } }, { email, password: "the-right-password", ip: "10.0.0.9" });
    expect(user.email).toBe(email);
    expect(warnings.length).toBeGreaterThan(0);
  });
});

describe("signUpWithLimits", () => {
  it("allows SIGN_UP_PER_IP.limit sign-ups per IP per hour; invalid forms do not count", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) expect((await failure(signUpWithLimits(deps, { name: "X", email: uniqueEmail(), password: "short" }, ip)))?.code).toBe("invalid");
    for (let i = 0; i < SIGN_UP_PER_IP.limit; i++) await signUpWithLimits(deps, { name: `P${i}`, email: uniqueEmail(), password: "long-enough-pw" }, ip);
    const blocked = await failure(signUpWithLimits(deps, { name: "Late", email: uniqueEmail(), password: "long-enough-pw" }, ip));
    expect(blocked?.code).toBe("rate_limited");
    expect(blocked?.message).toMatch(/^Too many attempts\. Try again in (59|60) minutes\.$/);
  });
});

describe("changePasswordWithLimits", () => {
  it("counts wrong current passwords against the account's sign-in limit", async () => {
    const email = uniqueEmail();
    const user = await signUpWithLimits(deps, { name: "Cam", email, password: "the-right-password" }, null);
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit; i++) {
      expect((await failure(changePasswordWithLimits(deps, user, { currentPassword: "wrong", newPassword: "another-password" })))?.code).toBe("invalid");
    }
    expect((await failure(changePasswordWithLimits(deps, user, { currentPassword: "the-right-password", newPassword: "another-password" })))?.code).toBe("rate_limited");
  });
});
