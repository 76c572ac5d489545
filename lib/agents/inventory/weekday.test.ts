import { describe, expect, it } from "vitest";
import { coverOf, daysOfCover, needsReorder, reorderQuantity, expectedUseOver } from "./cover";
import { ingredient } from "./scenarios";
import { weekdayProfile } from "./state";

// 2026-12-05 is a Saturday; the 14 whole days before it run Sat 2026-11-21 … Fri 2026-12-04.
const TODAY = "2026-12-05";
const day = (d: number) => `2026-11-${String(d).padStart(2, "0")}`;

describe("use by weekday", () => {
  it("averages each weekday over the times it occurs in the 14 whole days before today (a day with no use is a zero)", () => {
    // Saturdays (21st, 28th) 3 L each, weekdays 1 L, Sundays nothing; today's own use is left out.
    const days = [
      ...[21, 28].map((d) => ({ day: day(d), used: 3_000 })),
      ...[23, 24, 25, 26, 27, 30].map((d) => ({ day: day(d), used: 1_000 })),
      ...["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"].map((d) => ({ day: d, used: 1_000 })),
      { day: TODAY, used: 9_999 },
    ];
    const p = weekdayProfile(days, TODAY, "2026-11-01");
    expect(p).toEqual({ use: [1_000, 1_000, 1_000, 1_000, 1_000, 3_000, 0], today: 5 });
  });

  it("counts only the days since the ingredient's first day, and waits for a full week", () => {
    const days = [{ day: day(28), used: 4_000 }, { day: day(30), used: 2_000 }];
    // first seen Sat 28th: 7 whole days (28th … 4th), each weekday once
    expect(weekdayProfile(days, TODAY, day(28))).toEqual({ use: [2_000, 0, 0, 0, 0, 4_000, 0], today: 5 });
    // first seen Sun 29th: 6 whole days, not every weekday seen yet → the plain average stands in
    expect(weekdayProfile(days, TODAY, day(29))).toBeNull();
  });
});

describe("cover by weekday", () => {
  // 1 L on weekdays, 3 L on Saturdays, nothing on Sundays; today is Friday (index 4).
  const byWeekday = { use: [1_000, 1_000, 1_000, 1_000, 1_000, 3_000, 0], today: 4 };

  it("walks forward day by day: a Saturday rush shortens cover the plain average would overstate", () => {
    const s = ingredient({ slug: "oat-milk", onHand: 4_000, used: 14 * 1_143, byWeekday });
    // Friday 1 L, Saturday 3 L: 4 L last exactly two days.
    expect(daysOfCover(s)).toBe(2);
    expect(coverOf(s, 4_500)).toBe(3 + 500 / 1_000); // Sunday uses nothing, Monday half
    expect(daysOfCover({ ...s, byWeekday: undefined })).toBeCloseTo(4_000 / 1_143, 6);
  });

  it("reorders and sizes the order by the days ahead, not the average", () => {
    // Lead time 2 + 1 safety day: Fri + Sat + Sun need 4 L; 4.5 L is enough, 3.9 L is not.
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 4_500, byWeekday }))).toBe(false);
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 3_900, byWeekday }))).toBe(true);
    // Lead time 2 + 7 order days from Friday: Fri 1 + Sat 3 + Sun 0 + Mon–Fri 5 + Sat 3 = 12 L.
    expect(expectedUseOver(ingredient({ slug: "oat-milk", byWeekday }), 9)).toBe(12_000);
    expect(reorderQuantity(ingredient({ slug: "oat-milk", onHand: 0, reorderLevel: 0, byWeekday }))).toBe(12_000);
  });

  it("has no forecast when no weekday uses anything", () => {
    expect(daysOfCover(ingredient({ slug: "oat-milk", byWeekday: { use: [0, 0, 0, 0, 0, 0, 0], today: 0 } }))).toBeNull();
  });
});

