import { describe, expect, it } from "vitest";
import { roiBps, strategyReturns, unrealisedUsdCents } from "./overview";

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

describe("unrealisedUsdCents", () => {
  it("values the WETH held at the feed against the USDC spent", () => {
    // 0.5 WETH bought for $1,400.00, ETH at $3,000.00 → worth $1,500.00: +$100.00
    expect(unrealisedUsdCents(5n * 10n ** 17n, 1_400n * 10n ** 6n, 3_000n * 10n ** 6n)).toBe(10_000);
    expect(unrealisedUsdCents(5n * 10n ** 17n, 1_600n * 10n ** 6n, 3_000n * 10n ** 6n)).toBe(-10_000);
    expect(unrealisedUsdCents(0n, 0n, 3_000n * 10n ** 6n)).toBe(0);
  });
});

describe("strategyReturns", () => {
  it("adds each strategy's bots together: P&L and unrealised over the capital", () => {
    const usdc = (dollars: number) => (BigInt(dollars) * 10n ** 6n).toString();
    const rows = strategyReturns([
      { strategy: "cross-venue-arbitrage", pnlUsdCents: 5_000, unrealisedUsdCents: null, capitalUsdc: usdc(10_000) },
      { strategy: "cross-venue-arbitrage", pnlUsdCents: -1_000, unrealisedUsdCents: null, capitalUsdc: usdc(10_000) },
      { strategy: "dca", pnlUsdCents: -30, unrealisedUsdCents: 2_030, capitalUsdc: usdc(1_000) },
      { strategy: "dca", pnlUsdCents: 0, unrealisedUsdCents: null, capitalUsdc: null },
    ]);
    expect(rows).toEqual([
      { strategy: "cross-venue-arbitrage", bots: 2, pnlUsdCents: 4_000, unrealisedUsdCents: 0, capitalUsdc: usdc(20_000), roiBps: 20 },
      { strategy: "dca", bots: 2, pnlUsdCents: -30, unrealisedUsdCents: 2_030, capitalUsdc: usdc(1_000), roiBps: 200 },
    ]);
  });
});
