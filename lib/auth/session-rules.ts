/**
 * When a signed-in session (next-auth's JWT) must end, and when it re-reads its user from the
 * database. Pure: the jwt callback in next-auth.ts applies it.
 *
 * - The token carries `refreshedAt` (last database read), `activeAt` (last time the browser used
 *   it and got a re-issued cookie), `signedInAt` and the user's `sessionVersion` at sign-in.
 * - It refreshes at most every `refreshMs`; the refresh ends it when the account is gone or its
 *   session version moved on ("Sign out everywhere", a password change): revocation takes effect
 *   within `refreshMs` (a minute by default, SESSION_REFRESH_SECONDS).
 * - Idle for `idleMs` (7 days: no page opened that re-issued the cookie) ends it; so does
 *   `maxAgeMs` (30 days) after sign-in, however active.
 * - A `refreshedAt` (or `activeAt`) in the future is refused outright: only our own servers write
 *   these, so it is a forged token or a clock gone wrong, and trusting it would skip the refresh
 *   (role changes, revocation) until that time. `clockSkewMs` allows for servers' clocks.
 */

export type SessionTimes = { refreshedAt?: number; activeAt?: number; signedInAt?: number };
export type SessionRules = { refreshMs: number; idleMs: number; maxAgeMs: number; clockSkewMs: number };

export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_CLOCK_SKEW_MS = 30_000;

export type SessionVerdict = { action: "end"; reason: "future" | "idle" | "expired" } | { action: "refresh" } | { action: "keep" };

export function sessionVerdict(token: SessionTimes, now: number, rules: SessionRules, forceRefresh = false): SessionVerdict {
  const { refreshedAt, activeAt, signedInAt } = token;
  const future = (t: number | undefined) => t !== undefined && t > now + rules.clockSkewMs;
  if (future(refreshedAt) || future(activeAt) || future(signedInAt)) return { action: "end", reason: "future" };
  // Tokens from before activeAt existed count from their last refresh (their sign-in).
  const lastActive = activeAt ?? refreshedAt;
  if (lastActive === undefined || now - lastActive > rules.idleMs) return { action: "end", reason: "idle" };
  if (signedInAt !== undefined && now - signedInAt > rules.maxAgeMs) return { action: "end", reason: "expired" };
  if (forceRefresh || refreshedAt === undefined || now - refreshedAt >= rules.refreshMs) return { action: "refresh" };
  return { action: "keep" };
}
