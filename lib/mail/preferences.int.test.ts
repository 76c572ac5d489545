import { afterAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { receiptEmailsOn, setReceiptEmails } from "./preferences";

/** The receipts setting behind setReceiptEmailsAction (a server action anyone signed in can call with any body). */

const db = createDb(env().DATABASE_URL, 2);
afterAll(() => db.$disconnect());

describe("receipt emails setting", () => {
  it("refuses anything but true or false and changes nothing; an unknown account is not found", async () => {
    const user = await db.user.create({ data: { email: `prefs-${crypto.randomUUID()}@example.test`, name: "Prefs", role: "CUSTOMER" } });
    expect(await receiptEmailsOn(db, user.id)).toBe(true);
    for (const bad of ["false", 0, null, { on: false }]) await expect(setReceiptEmails(db, user.id, bad)).rejects.toBeInstanceOf(ZodError);
    expect(await receiptEmailsOn(db, user.id)).toBe(true);
    expect(await setReceiptEmails(db, user.id, false)).toBe(false);
    expect(await receiptEmailsOn(db, user.id)).toBe(false);
    await expect(setReceiptEmails(db, crypto.randomUUID(), true)).rejects.toMatchObject({ code: "not_found" });
  });
});
