import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { changePassword, DUPLICATE_EMAIL, loadSessionUser, signUp, verifyCredentials } from "./users";

/** Accounts against the real database (the run's own, migrated, not seeded). */

const db = createDb(env().DATABASE_URL, 4);
afterAll(() => db.$disconnect());

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@Example.test`;
const rejection = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as DomainError);

describe("signUp", () => {
  it("creates a customer with a lower-cased email and an argon2id hash, never the password", async () => {
    const email = uniqueEmail("new");
    const user = await signUp(db, { name: " Casey ", email, password: "espresso-and-more" });
    expect(user).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: "Casey", role: "CUSTOMER", shops: [] });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain("espresso-and-more");
  });

  it("refuses a taken email, whatever its case", async () => {
    const email = uniqueEmail("dup");
    await signUp(db, { name: "First", email, password: "espresso-and-more" });
    const error = await rejection(signUp(db, { name: "Second", email: email.toUpperCase(), password: "espresso-and-more" }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.code).toBe("conflict");
    expect(error?.message).toBe(DUPLICATE_EMAIL);
  });

  it("creates one account when two sign-ups with one email race", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.allSettled([1, 2, 3].map((n) => signUp(db, { name: `Racer ${n}`, email, password: "espresso-and-more" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as DomainError).code).toBe("conflict");
    expect(await db.user.count({ where: { email: email.toLowerCase() } })).toBe(1);
  });

  it("writes nothing for invalid input", async () => {
    const before = await db.user.count();
    const error = await rejection(signUp(db, { name: "Short", email: uniqueEmail("short"), password: "123" }));
    expect(error?.code).toBe("invalid");
    expect(await db.user.count()).toBe(before);
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password, with any email case, and null otherwise", async () => {
    const email = uniqueEmail("verify");
    const created = await signUp(db, { name: "Vera", email, password: "espresso-and-more" });
    expect(await verifyCredentials(db, email.toUpperCase(), "espresso-and-more")).toEqual(created);
    expect(await verifyCredentials(db, email, "espresso-and-less")).toBeNull();
    expect(await verifyCredentials(db, uniqueEmail("nobody"), "espresso-and-more")).toBeNull();
    expect(await verifyCredentials(db, "not an email", "espresso-and-more")).toBeNull();
    expect(await verifyCredentials(db, email, undefined)).toBeNull();
  });

  it("never signs in a wallet-only account (no password)", async () => {
    const email = uniqueEmail("wallet");
    await db.user.create({ data: { email: email.toLowerCase(), name: "Wally", passwordHash: null } });
    expect(await verifyCredentials(db, email, "")).toBeNull();
    expect(await verifyCredentials(db, email, "anything-at-all")).toBeNull();
  });

  it("carries the staff memberships", async () => {
    const email = uniqueEmail("staff");
    const created = await signUp(db, { name: "Bea", email, password: "espresso-and-more" });
    const shop = await db.shop.create({
      data: { slug: `test-${randomUUID().slice(0, 8)}`, name: "Test Shop", timezone: "UTC", addressLine: "1 Test St", city: "Testville", postalCode: "00000", country: "US" },
    });
    await db.user.update({ where: { id: created.id }, data: { role: "BARISTA" } });
    await db.shopMember.create({ data: { shopId: shop.id, userId: created.id, role: "BARISTA" } });
    expect(await loadSessionUser(db, created.id)).toMatchObject({ role: "BARISTA", shops: [{ shopId: shop.id, role: "BARISTA" }] });
  });
});

describe("changePassword", () => {
  it("needs the current password, then the new one works and the old one does not", async () => {
    const email = uniqueEmail("change");
    const user = await signUp(db, { name: "Chang", email, password: "espresso-and-more" });
    const wrong = await rejection(changePassword(db, user.id, { currentPassword: "not-the-password", newPassword: "a-brand-new-password" }));
    expect(wrong?.code).toBe("invalid");
    expect(wrong?.issues).toEqual([{ path: "currentPassword", message: "The current password is not right." }]);

    await changePassword(db, user.id, { currentPassword: "espresso-and-more", newPassword: "a-brand-new-password" });
    expect(await verifyCredentials(db, email, "a-brand-new-password")).not.toBeNull();
    expect(await verifyCredentials(db, email, "espresso-and-more")).toBeNull();
  });

  it("is gone with the account", async () => {
    expect(await loadSessionUser(db, randomUUID())).toBeNull();
  });
});
