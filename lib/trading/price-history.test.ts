import { describe, expect, it } from "vitest";
import { minuteOf, priceSeries, type PriceMinuteRow } from "./price-history";

const row = (pool: string, minute: string, o: number, h: number, l: number, c: number, oracle: number, dev = 0): PriceMinuteRow => ({
  pool,
  venue: pool === "a" ? "uniswap-v3" : "uniswap-v2",
  pair: "WETH/USDC",
  minute: new Date(`2026-12-04T${minute}:00Z`),
  open: BigInt(o),
  high: BigInt(h),
  low: BigInt(l),
  close: BigInt(c),
  oracle: BigInt(oracle),
  maxDeviationBps: dev,
});

describe("minuteOf", () => {
  it("is the start of the block's minute of chain time", () => {
    expect(minuteOf(1_764_806_459n).toISOString()).toBe("2025-12-04T00:00:00.000Z");
    expect(minuteOf(1_764_806_460n).toISOString()).toBe("2025-12-04T00:01:00.000Z");
  });
});

describe("priceSeries", () => {
  it("summarises each pool over the window: first open, last close, extremes, change in bps of the open, widest deviation", () => {
    const { pools } = priceSeries([row("a", "10:02", 3010, 3050, 3000, 3040, 3000, 12), row("a", "10:00", 3000, 3020, 2990, 3010, 3000, 5), row("b", "10:01", 2990, 2990, 2700, 2700, 3000, 1000)]);
    expect(pools).toEqual([
      { pool: "a", venue: "uniswap-v3", pair: "WETH/USDC", open: "3000", close: "3040", high: "3050", low: "2990", changeBps: 133, maxDeviationBps: 12, minutes: 2 },
      { pool: "b", venue: "uniswap-v2", pair: "WETH/USDC", open: "2990", close: "2700", high: "2990", low: "2700", changeBps: -969, maxDeviationBps: 1000, minutes: 1 },
    ]);
  });

  it("gives one point per minute with any row, each pool's close carried forward (unchanged pools have no row) and the latest oracle", () => {
    const { points } = priceSeries([row("a", "10:00", 3000, 3000, 3000, 3000, 3000), row("b", "10:01", 2990, 2990, 2980, 2980, 3001), row("a", "10:03", 3000, 3010, 3000, 3005, 3002), row("b", "10:03", 2980, 2990, 2980, 2985, 3002)]);
    expect(points).toEqual([
      { minute: "2026-12-04T10:00:00.000Z", oracle: "3000", closes: { a: "3000", b: null } },
      { minute: "2026-12-04T10:01:00.000Z", oracle: "3001", closes: { a: "3000", b: "2980" } },
      { minute: "2026-12-04T10:03:00.000Z", oracle: "3002", closes: { a: "3005", b: "2985" } },
    ]);
  });

  it("is empty without rows", () => {
    expect(priceSeries([])).toEqual({ pools: [], points: [] });
  });
});
