import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScheduler } from "@/lib/agents/scheduler/agent";
import { staffingPlan } from "@/lib/agents/scheduler/plan-view";
import { addDays } from "@/lib/analytics/time";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { seed } from "@/prisma/seed";
import { addSpecialDay, removeSpecialDay, shopSpecialDays } from "./special-days";

/**
 * A shop's calendar of special days, kept by a manager, and what the scheduler makes of it: a
 * shop of its own (New York time) with four weeks of a steady pattern (60 orders at 08:00 on
 * weekdays, 3 an hour otherwise until 16:00, 2 an hour at weekends), where the street market on
 * Monday 16 November doubled the day. Forecast on Monday 2026-12-07, itself a market day, with
 * Thursday closed.
 */

const db = createDb(env().DATABASE_URL, 4);
const TZ = "America/New_York";
const MONDAY = "2026-12-07";
const MARKET = "2026-11-16";
const at = (date: string, hh: number, mm = 0) => new Date(`${date}T${String(hh + 5).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`);
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const pattern = (weekday: number, hour: number) => (hour < 8 || hour > 16 ? 0 : weekday === 0 || weekday === 6 ? 2 : hour === 8 ? 60 : 3);
let shopId: string;
let otherShopId: string;
let actor: { id: string; email: string };

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@gocoffee.test" }, select: { id: true, email: true } });
  actor = { id: admin.id, email: admin.email ?? "admin@gocoffee.test" };
  otherShopId = (await db.shop.findUniqueOrThrow({ where: { slug: "chicago-loop" } })).id;
  const shop = await db.shop.create({
    data: { slug: `calendar-test-${crypto.randomUUID().slice(0, 8)}`, name: "Calendar Test", addressLine: "1 Test St", city: "New York", postalCode: "10001", country: "US", timezone: TZ, hours: { create: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 7 * 60, closesMinute: 17 * 60 })) } },
  });
  shopId = shop.id;
  const orders = [];
  for (let back = 1; back <= 28; back++) {
    const date = addDays(MONDAY, -back);
    for (let hour = 0; hour < 24; hour++) {
      const n = pattern(weekdayOf(date), hour) * (date === MARKET ? 2 : 1);
      for (let k = 0; k < n; k++) {
        const placed = at(date, hour, Math.floor((k * 60) / n));
        orders.push({ shopId, customerName: "History", status: "CLAIMED" as const, paymentMethod: "PAY_AT_PICKUP" as const, pickupCode: "A1", subtotalCents: 500, taxCents: 0, totalCents: 500, currency: "USD", placedAt: placed, queuedAt: placed, claimedAt: placed });
      }
    }
  }
  await db.order.createMany({ data: orders });
}, 60_000);

afterAll(async () => {
  await db.order.deleteMany({ where: { shopId } });
  await db.$executeRaw`DELETE FROM scheduler_forecasts WHERE shop_id = ${shopId}::uuid`;
  await db.agentRun.deleteMany({ where: { shopId } });
  await db.auditEntry.deleteMany({ where: { shopId } });
  await db.shop.delete({ where: { id: shopId } }); // its special days go with it
  await db.$disconnect();
});

