import { describe, expect, it } from "vitest";
import { daysFromIntervals, intervalsFromDays, settingsSchema, type DayHours } from "./settings";

const week = (f: (weekday: number) => Partial<DayHours>): DayHours[] => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, closed: false, opens: "07:00", closes: "19:00", ...f(weekday) }));

describe("shop settings: hours", () => {
  it("turns form days into intervals, skipping closed days", () => {
    const intervals = intervalsFromDays(week((d) => (d === 0 ? { closed: true } : {})));
    expect(intervals).toHaveLength(6);
    expect(intervals[0]).toEqual({ weekday: 1, opensMinute: 420, closesMinute: 1140 });
  });

  it("reads a closing time at or before the opening time as past midnight, 00:00-00:00 as all day", () => {
    expect(intervalsFromDays(week(() => ({ opens: "18:00", closes: "02:00" })))[0]).toEqual({ weekday: 0, opensMinute: 1080, closesMinute: 1560 });
    expect(intervalsFromDays(week(() => ({ opens: "00:00", closes: "00:00" })))[0]).toEqual({ weekday: 0, opensMinute: 0, closesMinute: 1440 });
  });

  it("round-trips intervals through the form", () => {
    const intervals = [
      { weekday: 1, opensMinute: 420, closesMinute: 1140 },
      { weekday: 5, opensMinute: 1080, closesMinute: 1560 },
      { weekday: 6, opensMinute: 0, closesMinute: 1440 },
    ];
    expect(intervalsFromDays(daysFromIntervals(intervals))).toEqual(intervals);
    expect(daysFromIntervals(intervals).filter((d) => d.closed).map((d) => d.weekday)).toEqual([0, 2, 3, 4]);
  });
});

describe("shop settings: validation", () => {
  const valid = { taxRateBps: 888, receivingWallet: "0x" + "ab".repeat(20), requiredConfirmations: 2, fastLaneMaxCents: 1000, basePrepMinutes: 3, targetMarginBps: 7000, hours: week(() => ({})) };

  it("accepts sensible settings", () => {
    expect(settingsSchema.safeParse(valid).success).toBe(true);
    expect(settingsSchema.safeParse({ ...valid, receivingWallet: null }).success).toBe(true);
  });

  it.each([
    ["a negative tax rate", { taxRateBps: -1 }, "taxRateBps"],
    ["a tax rate above 25%", { taxRateBps: 2501 }, "taxRateBps"],
    ["a malformed wallet", { receivingWallet: "0x123" }, "receivingWallet"],
    ["zero confirmations", { requiredConfirmations: 0 }, "requiredConfirmations"],
    ["fractional cents", { fastLaneMaxCents: 10.5 }, "fastLaneMaxCents"],
    ["a margin above 95%", { targetMarginBps: 9501 }, "targetMarginBps"],
    ["a negative margin", { targetMarginBps: -1 }, "targetMarginBps"],
    ["a bad time", { hours: week((d) => (d === 3 ? { opens: "25:00" } : {})) }, "hours"],
    ["six days", { hours: week(() => ({})).slice(1) }, "hours"],
  ])("refuses %s", (_label, change, path) => {
    const result = settingsSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(path);
  });
});
