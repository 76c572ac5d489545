import { DomainError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { tooManyAttemptsMessage, type RateLimiter, type RateLimitRule, type RateLimitState } from "@/lib/security/rate-limit";
import { WRONG_CREDENTIALS } from "./messages";
import type { SessionUser } from "./session-user";
import { changePassword, parseSignUp, signUp, verifyCredentials, WRONG_CURRENT_PASSWORD } from "./users";

/**
 * Sign-in, sign-up and password changes behind rate limits and a lock-out:
 * - 5 failed sign-ins per email (wrong current passwords count too) and 20 per client IP in 15
 *   minutes; then "Too many attempts. Try again in N minutes." A success clears the email's count.
 * - 30 sign-ups per client IP per hour (invalid forms do not count).
 * If Redis is unreachable the limits are skipped (logged): argon2 still makes guessing slow, and
 * an outage of the limiter should not lock every customer out.
 */

export const SIGN_IN_PER_EMAIL: RateLimitRule = { name: "signin-email", limit: 5, windowMs: 15 * 60_000 };
export const SIGN_IN_PER_IP: RateLimitRule = { name: "signin-ip", limit: 20, windowMs: 15 * 60_000 };
/** Generous: customers often sign up together on one shop's Wi-Fi (one IP). */
export const SIGN_UP_PER_IP: RateLimitRule = { name: "signup-ip", limit: 30, windowMs: 60 * 60_000 };

export type AttemptDeps = { db: Db; limiter: RateLimiter; log?: Pick<Logger, "warn"> };

type Check = { rule: RateLimitRule; subject: string };

function checksFor(email: unknown, ip: string | null): Check[] {
  const checks: Check[] = [];
  if (typeof email === "string" && email.trim()) checks.push({ rule: SIGN_IN_PER_EMAIL, subject: email.trim().toLowerCase() });
  if (ip) checks.push({ rule: SIGN_IN_PER_IP, subject: ip });
  return checks;
}

async function safely<T>(deps: AttemptDeps, what: string, operation: () => Promise<T>): Promise<T | null> {
  try {
    return await operation();
  } catch (error) {
    deps.log?.warn({ err: error instanceof Error ? error.message : String(error) }, `rate limiter unavailable (${what}); allowing the attempt`);
    return null;
  }
}

function throwIfBlocked(states: RateLimitState[] | null): void {
  const blocked = (states ?? []).filter((s) => !s.allowed);
  if (blocked.length > 0) throw new DomainError("rate_limited", tooManyAttemptsMessage(Math.max(...blocked.map((s) => s.retryAfterMs))));
}

/** The user for these credentials; DomainError "unauthenticated" (wrong) or "rate_limited" (locked out). */
export async function signInWithLimits(deps: AttemptDeps, input: { email: unknown; password: unknown; ip: string | null }): Promise<SessionUser> {
  const checks = checksFor(input.email, input.ip);
  throwIfBlocked(await safely(deps, "peek", () => Promise.all(checks.map((c) => deps.limiter.peek(c.rule, c.subject)))));
  const user = await verifyCredentials(deps.db, input.email, input.password);
  if (!user) {
    await safely(deps, "hit", () => Promise.all(checks.map((c) => deps.limiter.hit(c.rule, c.subject))));
    throw new DomainError("unauthenticated", WRONG_CREDENTIALS);
  }
  const byEmail = checks.find((c) => c.rule === SIGN_IN_PER_EMAIL);
  if (byEmail) await safely(deps, "reset", () => deps.limiter.reset(byEmail.rule, byEmail.subject));
  return user;
}

/** Creates a customer account, at most SIGN_UP_PER_IP.limit attempts per IP and window. */
export async function signUpWithLimits(deps: AttemptDeps, raw: unknown, ip: string | null): Promise<SessionUser> {
  parseSignUp(raw); // bad input is answered without counting
  if (ip) {
    const state = await safely(deps, "consume", () => deps.limiter.consume(SIGN_UP_PER_IP, ip));
    throwIfBlocked(state ? [state] : null);
  }
  return signUp(deps.db, raw);
}

/** Changes the password; wrong current passwords count as failed sign-ins of the account's email. */
export async function changePasswordWithLimits(deps: AttemptDeps, user: SessionUser, raw: unknown): Promise<void> {
  const check: Check = { rule: SIGN_IN_PER_EMAIL, subject: user.email.toLowerCase() };
  throwIfBlocked(await safely(deps, "peek", async () => [await deps.limiter.peek(check.rule, check.subject)]));
  try {
    await changePassword(deps.db, user.id, raw);
  } catch (error) {
    if (error instanceof DomainError && error.message === WRONG_CURRENT_PASSWORD) {
      await safely(deps, "hit", () => deps.limiter.hit(check.rule, check.subject));
    }
    throw error;
  }
}