const refused = async (input: unknown) => {
  const error = await addSpecialDay(db, actor, shopId, input, at(MONDAY, 6)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return { code: (error as DomainError).code, fields: Object.fromEntries(((error as DomainError).issues ?? []).map((i) => [i.path, i.message])) };
};

describe("a shop's special days", () => {
  it("refuses bad input with the field's message, and changes nothing", async () => {
    expect(await refused({ date: "2026-02-30", name: "Leap", kind: "closed" })).toEqual({ code: "invalid", fields: { date: "That date does not exist." } });
    expect(await refused({ date: "26/12/2026", name: "Boxing Day", kind: "closed" })).toMatchObject({ fields: { date: "Enter a date like 2026-12-25." } });
    expect(await refused({ date: "2026-12-25", name: "   ", kind: "closed" })).toMatchObject({ fields: { name: "Enter a name, like Thanksgiving or Street market." } });
    expect(await refused({ date: "2026-12-25", name: "Christmas", kind: "level" })).toMatchObject({ fields: { levelPct: "Enter the expected level as a percentage of a normal day." } });
    expect(await refused({ date: "2026-12-25", name: "Christmas", kind: "level", levelPct: 0 })).toMatchObject({ fields: { levelPct: "At least 1 % (a day with no trade is closed)." } });
    expect(await refused({ date: "2026-12-25", name: "Christmas", kind: "level", levelPct: 1001 })).toMatchObject({ fields: { levelPct: "At most 1000 %." } });
    expect(await refused({ date: "2026-12-25", name: "Christmas", kind: "level", levelPct: 12.5 })).toMatchObject({ fields: { levelPct: "Enter a whole percentage." } });
    expect(await refused({ date: "2026-12-25", name: "Christmas", kind: "sometimes" })).toMatchObject({ fields: { kind: "Choose closed, or an expected level." } });
    expect(await refused({ date: "2031-01-01", name: "Far away", kind: "closed" })).toMatchObject({ fields: { date: "Choose a date within about two years of today." } });
    expect(await db.shopSpecialDay.count({ where: { shopId } })).toBe(0);
  });

  it("adds days (audited), one per date, and removes them only through their own shop", async () => {
    const past = await addSpecialDay(db, actor, shopId, { date: MARKET, name: "Street market", kind: "level", levelPct: 180 }, at(MONDAY, 6));
    expect(past).toMatchObject({ date: MARKET, name: "Street market", closed: false, levelPct: 180 });
    await addSpecialDay(db, actor, shopId, { date: MONDAY, name: " Street market ", kind: "level", levelPct: 180 }, at(MONDAY, 6));
    // A closed day keeps no level, whatever was typed in it.
    const closed = await addSpecialDay(db, actor, shopId, { date: "2026-12-10", name: "Founders' day", kind: "closed", levelPct: 50 }, at(MONDAY, 6));
    expect(closed).toMatchObject({ closed: true, levelPct: null });

    const twice = await addSpecialDay(db, actor, shopId, { date: "2026-12-10", name: "Something else", kind: "closed" }, at(MONDAY, 6)).catch((e: unknown) => e as DomainError);
    expect(twice).toMatchObject({ code: "conflict", message: "2026-12-10 is already marked (Founders' day): remove it first to change it." });

    // Another shop's manager passes their own shop: this shop's day is not found there.
    await expect(removeSpecialDay(db, actor, otherShopId, { id: closed.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeSpecialDay(db, actor, shopId, { id: "nope" })).rejects.toMatchObject({ code: "invalid" });

    const audit = await db.auditEntry.findMany({ where: { shopId, action: "shop.special_day.added" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.summary)).toEqual([
      "Special day 2026-11-16 added: Street market, 180 % of a normal day",
      "Special day 2026-12-07 added: Street market, 180 % of a normal day",
      "Special day 2026-12-10 added: Founders' day, closed",
    ]);
    expect(audit[0]).toMatchObject({ actorEmail: actor.email, target: `special_day:${past.id}` });
    expect((await shopSpecialDays(db, shopId, MONDAY)).map((d) => `${d.date} ${d.name}`)).toEqual(["2026-11-16 Street market", "2026-12-07 Street market", "2026-12-10 Founders' day"]);
  });

  it("the scheduler leaves the past market out, learns its level for this one, and plans nothing on the closed day", async () => {
    const run = await runScheduler(db, { model: null, now: () => at(MONDAY, 6, 30) }, shopId);
    const hours = new Map(run.hours.map((h) => [h.hour, h]));
    // The past market doubled its Monday: learned 200 % (168 orders where 84 were expected), preferred to the 180 % entered.
    expect(run.output.specialDays).toEqual([
      { date: MONDAY, name: "Street market", closed: false, levelPct: 200, source: "learned", enteredPct: 180, learnedFrom: { date: MARKET, name: "Street market", actual: 168, expected: 84 } },
      { date: "2026-12-10", name: "Founders' day", closed: true, levelPct: 0, source: "closed", enteredPct: null },
    ]);
    expect(hours.get("2026-12-07T08:00")!.orders).toBeCloseTo(120, 6);
    // Ordinary Mondays are not polluted by the past market: next Monday is outside the week, so look at Tuesday.
    expect(hours.get("2026-12-08T08:00")!.orders).toBeCloseTo(60, 6);
    for (let h = 0; h < 24; h++) expect(hours.get(`2026-12-10T${String(h).padStart(2, "0")}:00`)).toMatchObject({ orders: 0, open: false, staff: { total: 0 } });
    expect(run.output.explanation).toMatch(/ Special days: Street market \(Monday\) at 200 % of a normal day, learned from last time; Founders' day \(Thursday\) closed\./);

    const plan = await staffingPlan(db, shopId, TZ, at(MONDAY, 6, 30));
    expect(plan.days.find((d) => d.date === "2026-12-10")!.hours.every((h) => h.orders === 0 && h.total === 0)).toBe(true);
    expect(plan.run?.output.specialDays?.map((d) => d.name)).toEqual(["Street market", "Founders' day"]);
  });

  it("a removed day is gone from the next plan (audited with what it was)", async () => {
    const [thursday] = (await shopSpecialDays(db, shopId, MONDAY)).filter((d) => d.date === "2026-12-10");
    await removeSpecialDay(db, actor, shopId, { id: thursday!.id });
    await expect(removeSpecialDay(db, actor, shopId, { id: thursday!.id })).rejects.toMatchObject({ code: "not_found", message: "This shop has no such special day (already removed?)." });
    const removed = await db.auditEntry.findFirstOrThrow({ where: { shopId, action: "shop.special_day.removed" } });
    expect(removed).toMatchObject({ summary: "Special day 2026-12-10 removed: Founders' day", before: { date: "2026-12-10", name: "Founders' day", closed: true, levelPct: null } });
    const run = await runScheduler(db, { model: null, now: () => at(MONDAY, 6, 30) }, shopId);
    expect(run.output.specialDays?.map((d) => d.name)).toEqual(["Street market"]);
    expect(run.hours.find((h) => h.hour === "2026-12-10T08:00")!.orders).toBeCloseTo(60, 6);
  });
});