describe("the shop's calendar of special days", () => {
  // 1 L every day but Sundays (nothing) and Saturdays (3 L), over Sat 2026-11-21 … Fri 2026-12-04.
  const usual = (d: string) => {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd === 0 ? 0 : wd === 6 ? 3_000 : 1_000;
  };
  const window = Array.from({ length: 14 }, (_, i) => new Date(Date.parse("2026-11-21T00:00:00Z") + i * 86_400_000).toISOString().slice(0, 10));

  it("leaves a past special day out of its weekday's average (its use and the day itself)", () => {
    // Thanksgiving (Thu 26th) closed: no use; a street market on Sat 28th: 9 L.
    const days = window.map((d) => ({ day: d, used: d === "2026-11-26" ? 0 : d === "2026-11-28" ? 9_000 : usual(d) }));
    const blind = weekdayProfile(days, TODAY, "2026-11-01")!;
    expect(blind.use[3]).toBe(500); // Thursday halved by the holiday
    expect(blind.use[5]).toBe(6_000); // Saturday doubled by the market
    const seeing = weekdayProfile(days, TODAY, "2026-11-01", new Set(["2026-11-26", "2026-11-28"]))!;
    expect(seeing.use).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 3_000, 0]);
  });

  it("a weekday whose every date was special gets the mean of the ordinary days", () => {
    const days = window.map((d) => ({ day: d, used: usual(d) }));
    const p = weekdayProfile(days, TODAY, "2026-11-01", new Set(["2026-11-23", "2026-11-30"]))!; // both Mondays
    expect(p.use[0]).toBeCloseTo((14 * 1_000 + 2 * 2_000 - 2 * 1_000 - 2 * 1_000) / 12, 9);
  });

  // From Friday: Fri 1 L, Sat 3 L, Sun 0, Mon 1 L …
  const byWeekday = { use: [1_000, 1_000, 1_000, 1_000, 1_000, 3_000, 0], today: 4 };

  it("a coming closed day uses nothing: the stock lasts past it", () => {
    const s = ingredient({ slug: "oat-milk", onHand: 4_500, byWeekday });
    expect(daysOfCover(s)).toBe(3.5); // Fri 1 + Sat 3 + Sun 0 + half of Monday
    // Closed on Saturday (offset 1): Fri 1 + Sat 0 + Sun 0 + Mon 1 + Tue 1 + Wed 1 + half of Thu (offset 6).
    expect(daysOfCover({ ...s, dayLevels: new Map([[1, 0]]) })).toBe(6.5);
  });

  it("a coming busy day (a market at 200 %) shortens cover and raises the order over the lead time", () => {
    const s = ingredient({ slug: "oat-milk", onHand: 4_500, byWeekday, dayLevels: new Map([[1, 2]]) });
    expect(daysOfCover(s)).toBe(1 + 3_500 / 6_000); // Fri 1 L, then Saturday needs 6 L
    expect(needsReorder(s)).toBe(true); // lead time 2 + 1: Fri 1 + Sat 6 + Sun 0 = 7 L > 4.5 L
    expect(needsReorder({ ...s, dayLevels: undefined })).toBe(false);
    // Lead time 2 + 7 order days from Friday: 12 L normally, 15 L with Saturday's market.
    expect(expectedUseOver(s, 9)).toBe(15_000);
    expect(reorderQuantity({ ...s, onHand: 0, reorderLevel: 0 })).toBe(18_000); // 3 packs of 6 L
    expect(reorderQuantity({ ...s, onHand: 0, reorderLevel: 0, dayLevels: undefined })).toBe(12_000);
  });

  it("the plain average (a ledger shorter than a week) follows the calendar too", () => {
    const s = ingredient({ slug: "oat-milk", onHand: 3_000, used: 3_000, usageDays: 3, dayLevels: new Map([[0, 0], [2, 0.5]]) });
    // 1 L a day: today closed (0), then 1, 0.5 (a quiet day), 1, and the last half litre on day 4.
    expect(daysOfCover(s)).toBe(4.5);
    expect(daysOfCover({ ...s, dayLevels: undefined })).toBe(3);
  });
});
