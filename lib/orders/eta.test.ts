import { describe, expect, it } from "vitest";
import { estimateReadyAt } from "./eta";

const now = new Date("2026-11-25T08:00:00Z");
const minutesFromNow = (d: Date) => (d.getTime() - now.getTime()) / 60_000;

describe("estimateReadyAt", () => {
  it("is the base time plus the order's own work when the queue is empty", () => {
    expect(minutesFromNow(estimateReadyAt({ now, basePrepMinutes: 3, backlogSeconds: {}, ownSeconds: { ESPRESSO_BAR: 120 } }))).toBe(5);
  });

  it("waits for the slowest station, counting the work ahead of it there", () => {
    const eta = estimateReadyAt({ now, basePrepMinutes: 2, backlogSeconds: { ESPRESSO_BAR: 600, FOOD: 60 }, ownSeconds: { ESPRESSO_BAR: 120, FOOD: 180 } });
    expect(minutesFromNow(eta)).toBe(2 + 12);
  });

  it("ignores backlog at stations the order does not use", () => {
    const eta = estimateReadyAt({ now, basePrepMinutes: 1, backlogSeconds: { BREW: 3600 }, ownSeconds: { FOOD: 60 } });
    expect(minutesFromNow(eta)).toBe(2);
  });
});
