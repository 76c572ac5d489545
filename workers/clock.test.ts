import { describe, expect, it } from "vitest";
import pino from "pino";
import { startClock } from "./clock";

const log = pino({ level: "silent" });

describe("a worker's clock", () => {
  it("a stop during a pass ends when the pass ends, without waiting out the period", async () => {
    let finishPass!: () => void;
    let passes = 0;
    const clock = startClock(log, 3_600_000, "test pass", () => {
      passes++;
      return new Promise<void>((r) => (finishPass = r));
    });
    await Promise.resolve();
    const stopped = clock.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false); // the pass in flight is waited for
    finishPass();
    await stopped;
    expect(passes).toBe(1);
  });

  it("a stop between passes wakes the wait at once", async () => {
    let passes = 0;
    const clock = startClock(log, 3_600_000, "test pass", async () => {
      passes++;
    });
    await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await clock.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(passes).toBe(1);
  });
});
