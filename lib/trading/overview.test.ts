import { describe, expect, it } from "vitest";
import { roiBps } from "./overview";

describe("roiBps", () => {
  it("is P&L over the largest stake, in basis points, truncated toward zero", () => {
    expect(roiBps(12_345, (15_000n * 10n ** 6n).toString())).toBe(82); // $123.45 on $15,000 = 0.823 %
    expect(roiBps(-12_345, (15_000n * 10n ** 6n).toString())).toBe(-82);
  });
  it("is null without a stake to measure against", () => {
    expect(roiBps(0, null)).toBeNull();
    expect(roiBps(5, "9999")).toBeNull(); // under a cent staked
  });
});
