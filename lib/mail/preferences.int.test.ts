import { afterAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { mailSettings, setMailSetting } from "./preferences";

/** The mail settings behind setMailSettingAction (a server action anyone signed in can call with any body). */

const db = createDb(env().DATABASE_URL, 2);
afterAll(() => db.$disconnect());

describe("mail settings", () => {
  it("refuses anything but true or false and changes nothing; each setting on its own; an unknown account is not found", async () => {
    const user = await db.user.create({ data: { email: `prefs-${crypto.randomUUID()}@example.test`, name: "Prefs", role: "CUSTOMER" } });
    expect(await mailSettings(db, user.id)).toEqual({ receipts: true, alerts: true });
    for (const bad of ["false", 0, null, { on: false }]) await expect(setMailSetting(db, user.id, "receipts", bad)).rejects.toBeInstanceOf(ZodError);
    expect(await mailSettings(db, user.id)).toEqual({ receipts: true, alerts: true });
    expect(await setMailSetting(db, user.id, "receipts", false)).toBe(false);
    expect(await mailSettings(db, user.id)).toEqual({ receipts: false, alerts: true });
    expect(await setMailSetting(db, user.id, "alerts", false)).toBe(false);
    expect(await mailSettings(db, user.id)).toEqual({ receipts: false, alerts: false });
    await expect(setMailSetting(db, crypto.randomUUID(), "alerts", true)).rejects.toMatchObject({ code: "not_found" });
    // The setting's name comes from the browser too: only the two there are.
    for (const bad of ["receiptEmails", "passwordHash", "", null]) await expect(setMailSetting(db, user.id, bad, true)).rejects.toMatchObject({ code: "invalid" });
    expect(await mailSettings(db, user.id)).toEqual({ receipts: false, alerts: false });
  });
});
