import { describe, expect, it } from "vitest";
import { chooseTastingSlot, localHourStart, openAllHour, openHoursAhead } from "./schedule";
import { menuPlacement, passes, slugify, tastingVerdict } from "./verdict";

const NY = "America/New_York";
/** Open 07:00–19:00 every day. */
const DAILY = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 7 * 60, closesMinute: 19 * 60 }));
/** Thursday 2026-12-03 11:30 in New York. */
const NOW = new Date("2026-12-03T16:30:00Z");

describe("when to hold a tasting", () => {
  it("counts only hours the shop is open for all of, including past midnight", () => {
    expect(openAllHour(DAILY, 4, 7)).toBe(true);
    expect(openAllHour(DAILY, 4, 18)).toBe(true);
    expect(openAllHour(DAILY, 4, 19)).toBe(false);
    expect(openAllHour([{ weekday: 4, opensMinute: 7 * 60 + 30, closesMinute: 12 * 60 }], 4, 7)).toBe(false);
    expect(openAllHour([{ weekday: 5, opensMinute: 20 * 60, closesMinute: 26 * 60 }], 6, 1)).toBe(true);
    const hours = openHoursAhead(NOW, NY, DAILY);
    expect(hours[0]).toBe("2026-12-03T12:00");
    expect(hours).toHaveLength(7 + 12 + 12 + 5); // Thursday 12:00–18:00, Friday, Saturday, Sunday 07:00–11:00 (72 hours end there)
  });

  it("picks the quietest forecast hour in the next 3 days, the earliest of equals", () => {
    const forecast = new Map([
      ["2026-12-03T14:00", 6],
      ["2026-12-04T15:00", 2.4],
      ["2026-12-05T09:00", 2.4],
      ["2026-12-05T20:00", 0], // closed then
      ["2026-12-07T15:00", 0.5], // beyond 3 days
    ]);
    const slot = chooseTastingSlot(NOW, NY, DAILY, forecast)!;
    expect(slot).toEqual({ hour: "2026-12-04T15:00", orders: 2.4, reason: "The quietest forecast hour in the next 3 days: Friday 2026-12-04 at 15:00, 2.4 orders forecast." });
    expect(localHourStart(slot.hour, NY).toISOString()).toBe("2026-12-04T20:00:00.000Z");
  });

  it("without a forecast, takes the first opening hour tomorrow and says so", () => {
    expect(chooseTastingSlot(NOW, NY, DAILY, new Map())).toEqual({ hour: "2026-12-04T07:00", orders: null, reason: "No forecast for the next 3 days, so the first opening hour tomorrow: Friday 2026-12-04 at 07:00." });
    // Closed on Fridays: Saturday's first hour.
    const noFriday = DAILY.filter((i) => i.weekday !== 5);
    expect(chooseTastingSlot(NOW, NY, noFriday, new Map())!.hour).toBe("2026-12-05T07:00");
    expect(chooseTastingSlot(NOW, NY, [], new Map())).toBeNull();
  });

  it("never on a day the shop's calendar marks closed (a holiday's zero forecast is not a quiet hour)", () => {
    const forecast = new Map([
      ["2026-12-04T10:00", 0], // Friday: closed for a holiday, so forecast at nothing
      ["2026-12-05T09:00", 2.4],
    ]);
    const closed = new Set(["2026-12-04"]);
    expect(chooseTastingSlot(NOW, NY, DAILY, forecast)!.hour).toBe("2026-12-04T10:00");
    expect(chooseTastingSlot(NOW, NY, DAILY, forecast, closed)!.hour).toBe("2026-12-05T09:00");
    expect(chooseTastingSlot(NOW, NY, DAILY, new Map(), closed)!.hour).toBe("2026-12-05T07:00");
  });
});

describe("a tasting's verdict", () => {
  it("passes at a mean of 3.5 over 3 or more scores; a manager's close decides on what there is", () => {
    expect(passes([4, 3])).toBe(true); // 3.5
    expect(passes([4, 3, 3])).toBe(false); // 3.33
    expect(passes([])).toBe(false);
    expect(tastingVerdict([5, 5], false)).toBe("OPEN");
    expect(tastingVerdict([5, 4, 2], false)).toBe("PASSED"); // 3.67
    expect(tastingVerdict([4, 3, 3], false)).toBe("OPEN"); // stays open: more may score, or a manager closes it
    expect(tastingVerdict([4, 3, 3], true)).toBe("FAILED");
    expect(tastingVerdict([5], true)).toBe("PASSED");
    expect(tastingVerdict([], true)).toBe("FAILED");
  });

  it("places a drink on the menu by what it is made of", () => {
    expect(menuPlacement(["espresso-beans", "chocolate-sauce", "whole-milk"])).toEqual({ category: "espresso-bar", station: "ESPRESSO_BAR", imageUrl: "/menu/mocha.svg", template: "mocha" });
    expect(menuPlacement(["chai-concentrate", "espresso-beans"])).toMatchObject({ category: "tea-and-more" });
    expect(menuPlacement(["cold-brew-concentrate", "ice"])).toEqual({ category: "brewed-coffee", station: "BREW", imageUrl: "/menu/cold-brew.svg", template: "cold-brew" });
    expect(slugify("Winter Hazelnut Mocha")).toBe("winter-hazelnut-mocha");
    expect(slugify("Café & Crème")).toBe("cafe-creme");
  });
});
