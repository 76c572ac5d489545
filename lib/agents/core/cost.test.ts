import { describe, expect, it } from "vitest";
import { costMicroUsd, formatMicroUsd } from "./cost";

describe("cost estimate", () => {
  const prices = { inputPerMTok: 300_000, outputPerMTok: 2_500_000 };

  it("prices input and output tokens per million, in whole micro-USD", () => {
    expect(costMicroUsd(prices, 1_000, 200)).toBe(800);
    expect(costMicroUsd(prices, 1_000_000, 1_000_000)).toBe(2_800_000);
    // 1 input token = 0.3 µUSD, rounded to the nearest; half rounds up.
    expect(costMicroUsd(prices, 1, 0)).toBe(0);
    expect(costMicroUsd({ inputPerMTok: 500_000, outputPerMTok: 0 }, 1, 0)).toBe(1);
    expect(costMicroUsd(prices, 0, 0)).toBe(0);
  });

  it("is unknown without a price or without token counts", () => {
    expect(costMicroUsd(null, 1_000, 200)).toBeNull();
    expect(costMicroUsd(prices, null, null)).toBeNull();
  });

  it("shows sub-cent runs with four decimals and unknown as a dash", () => {
    expect(formatMicroUsd(null)).toBe("—");
    expect(formatMicroUsd(0)).toBe("$0.0000");
    expect(formatMicroUsd(800)).toBe("$0.0008");
    expect(formatMicroUsd(9_999)).toBe("$0.0100");
    expect(formatMicroUsd(2_800_000)).toBe("$2.80");
    expect(formatMicroUsd(1_234_567_891)).toBe("$1,234.57");
  });
});
