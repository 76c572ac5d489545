import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed";
import { ledgerUsage } from "./state";

/**
 * Use by weekday from the real ledger, in the shop's own time zone: San Francisco's late Saturday
 * orders are Sundays in UTC, and the window crosses the start of daylight saving time (10 March
 * 2030). Written inside a transaction that is rolled back: the run's other suites never see it.
 */

const db = createDb(env().DATABASE_URL, 2);
afterAll(() => db.$disconnect());

class Rollback extends Error {}

describe("ledger use by weekday", () => {
  it("averages each local weekday over the 14 whole days before today, and keeps today out of the profile (not out of the plain average)", async () => {
    await seed(db, { historyDays: 0 });
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" }, select: { id: true, timezone: true } });
    expect(shop.timezone).toBe("America/Los_Angeles");
    const oat = await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" }, select: { id: true } });
    const now = new Date("2030-03-16T20:00:00Z"); // Saturday 13:00 in San Francisco
    const at = (iso: string, quantity: number) => ({ shopId: shop.id, ingredientId: oat.id, kind: "RESERVE" as const, quantity, createdAt: new Date(iso) });
    const movements = [
      at("2030-03-01T17:00:00Z", 1_000), // Friday 1 March, before the window: it only says the ledger is older
      at("2030-03-03T07:30:00Z", 3_000), // Saturday 2 March 23:30 PST
      at("2030-03-10T06:30:00Z", 3_000), // Saturday 9 March 23:30 PST
      ...["04", "05", "06", "07", "08"].map((d) => at(`2030-03-${d}T17:00:00Z`, 1_000)), // weekdays 09:00 PST
      ...["11", "12", "13", "14", "15"].map((d) => at(`2030-03-${d}T16:00:00Z`, 1_000)), // weekdays 09:00 PDT
      at("2030-03-16T16:00:00Z", 5_000), // today, Saturday morning
    ];
    const usage = await db
      .$transaction(async (tx) => {
        await tx.stockMovement.createMany({ data: movements });
        const u = await ledgerUsage(tx, shop.id, now);
        throw new Rollback(JSON.stringify(u.get(oat.id)));
      })
      .catch((e: unknown) => {
        if (e instanceof Rollback) return JSON.parse(e.message) as { used: number; usageDays: number; byWeekday?: { use: number[]; today: number } };
        throw e;
      });
    expect(usage.byWeekday).toEqual({ use: [1_000, 1_000, 1_000, 1_000, 1_000, 3_000, 0], today: 5 });
    // The plain average's 14 days (since Saturday 2 March 12:00 PST) hold both Saturdays, the ten weekdays and today.
    expect(usage.used).toBe(2 * 3_000 + 10 * 1_000 + 5_000);
    expect(usage.usageDays).toBeCloseTo(13 + 12.5 / 24, 3); // since its first movement in the window, 3 March 07:30 UTC
    expect(await db.stockMovement.count({ where: { createdAt: { gte: new Date("2030-01-01") } } })).toBe(0);
  });

  it("leaves the shop's past special days out of both averages and carries its coming ones as day levels", async () => {
    await seed(db, { historyDays: 0 });
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" }, select: { id: true } });
    const oat = await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" }, select: { id: true } });
    const now = new Date("2030-03-16T20:00:00Z"); // Saturday 13:00 in San Francisco
    const at = (iso: string, quantity: number) => ({ shopId: shop.id, ingredientId: oat.id, kind: "RESERVE" as const, quantity, createdAt: new Date(iso) });
    const movements = [
      at("2030-03-01T17:00:00Z", 1_000),
      at("2030-03-03T07:30:00Z", 3_000), // Saturday 2 March
      at("2030-03-09T20:00:00Z", 6_000), // Saturday 9 March, noon: the street market
      at("2030-03-10T06:30:00Z", 3_000), // Saturday 9 March 23:30 PST
      ...["04", "05", "06", "07", "08"].map((d) => at(`2030-03-${d}T17:00:00Z`, 1_000)),
      ...["11", "12", "13", "14", "15"].map((d) => at(`2030-03-${d}T16:00:00Z`, 1_000)),
      at("2030-03-16T16:00:00Z", 5_000),
    ];
    const day = (date: string, name: string, levelPct: number | null) => ({ shopId: shop.id, date: new Date(`${date}T00:00:00Z`), name, closed: levelPct === null, levelPct });
    type Seen = { used: number; usageDays: number; byWeekday?: { use: number[] }; dayLevels?: Record<string, number> };
    const read = (withCalendar: boolean, schedulerLearned = false) =>
      db
        .$transaction(async (tx) => {
          await tx.stockMovement.createMany({ data: movements });
          if (withCalendar) await tx.shopSpecialDay.createMany({ data: [day("2030-03-09", "Street market", 200), day("2030-03-17", "St Patrick's Day", null), day("2030-03-18", "Parade", 150)] });
          // The scheduler's last run learned Monday's parade at 180 % from last year's (its output's specialDays).
          if (schedulerLearned)
            await tx.agentRun.create({
              data: { agent: "scheduler", shopId: shop.id, inputsSummary: "test", promptVersion: "test", provider: "rules", outcome: "OK", latencyMs: 1, output: { specialDays: [{ date: "2030-03-18", name: "Parade", closed: false, levelPct: 180, source: "learned", enteredPct: 150 }, { date: "2030-03-17", name: "St Patrick's Day", closed: true, levelPct: 0, source: "closed", enteredPct: null }] } },
            });
          const u = (await ledgerUsage(tx, shop.id, now)).get(oat.id)!;
          throw new Rollback(JSON.stringify({ ...u, dayLevels: u.dayLevels ? Object.fromEntries(u.dayLevels) : undefined }));
        })
        .catch((e: unknown) => {
          if (e instanceof Rollback) return JSON.parse(e.message) as Seen;
          throw e;
        });
    const blind = await read(false);
    expect(blind.byWeekday?.use[5]).toBe(6_000); // the market doubles Saturdays
    expect(blind.dayLevels).toBeUndefined();
    const seeing = await read(true);
    expect(seeing.byWeekday?.use).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 3_000, 0]);
    expect(seeing.used).toBe(3_000 + 10 * 1_000 + 5_000);
    expect(seeing.usageDays).toBeCloseTo(blind.usageDays - 1, 6);
    expect(seeing.dayLevels).toEqual({ "1": 0, "2": 1.5 }); // tomorrow closed, Monday at 150 %
    // Where the scheduler learned a level, the cover expects that one; a closed day stays closed.
    expect((await read(true, true)).dayLevels).toEqual({ "1": 0, "2": 1.8 });
    expect(await db.shopSpecialDay.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
