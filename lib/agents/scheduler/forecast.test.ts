import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/analytics/time";
import { forecastWeek, hourKey, mape, nextWeekLevel } from "./forecast";

/** History of `weeks` weeks before `madeOn` from a rate function of (days back, weekday, hour). */
function history(madeOn: string, weeks: number, rate: (daysBack: number, weekday: number, hour: number) => number): Map<string, number> {
  const h = new Map<string, number>();
  for (let back = 1; back <= weeks * 7; back++) {
    const date = addDays(madeOn, -back);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    for (let hour = 0; hour < 24; hour++) {
      const n = rate(back, weekday, hour);
      if (n > 0) h.set(hourKey(date, hour), n);
    }
  }
  return h;
}

const MADE_ON = "2026-12-07"; // a Monday

describe("forecastWeek", () => {
  it("repeats a steady weekday × hour pattern exactly, for 7 days of 24 hours", () => {
    const pattern = (_: number, weekday: number, hour: number) => (hour >= 7 && hour < 19 ? (weekday === 0 ? 5 : 10) + hour : 0);
    const f = forecastWeek(history(MADE_ON, 4, pattern), MADE_ON);
    expect(f).toHaveLength(7 * 24);
    expect(f[0]!.hour).toBe("2026-12-07T00:00");
    const at = (date: string, hour: number) => f.find((x) => x.hour === hourKey(date, hour))!;
    expect(at("2026-12-07", 8).orders).toBeCloseTo(18, 9); // Monday 08:00
    expect(at("2026-12-13", 8).orders).toBeCloseTo(13, 9); // Sunday 08:00
    expect(at("2026-12-07", 3).orders).toBe(0);
    // The baseline is the same hour a week before, as it was.
    expect(at("2026-12-13", 8).lastWeek).toBe(13);
  });

  it("follows a trend: weekly totals growing 10 % a week forecast the next week's level, not last week's", () => {
    // Week k back has 100 / 1.1^(k-1) orders per open hour… simplest: level × growth^(−weeksBack).
    const growing = (back: number, _: number, hour: number) => (hour === 9 ? Math.round(1000 * 1.1 ** -Math.ceil(back / 7)) : 0);
    const f = forecastWeek(history(MADE_ON, 4, growing), MADE_ON);
    const monday9 = f.find((x) => x.hour === "2026-12-07T09:00")!;
    // Last week's Monday had 909; a straight line through 683, 751, 826, 909 continues to ~981.
    expect(monday9.lastWeek).toBe(909);
    expect(monday9.orders).toBeGreaterThan(960);
    expect(monday9.orders).toBeLessThan(1000);
  });

  it("with less than a week of history uses each hour's mean over the days there are", () => {
    const h = new Map([
      [hourKey(addDays(MADE_ON, -1), 8), 6],
      [hourKey(addDays(MADE_ON, -2), 8), 2],
      [hourKey(addDays(MADE_ON, -3), 8), 4],
    ]);
    const f = forecastWeek(h, MADE_ON);
    expect(f.find((x) => x.hour === "2026-12-09T08:00")!.orders).toBeCloseTo(4, 9);
  });

  it("forecasts zeros for a shop without history", () => {
    expect(forecastWeek(new Map(), MADE_ON).every((x) => x.orders === 0 && x.lastWeek === 0)).toBe(true);
  });
});

describe("nextWeekLevel", () => {
  it("extrapolates a line through three or more weekly totals (most recent first)", () => {
    expect(nextWeekLevel([130, 120, 110, 100])).toBeCloseTo(140, 9);
  });
  it("averages fewer than three weeks (no trend from two points)", () => {
    expect(nextWeekLevel([120, 100])).toBe(110);
    expect(nextWeekLevel([])).toBe(0);
  });
  it("clamps a wild trend to ±25 % of last week", () => {
    expect(nextWeekLevel([400, 100, 50])).toBe(500);
    expect(nextWeekLevel([10, 400, 800])).toBe(7.5);
  });
});

describe("mape", () => {
  it("is the mean absolute percentage error over hours with orders", () => {
    expect(
      mape([
        { forecast: 9, actual: 10 },
        { forecast: 15, actual: 10 },
        { forecast: 3, actual: 0 }, // no percentage error without orders: left out
      ]),
    ).toBeCloseTo(0.3, 9);
  });
  it("is null when no hour had orders", () => {
    expect(mape([{ forecast: 1, actual: 0 }])).toBeNull();
    expect(mape([])).toBeNull();
  });
});
