import { randomUUID } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authOptions } from "./next-auth";
import type { SessionUser } from "./session-user";
import { changePassword, signOutEverywhere, signUp } from "./users";

/**
 * Sessions as next-auth's jwt callback (next-auth.ts) keeps them, against the real database:
 * "Sign out everywhere" and a password change end every session at its next refresh (within the
 * refresh interval, not before), a session idle for 7 days ends, and a token whose refreshedAt
 * lies in the future is refused instead of skipping the refresh (a demotion would never land).
 */

afterAll(() => db().$disconnect());

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const jwt = (token: JWT, user?: SessionUser) => authOptions().callbacks!.jwt!({ token, user: user as never, account: null, ...(user ? { trigger: "signIn" as const } : {}) });
const PASSWORD = "espresso-and-more";

async function signedIn(): Promise<{ user: SessionUser; token: JWT }> {
  const user = await signUp(db(), { name: "Casey", email: `session-${randomUUID().slice(0, 8)}@example.test`, password: PASSWORD });
  const token = await jwt({}, user);
  expect(token.user).toEqual(user);
  expect(token).toMatchObject({ sessionVersion: 0, refreshedAt: expect.any(Number), activeAt: expect.any(Number), signedInAt: expect.any(Number) });
  return { user, token };
}

/** The same token as it would look `ms` later (its times moved back). */
const aged = (token: JWT, ms: number): JWT => ({ ...token, refreshedAt: token.refreshedAt! - ms, activeAt: token.activeAt! - ms, signedInAt: token.signedInAt! - ms });

describe("session revocation", () => {
  it("'Sign out everywhere' ends every session at its next refresh, within the refresh interval", async () => {
    const { user, token } = await signedIn();
    const otherDevice = aged(token, 10_000);
    expect(await signOutEverywhere(db(), user.id)).toBe(1);
    // Until its refresh is due the token is not re-read (at most SESSION_REFRESH_SECONDS, a minute by default)…
    expect((await jwt(otherDevice)).user).toEqual(user);
    // …then it is, and the session ends.
    const refreshed = await jwt(aged(token, MINUTE));
    expect(refreshed.user).toBeUndefined();
    // Signed out stays signed out.
    expect((await jwt(refreshed)).user).toBeUndefined();
    // Signing in again gives a session with the new version.
    const again = await jwt({}, user);
    expect(again.sessionVersion).toBe(1);
    expect((await jwt(aged(again, MINUTE))).user).toEqual(user);
  });

  it("a password change ends the sessions signed in with the old password", async () => {
    const { user, token } = await signedIn();
    await changePassword(db(), user.id, { currentPassword: PASSWORD, newPassword: "a brand new password" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    expect((await jwt(aged(token, MINUTE))).user).toBeUndefined();
    // A wrong current password changes nothing.
    const fresh = await jwt({}, user);
    await expect(changePassword(db(), user.id, { currentPassword: PASSWORD, newPassword: "yet another password" })).rejects.toThrow("The current password is not right.");
    expect((await jwt(aged(fresh, MINUTE))).user).toEqual(user);
  });

  it("an explicit session update cannot adopt a newer version (a revoked session cannot revive itself)", async () => {
    const { user, token } = await signedIn();
    await signOutEverywhere(db(), user.id);
    const updated = await authOptions().callbacks!.jwt!({ token, user: undefined as never, account: null, trigger: "update" });
    expect(updated.user).toBeUndefined();
  });
});

describe("session lifetime", () => {
  it("ends a session idle for 7 days; one used within them carries on", async () => {
    const { user, token } = await signedIn();
    expect((await jwt(aged(token, 7 * DAY - MINUTE))).user).toEqual(user);
    expect((await jwt(aged(token, 7 * DAY + MINUTE))).user).toBeUndefined();
    // Each use moves activeAt on (the cookie next-auth re-issues carries it).
    const used = await jwt(aged(token, 6 * DAY));
    expect(used.activeAt).toBeGreaterThan(Date.now() - MINUTE);
  });

  it("refuses a token whose refreshedAt lies in the future instead of skipping the refresh forever", async () => {
    const { user, token } = await signedIn();
    // Demoted meanwhile: a future refreshedAt would otherwise keep the old claims.
    await db().user.update({ where: { id: user.id }, data: { role: "CUSTOMER" } });
    expect((await jwt({ ...token, refreshedAt: Date.now() + 365 * DAY })).user).toBeUndefined();
    expect((await jwt({ ...token, activeAt: Date.now() + DAY })).user).toBeUndefined();
  });
});
