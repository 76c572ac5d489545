import { describe, expect, it } from "vitest";
import { slippagePercent } from "./client";

describe("1inch slippage", () => {
  it("sends basis points as 1inch's percentage", () => {
    expect([0, 1, 50, 100, 250, 5_000].map(slippagePercent)).toEqual(["0", "0.01", "0.5", "1", "2.5", "50"]);
  });
  it("refuses what 1inch would (over 50 %, fractions of a bp, negative)", () => {
    for (const bad of [5_001, 0.5, -1]) expect(() => slippagePercent(bad)).toThrow(RangeError);
  });
});
