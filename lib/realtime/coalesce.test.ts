import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesced } from "./coalesce";

// Fake timers (and a fake Date.now): the windows below are exact, however busy the machine is.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets `ms` of fake time pass, running the timers and promise callbacks due in it. */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("coalesced", () => {
  it("runs once more after a burst, never overlapping", async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    const run = coalesced(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs++;
      await new Promise((r) => setTimeout(r, 10));
      active--;
    });
    for (let i = 0; i < 50; i++) run();
    await elapse(60);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
    run();
    await elapse(30);
    expect(runs).toBe(3);
  });

  it("with a gap, spaces follow-up runs but starts a lone one at once", async () => {
    const starts: number[] = [];
    const run = coalesced(async () => void starts.push(Date.now()), { gapMs: 40 });
    const t0 = Date.now();
    run();
    expect(starts).toHaveLength(1); // synchronously started
    run(); // arrives while the first runs: one follow-up, after the gap
    await elapse(80);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(35);
    expect(starts[0]! - t0).toBeLessThan(5);
  });
});
