import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/analytics/time";
import { applyCalendar, describeSpecialDay, learnFrom, previousOfSameName, type SpecialDay } from "./calendar";
import { forecastWeek, hourKey, NO_CALENDAR } from "./forecast";

const MADE_ON = "2026-12-07"; // a Monday
/** A steady pattern: 10 + hour orders from 07:00 to 19:00 on weekdays, half on Sundays. */
const normal = (date: string, hour: number) => (hour >= 7 && hour < 19 ? (new Date(`${date}T00:00:00Z`).getUTCDay() === 0 ? 5 : 10) + hour : 0);

/** `weeks` weeks of history before `madeOn`, each day scaled by its factor in `special` (date → factor). */
function history(madeOn: string, weeks: number, special: Record<string, number> = {}): Map<string, number> {
  const h = new Map<string, number>();
  for (let back = 1; back <= weeks * 7; back++) {
    const date = addDays(madeOn, -back);
    for (let hour = 0; hour < 24; hour++) {
      const n = Math.round(normal(date, hour) * (special[date] ?? 1));
      if (n > 0) h.set(hourKey(date, hour), n);
    }
  }
  return h;
}
const day = (f: ReturnType<typeof forecastWeek>, date: string) => f.filter((x) => x.hour.startsWith(date)).reduce((a, x) => a + x.orders, 0);
const dayOf = (date: string) => Array.from({ length: 24 }, (_, h) => normal(date, h)).reduce((a, b) => a + b, 0);

describe("a past special day is left out of the pattern and the trend", () => {
  // Monday 2026-11-30 (last week) was a holiday at 40 %; a Saturday four weeks back a market at 200 %.
  const special = { "2026-11-30": 0.4, "2026-11-14": 2 };
  const days: SpecialDay[] = [
    { date: "2026-11-30", name: "Holiday", closed: false, levelPct: 40 },
    { date: "2026-11-14", name: "Street market", closed: false, levelPct: 180 },
  ];
  const polluted = history(MADE_ON, 6, special);

  it("forecasts the steady pattern exactly, as if the days had been ordinary", () => {
    const { calendar } = applyCalendar(days, MADE_ON, () => null);
    const f = forecastWeek(polluted, MADE_ON, calendar);
    const clean = forecastWeek(history(MADE_ON, 6), MADE_ON);
    for (let i = 0; i < f.length; i++) expect(f[i]!.orders, f[i]!.hour).toBeCloseTo(clean[i]!.orders, 9);
    expect(day(f, MADE_ON)).toBeCloseTo(dayOf(MADE_ON), 9); // Monday at its full level
  });

  it("without the calendar the holiday drags Monday and the trend down", () => {
    const f = forecastWeek(polluted, MADE_ON, NO_CALENDAR);
    expect(day(f, MADE_ON)).toBeLessThan(0.95 * dayOf(MADE_ON));
  });

  it("keeps the seasonal-naive baseline as it happened (the same hour a week before)", () => {
    const { calendar } = applyCalendar(days, MADE_ON, () => null);
    const monday8 = forecastWeek(polluted, MADE_ON, calendar).find((x) => x.hour === hourKey(MADE_ON, 8))!;
    expect(monday8.lastWeek).toBe(Math.round(18 * 0.4));
  });

  it("with less than a week of history, the daily mean leaves special days out too", () => {
    const short = new Map([
      [hourKey(addDays(MADE_ON, -1), 8), 6],
      [hourKey(addDays(MADE_ON, -2), 8), 30], // a market day
      [hourKey(addDays(MADE_ON, -3), 8), 4],
    ]);
    const f = forecastWeek(short, MADE_ON, { excluded: new Set([addDays(MADE_ON, -2)]), factors: new Map() });
    expect(f.find((x) => x.hour === hourKey("2026-12-09", 8))!.orders).toBeCloseTo(5, 9);
  });
});

