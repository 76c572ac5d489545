import { describe, expect, it } from "vitest";
import { describeOpeningState, localTime, openingState, type OpeningInterval } from "./hours";

const weekdays7to19: OpeningInterval[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensMinute: 7 * 60, closesMinute: 19 * 60 }));

describe("localTime", () => {
  it("reads the weekday and clock in the shop's zone, not the server's", () => {
    // 2026-11-25 is a Wednesday. 02:30 UTC is still Tuesday evening in New York.
    const now = new Date("2026-11-25T02:30:00Z");
    expect(localTime(now, "America/New_York")).toEqual({ weekday: 2, minute: 21 * 60 + 30 });
    expect(localTime(now, "Asia/Tokyo")).toEqual({ weekday: 3, minute: 11 * 60 + 30 });
  });
});

describe("openingState", () => {
  it("is open inside an interval and says when it closes", () => {
    const state = openingState(weekdays7to19, "America/Chicago", new Date("2026-11-25T15:00:00Z")); // Wed 09:00 CST
    expect(state).toEqual({ open: true, closesAt: { weekday: 3, minute: 19 * 60 } });
    expect(describeOpeningState(state, 3)).toBe("Open until 19:00");
  });

  it("is closed at closing time exactly and opens the next morning", () => {
    const state = openingState(weekdays7to19, "America/Chicago", new Date("2026-11-26T01:00:00Z")); // Wed 19:00 CST
    expect(state).toEqual({ open: false, opensAt: { weekday: 4, minute: 7 * 60 } });
    expect(describeOpeningState(state, 3)).toBe("Closed, opens Thu 07:00");
  });

  it("on Saturday points to Monday, wrapping the week", () => {
    const state = openingState(weekdays7to19, "America/Los_Angeles", new Date("2026-11-28T18:00:00Z")); // Sat 10:00 PST
    expect(state).toEqual({ open: false, opensAt: { weekday: 1, minute: 7 * 60 } });
  });

  it("handles hours past midnight, including Saturday night into Sunday", () => {
    const lateSaturday: OpeningInterval[] = [{ weekday: 6, opensMinute: 18 * 60, closesMinute: 26 * 60 }];
    // Sunday 01:00 in New York = 06:00 UTC (EST).
    expect(openingState(lateSaturday, "America/New_York", new Date("2026-11-29T06:00:00Z"))).toEqual({ open: true, closesAt: { weekday: 0, minute: 120 } });
    expect(openingState(lateSaturday, "America/New_York", new Date("2026-11-29T07:30:00Z")).open).toBe(false);
  });

  it("before opening on the same day says today's time", () => {
    const state = openingState(weekdays7to19, "America/New_York", new Date("2026-11-25T10:00:00Z")); // Wed 05:00 EST
    expect(describeOpeningState(state, 3)).toBe("Closed, opens 07:00");
  });

  it("follows back-to-back intervals to the real closing time", () => {
    const lateFriday: OpeningInterval[] = [
      { weekday: 5, opensMinute: 7 * 60, closesMinute: 1440 },
      { weekday: 6, opensMinute: 0, closesMinute: 2 * 60 },
    ];
    // Fri 22:00 in Chicago = Sat 04:00 UTC (CST).
    expect(openingState(lateFriday, "America/Chicago", new Date("2026-11-28T04:00:00Z"))).toEqual({ open: true, closesAt: { weekday: 6, minute: 120 } });
  });

  it("says open 24 hours when the intervals cover the whole week", () => {
    const always: OpeningInterval[] = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 0, closesMinute: 1440 }));
    const state = openingState(always, "America/Los_Angeles", new Date("2026-11-25T12:00:00Z"));
    expect(state).toEqual({ open: true, closesAt: null });
    expect(describeOpeningState(state, 3)).toBe("Open 24 hours");
  });

  it("with no hours at all is closed with no opening time", () => {
    expect(openingState([], "UTC", new Date())).toEqual({ open: false, opensAt: null });
  });
});
