import { describe, expect, it } from "vitest";
import { coalesced } from "./coalesce";

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
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
    run();
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(3);
  });
});
