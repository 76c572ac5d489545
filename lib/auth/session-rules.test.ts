import { describe, expect, it } from "vitest";
import { SESSION_CLOCK_SKEW_MS, SESSION_IDLE_MS, SESSION_MAX_AGE_MS, sessionVerdict } from "./session-rules";

const rules = { refreshMs: 60_000, idleMs: SESSION_IDLE_MS, maxAgeMs: SESSION_MAX_AGE_MS, clockSkewMs: SESSION_CLOCK_SKEW_MS };
const now = Date.parse("2026-12-02T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

describe("sessionVerdict", () => {
  it("keeps a session refreshed less than the refresh interval ago, and refreshes it after", () => {
    expect(sessionVerdict({ refreshedAt: now - 59_000, activeAt: now - 59_000, signedInAt: now - DAY }, now, rules)).toEqual({ action: "keep" });
    expect(sessionVerdict({ refreshedAt: now - 60_000, activeAt: now - 1_000, signedInAt: now - DAY }, now, rules)).toEqual({ action: "refresh" });
    // An explicit update always re-reads the user.
    expect(sessionVerdict({ refreshedAt: now - 1_000, activeAt: now - 1_000, signedInAt: now - DAY }, now, rules, true)).toEqual({ action: "refresh" });
    // The interval is a setting (browser tests shorten it).
    expect(sessionVerdict({ refreshedAt: now - 2_000, activeAt: now, signedInAt: now - DAY }, now, { ...rules, refreshMs: 1_000 })).toEqual({ action: "refresh" });
  });

  it("refuses a token whose refreshedAt (or activeAt, signedInAt) lies in the future beyond the clock skew, instead of skipping the refresh", () => {
    expect(sessionVerdict({ refreshedAt: now + 365 * DAY, activeAt: now, signedInAt: now - DAY }, now, rules)).toEqual({ action: "end", reason: "future" });
    expect(sessionVerdict({ refreshedAt: now + SESSION_CLOCK_SKEW_MS + 1, activeAt: now, signedInAt: now - DAY }, now, rules)).toEqual({ action: "end", reason: "future" });
    expect(sessionVerdict({ refreshedAt: now - 1_000, activeAt: now + DAY, signedInAt: now - DAY }, now, rules)).toEqual({ action: "end", reason: "future" });
    expect(sessionVerdict({ refreshedAt: now - 1_000, activeAt: now, signedInAt: now + DAY }, now, rules)).toEqual({ action: "end", reason: "future" });
    // Another server's clock a little ahead is allowed.
    expect(sessionVerdict({ refreshedAt: now + SESSION_CLOCK_SKEW_MS, activeAt: now, signedInAt: now - DAY }, now, rules)).toEqual({ action: "keep" });
  });

  it("ends a session idle for 7 days; activity keeps it going", () => {
    const signedInAt = now - 20 * DAY;
    expect(sessionVerdict({ refreshedAt: now - 7 * DAY - 1, activeAt: now - 7 * DAY - 1, signedInAt }, now, rules)).toEqual({ action: "end", reason: "idle" });
    expect(sessionVerdict({ refreshedAt: now - 7 * DAY + 60_000, activeAt: now - 7 * DAY + 60_000, signedInAt }, now, rules)).toEqual({ action: "refresh" });
    expect(sessionVerdict({ refreshedAt: now - 3 * DAY, activeAt: now - 1_000, signedInAt }, now, rules)).toEqual({ action: "refresh" });
    // Tokens from before activeAt existed count from their last refresh.
    expect(sessionVerdict({ refreshedAt: now - 8 * DAY }, now, rules)).toEqual({ action: "end", reason: "idle" });
    expect(sessionVerdict({ refreshedAt: now - 2 * DAY }, now, rules)).toEqual({ action: "refresh" });
    expect(sessionVerdict({}, now, rules)).toEqual({ action: "end", reason: "idle" });
  });

  it("ends a session 30 days after sign-in, however active", () => {
    expect(sessionVerdict({ refreshedAt: now - 1_000, activeAt: now - 1_000, signedInAt: now - 30 * DAY - 1 }, now, rules)).toEqual({ action: "end", reason: "expired" });
    expect(sessionVerdict({ refreshedAt: now - 1_000, activeAt: now - 1_000, signedInAt: now - 29 * DAY }, now, rules)).toEqual({ action: "keep" });
  });
});
