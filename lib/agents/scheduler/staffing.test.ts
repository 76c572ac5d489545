import { describe, expect, it } from "vitest";
import { busierThanForecast } from "./handlers";
import { catalogWorkTimes, measuredWorkTimes, openDuring, staffFor, workTimes, type MadeOrder } from "./staffing";

const S = 1000;

describe("measuredWorkTimes", () => {
  it("splits start → each item done between stations, and averages over all orders", () => {
    const orders: MadeOrder[] = [
      // Latte done 60 s after start, croissant 20 s later.
      { startedAt: 0, readyAt: 90 * S, items: [{ station: "ESPRESSO_BAR", quantity: 1, prepSeconds: 90, doneAt: 60 * S }, { station: "FOOD", quantity: 1, prepSeconds: 30, doneAt: 80 * S }] },
      // A drip coffee alone: 30 s.
      { startedAt: 0, readyAt: 30 * S, items: [{ station: "BREW", quantity: 1, prepSeconds: 30, doneAt: 30 * S }] },
    ];
    const w = measuredWorkTimes(orders);
    expect(w.orders).toBe(2);
    expect(w.perOrder).toEqual({ ESPRESSO_BAR: 30, BREW: 15, FOOD: 10 });
  });

  it("splits items ticked off at once by their catalog prep times; ignores orders left waiting", () => {
    const together: MadeOrder = { startedAt: 0, readyAt: 120 * S, items: [{ station: "ESPRESSO_BAR", quantity: 2, prepSeconds: 45, doneAt: null }, { station: "FOOD", quantity: 1, prepSeconds: 30, doneAt: null }] };
    const forgotten: MadeOrder = { startedAt: 0, readyAt: 3600 * S, items: [{ station: "BREW", quantity: 1, prepSeconds: 30, doneAt: null }] };
    const w = measuredWorkTimes([together, forgotten]);
    expect(w.orders).toBe(1);
    expect(w.perOrder.ESPRESSO_BAR).toBeCloseTo(90, 9);
    expect(w.perOrder.FOOD).toBeCloseTo(30, 9);
    expect(w.perOrder.BREW).toBe(0);
  });

  it("uses the catalog's prep times until enough orders are measured", () => {
    const one: MadeOrder = { startedAt: 0, readyAt: 60 * S, items: [{ station: "ESPRESSO_BAR", quantity: 1, prepSeconds: 90, doneAt: 60 * S }] };
    const w = workTimes([one], catalogWorkTimes([one]));
    expect(w.source).toBe("catalog");
    expect(w.perOrder.ESPRESSO_BAR).toBe(90);
    expect(workTimes(Array(20).fill(one), catalogWorkTimes([one])).source).toBe("measured");
  });
});

describe("staffFor", () => {
  const work = { ESPRESSO_BAR: 90, BREW: 20, FOOD: 25 };
  it("rounds each station's barista-hours over 75 % utilisation up; the total pools the stations", () => {
    // 60 orders × 90 s = 1.5 barista-hours at the bar → 2 at 75 %; brew 0.33 → 1; food 0.42 → 1; all 2.25 → 3.
    expect(staffFor(60, work, true)).toEqual({ ESPRESSO_BAR: 2, BREW: 1, FOOD: 1, total: 3 });
  });
  it("keeps one barista while open however quiet; none when closed and nothing is forecast", () => {
    expect(staffFor(0, work, true)).toEqual({ ESPRESSO_BAR: 0, BREW: 0, FOOD: 0, total: 1 });
    expect(staffFor(0, work, false).total).toBe(0);
  });
  it("exactly full capacity needs no extra barista", () => {
    // 30 orders × 90 s = 0.75 barista-hours = one barista at 75 %.
    expect(staffFor(30, { ESPRESSO_BAR: 90, BREW: 0, FOOD: 0 }, true).ESPRESSO_BAR).toBe(1);
  });
});

describe("openDuring", () => {
  const hours = [
    { weekday: 1, opensMinute: 7 * 60 + 30, closesMinute: 18 * 60 },
    { weekday: 5, opensMinute: 20 * 60, closesMinute: 26 * 60 }, // Friday 20:00 → Saturday 02:00
  ];
  it("is open in any hour the intervals touch, past midnight too", () => {
    expect(openDuring(hours, 1, 7)).toBe(true);
    expect(openDuring(hours, 1, 18)).toBe(false);
    expect(openDuring(hours, 1, 6)).toBe(false);
    expect(openDuring(hours, 6, 1)).toBe(true);
    expect(openDuring(hours, 6, 2)).toBe(false);
  });
});

describe("busierThanForecast", () => {
  it("needs 50 % and at least 5 orders above the forecast", () => {
    expect(busierThanForecast(90, 60)).toBe(true);
    expect(busierThanForecast(89, 60)).toBe(false);
    expect(busierThanForecast(6, 2)).toBe(false);
    expect(busierThanForecast(7, 2)).toBe(true);
  });
});