describe("a coming special day is forecast at its level", () => {
  const steady = history(MADE_ON, 6);

  it("closed: no orders all day", () => {
    const { calendar, applied } = applyCalendar([{ date: "2026-12-10", name: "Founders' day", closed: true, levelPct: null }], MADE_ON, () => null);
    const f = forecastWeek(steady, MADE_ON, calendar);
    expect(day(f, "2026-12-10")).toBe(0);
    expect(day(f, "2026-12-09")).toBeCloseTo(dayOf("2026-12-09"), 9);
    expect(applied).toEqual([{ date: "2026-12-10", name: "Founders' day", closed: true, levelPct: 0, source: "closed", enteredPct: null }]);
    expect(describeSpecialDay(applied[0]!)).toBe("Founders' day: closed, no orders expected and nobody planned");
  });

  it("an entered level scales the ordinary day (180 % of a Saturday)", () => {
    const { calendar, applied } = applyCalendar([{ date: "2026-12-12", name: "Street market", closed: false, levelPct: 180 }], MADE_ON, () => null);
    const f = forecastWeek(steady, MADE_ON, calendar);
    expect(day(f, "2026-12-12")).toBeCloseTo(1.8 * dayOf("2026-12-12"), 9);
    expect(applied[0]).toMatchObject({ levelPct: 180, source: "entered" });
    expect(describeSpecialDay(applied[0]!)).toBe("Street market: 180 % of a normal day, as entered");
  });

  it("days outside the 7 coming days change nothing", () => {
    const { calendar, applied } = applyCalendar([{ date: "2026-12-14", name: "Later", closed: true, levelPct: null }], MADE_ON, () => null);
    expect(applied).toEqual([]);
    expect(forecastWeek(steady, MADE_ON, calendar)).toEqual(forecastWeek(steady, MADE_ON));
  });
});

describe("a level learned from the last day of the same name", () => {
  // The previous market (Saturday 2026-11-21, 2.5 weeks back) traded at 230 %; the manager expects 180 % again.
  const days: SpecialDay[] = [
    { date: "2026-11-21", name: "Street market", closed: false, levelPct: 180 },
    { date: "2026-12-12", name: "Street Market", closed: false, levelPct: 180 },
  ];
  const h = history(MADE_ON, 6, { "2026-11-21": 2.3 });

  it("finds the last past day with the same name (case and spaces aside)", () => {
    expect(previousOfSameName(days, days[1]!)?.date).toBe("2026-11-21");
    expect(previousOfSameName(days, { ...days[1]!, name: " street market " })?.date).toBe("2026-11-21");
    expect(previousOfSameName(days, days[0]!)).toBeNull();
  });

  it("is what that day sold ÷ what its ordinary pattern predicted, and is preferred to the entered level", () => {
    const learned = learnFrom(h, days[0]!, days)!;
    expect(learned.actual).toBe([...h].filter(([k]) => k.startsWith("2026-11-21")).reduce((a, [, n]) => a + n, 0));
    expect(learned.expected).toBe(dayOf("2026-11-21"));
    const { calendar, applied } = applyCalendar(days, MADE_ON, (past) => learnFrom(h, past, days));
    expect(applied[0]).toMatchObject({ source: "learned", enteredPct: 180, learnedFrom: { date: "2026-11-21" } });
    expect(applied[0]!.levelPct).toBe(Math.round((100 * learned.actual) / learned.expected));
    expect(applied[0]!.levelPct).toBeGreaterThan(225);
    expect(day(forecastWeek(h, MADE_ON, calendar), "2026-12-12")).toBeCloseTo((dayOf("2026-12-12") * learned.actual) / learned.expected, 6);
    expect(describeSpecialDay(applied[0]!)).toMatch(/^Street Market: 2\d\d % of a normal day, learned from Street market on 2026-11-21 \(\d+ orders where its pattern expected \d+; entered 180 %\)$/);
  });

  it("falls back to the entered level when the shop had no pattern before the past day", () => {
    const young = new Map([...h].filter(([k]) => k >= "2026-11-18"));
    expect(learnFrom(young, days[0]!, days)).toBeNull();
    const { applied } = applyCalendar(days, MADE_ON, (past) => learnFrom(young, past, days));
    expect(applied[0]).toMatchObject({ source: "entered", levelPct: 180 });
  });

  it("never learns a closed day: closed is the manager's decision", () => {
    const closed: SpecialDay[] = [days[0]!, { ...days[1]!, closed: true, levelPct: null }];
    let asked = 0;
    const { applied } = applyCalendar(closed, MADE_ON, () => (asked++, null));
    expect(asked).toBe(0);
    expect(applied[0]).toMatchObject({ closed: true, levelPct: 0, source: "closed" });
  });
});
