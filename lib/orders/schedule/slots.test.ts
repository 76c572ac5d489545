import { describe, expect, it } from "vitest";
import { bucketOf, emptyHistogram } from "@/lib/analytics/histogram";
import { openingState } from "@/lib/shops/hours";
import { MIN_SAMPLES, prepTimesFrom } from "./prep-times";
import { asapMinutes, fireTime, fitsSlot, pickupSlots, pickupTimeProblem, roomFor, slotCapacity, slotLabel, slotRoom, type PrepTimes } from "./slots";

const TZ = "America/New_York";
// Thursday 3 December 2026, 08:07:30 in New York (13:07:30 UTC).
const NOW = new Date("2026-12-03T13:07:30Z");
const WEEKDAYS_7_TO_19 = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 7 * 60, closesMinute: 19 * 60 }));
const prep = (typical: number, safe = typical * 2): PrepTimes => ({
  ESPRESSO_BAR: { typicalSeconds: typical, safeSeconds: safe },
  BREW: { typicalSeconds: typical, safeSeconds: safe },
  FOOD: { typicalSeconds: 60, safeSeconds: 120 },
});

describe("pickup slots", () => {
  it("are quarter hours of the shop's day, from the first a typical order is ready by, until closing", () => {
    const slots = pickupSlots({ now: NOW, timeZone: TZ, opening: openingState(WEEKDAYS_7_TO_19, TZ, NOW), leadMinutes: 5 });
    // 08:07:30 + 5 min → 08:13 (a started minute counts) → first slot 08:15; last one starts before 19:00.
    expect(slotLabel(slots[0]!, TZ)).toBe("08:15");
    expect(slots[0]!.toISOString()).toBe("2026-12-03T13:15:00.000Z");
    expect(slotLabel(slots.at(-1)!, TZ)).toBe("18:45");
    expect(slots).toHaveLength(43);
    expect(slots.every((s, i) => i === 0 || s.getTime() - slots[i - 1]!.getTime() === 15 * 60_000)).toBe(true);
  });

  it("end at midnight for a shop open around the clock or past midnight, and are none while closed", () => {
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 0, closesMinute: 1440 }));
    const slots = pickupSlots({ now: NOW, timeZone: TZ, opening: openingState(allDay, TZ, NOW), leadMinutes: 5 });
    expect(slotLabel(slots.at(-1)!, TZ)).toBe("23:45");
    const evening = new Date("2026-12-04T00:30:00Z"); // 19:30 local: closed
    expect(pickupSlots({ now: evening, timeZone: TZ, opening: openingState(WEEKDAYS_7_TO_19, TZ, evening), leadMinutes: 5 })).toEqual([]);
  });

  it("start exactly on a quarter hour when the lead lands on one", () => {
    const now = new Date("2026-12-03T13:10:00Z"); // 08:10:00
    const slots = pickupSlots({ now, timeZone: TZ, opening: openingState(WEEKDAYS_7_TO_19, TZ, now), leadMinutes: 5 });
    expect(slotLabel(slots[0]!, TZ)).toBe("08:15");
  });
});

describe("capacity", () => {
  it("is what each station makes in 15 minutes at its typical pace, at least one", () => {
    expect(slotCapacity(prep(180))).toEqual({ ESPRESSO_BAR: 5, BREW: 5, FOOD: 15 });
    expect(slotCapacity(prep(2000)).ESPRESSO_BAR).toBe(1);
  });

  it("fills per station: an order fits only if every station it needs has room", () => {
    const capacity = slotCapacity(prep(300)); // 3 per slot at the bar
    expect(fitsSlot({ ESPRESSO_BAR: 2 }, capacity, ["ESPRESSO_BAR", "FOOD"])).toBe(true);
    expect(fitsSlot({ ESPRESSO_BAR: 3 }, capacity, ["ESPRESSO_BAR", "FOOD"])).toBe(false);
    expect(fitsSlot({ ESPRESSO_BAR: 3 }, capacity, ["FOOD"])).toBe(true);
    const room = slotRoom({ ESPRESSO_BAR: 3, FOOD: 1 }, capacity);
    expect(room).toEqual({ ESPRESSO_BAR: 0, BREW: 3, FOOD: 14 });
    expect(roomFor(room, ["ESPRESSO_BAR"])).toBe(false);
    expect(roomFor(room, ["BREW", "FOOD"])).toBe(true);
  });
});

describe("fire time and as soon as possible", () => {
  it("releases the order its slowest station's p90 before the pickup time", () => {
    const pickup = new Date("2026-12-03T13:15:00Z");
    expect(fireTime(pickup, prep(180, 420), ["ESPRESSO_BAR", "FOOD"]).toISOString()).toBe("2026-12-03T13:08:00.000Z");
    expect(fireTime(pickup, prep(180, 420), ["FOOD"]).toISOString()).toBe("2026-12-03T13:13:00.000Z");
  });

  it("says about how many minutes an order takes now: the slowest station's typical time, rounded up", () => {
    expect(asapMinutes(prep(181))).toBe(4);
    expect(asapMinutes(prep(10))).toBe(1);
  });
});

describe("a requested pickup time", () => {
  const slots = pickupSlots({ now: NOW, timeZone: TZ, opening: openingState(WEEKDAYS_7_TO_19, TZ, NOW), leadMinutes: 5 });
  it("is accepted only as one of today's slots, with a sentence saying why not", () => {
    expect(pickupTimeProblem(slots[3]!, slots, NOW, TZ)).toBeNull();
    expect(pickupTimeProblem(new Date("2026-12-03T12:45:00Z"), slots, NOW, TZ)).toMatch(/has passed/);
    expect(pickupTimeProblem(new Date("2026-12-03T13:20:00Z"), slots, NOW, TZ)).toMatch(/quarter hour/);
    expect(pickupTimeProblem(new Date("2026-12-03T13:15:00Z"), slots.slice(1), NOW, TZ)).toMatch(/earliest pickup time is 08:30/);
    expect(pickupTimeProblem(new Date("2026-12-04T00:00:00Z"), slots, NOW, TZ)).toMatch(/until 18:45 today/);
  });
});

describe("measured prep times", () => {
  const histogram = (seconds: number[]) => {
    const h = emptyHistogram();
    for (const s of seconds) h[bucketOf(s)]! += 1;
    return h;
  };
  it("are the p50 and p90 of the stations' histograms merged over days", () => {
    const day1 = Array.from({ length: 15 }, () => 120);
    const day2 = [...Array.from({ length: 10 }, () => 130), ...Array.from({ length: 5 }, () => 900)];
    const times = prepTimesFrom(
      [
        { metric: "prep:ESPRESSO_BAR", count: day1.length, buckets: histogram(day1) },
        { metric: "prep:ESPRESSO_BAR", count: day2.length, buckets: histogram(day2) },
        { metric: "claim", count: 30, buckets: histogram(Array.from({ length: 30 }, () => 5000)) },
      ],
      3,
    );
    expect(times.ESPRESSO_BAR.typicalSeconds).toBeGreaterThanOrEqual(110);
    expect(times.ESPRESSO_BAR.typicalSeconds).toBeLessThanOrEqual(140);
    expect(times.ESPRESSO_BAR.safeSeconds).toBeGreaterThan(600);
  });

  it("fall back to the shop's base prep time where a station has too few measurements", () => {
    const few = Array.from({ length: MIN_SAMPLES - 1 }, () => 30);
    const times = prepTimesFrom([{ metric: "prep:BREW", count: few.length, buckets: histogram(few) }], 4);
    expect(times.BREW).toEqual({ typicalSeconds: 240, safeSeconds: 480 });
    expect(times.FOOD).toEqual({ typicalSeconds: 240, safeSeconds: 480 });
  });
});
