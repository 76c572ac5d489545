import { describe, expect, it } from "vitest";
import { amountOutV2 } from "@/lib/defi/uniswap-v2/client";
import { sqrtBigInt, sqrtPriceX96For } from "@/lib/defi/uniswap-v3/math";
import { depthAt, depthDownWeth, depthUpUsdc, deviationBps, midOfCurve, midOfV3, oracleAgeSeconds, oracleToUsdc, pegCheck, pegDeviationBps, v2Curve, v3Curve } from "./market-math";

const WETH = 10n ** 18n;
const USDC = 10n ** 6n;
// The local V2 pair: 200 WETH / 600k USDC (3000 USDC per ETH).
const pair = v2Curve({ reserve0: 200n * WETH, reserve1: 600_000n * USDC, token0IsWeth: true });

/** The mid after a swap on the V2 pair, with the fee kept in the reserves as the pair does. */
function v2MidAfter(c: typeof pair, side: "up" | "down", amountIn: bigint): bigint {
  if (side === "up") {
    const out = amountOutV2(amountIn, c.usdcReserve, c.wethReserve);
    return midOfCurve({ ...c, usdcReserve: c.usdcReserve + amountIn, wethReserve: c.wethReserve - out });
  }
  const out = amountOutV2(amountIn, c.wethReserve, c.usdcReserve);
  return midOfCurve({ ...c, wethReserve: c.wethReserve + amountIn, usdcReserve: c.usdcReserve - out });
}

describe("oracle deviation", () => {
  it("is signed basis points of the oracle, rounded toward zero", () => {
    const oracle = oracleToUsdc(3000n * 10n ** 8n, 8);
    expect(oracle).toBe(3000n * USDC);
    expect(deviationBps(3030n * USDC, oracle)).toBe(100);
    expect(deviationBps(2970n * USDC, oracle)).toBe(-100);
    expect(deviationBps(3000_299_999n, oracle)).toBe(0);
    expect(deviationBps(2700n * USDC, oracle)).toBe(-1000);
    expect(() => deviationBps(1n, 0n)).toThrow(RangeError);
  });
  it("the oracle's age is block time less its update time, never negative", () => {
    expect(oracleAgeSeconds(1_000n, 4_600n)).toBe(3_600);
    expect(oracleAgeSeconds(5_000n, 4_600n)).toBe(0);
  });
});

describe("depth from the pool's curve", () => {
  it("the V2 mid is the reserves' ratio", () => {
    expect(midOfCurve(pair)).toBe(3000n * USDC);
  });

  it("USDC that lifts a V2 mid by 0.5 % / 1 % does so (the fee kept in the pair adds under 0.2 bp)", () => {
    for (const bps of [50, 100]) {
      const amount = depthUpUsdc(pair, bps);
      const moved = deviationBps(v2MidAfter(pair, "up", amount), midOfCurve(pair));
      expect(moved).toBeGreaterThanOrEqual(bps);
      expect(moved).toBeLessThanOrEqual(bps + 1);
      // closed form: y (√(1+p) − 1) / 0.997
      expect(Number(amount) / 1e6).toBeCloseTo((600_000 * (Math.sqrt(1 + bps / 10_000) - 1)) / 0.997, 0);
    }
  });

  it("WETH that lowers a V2 mid by 1 % does so", () => {
    const amount = depthDownWeth(pair, 100);
    expect(Number(amount) / 1e18).toBeCloseTo((200 * (1 / Math.sqrt(0.99) - 1)) / 0.997, 6);
    const moved = deviationBps(v2MidAfter(pair, "down", amount), midOfCurve(pair));
    expect(moved).toBeLessThanOrEqual(-100);
    expect(moved).toBeGreaterThanOrEqual(-101);
  });

  it("a full-range V3 pool's virtual reserves give its mid, in either token order", () => {
    for (const token0IsWeth of [true, false]) {
      const sqrtPriceX96 = sqrtPriceX96For({ token0IsWeth, usdPerEth: 3000n });
      // L of 500 WETH + 1.5 M USDC at 3000, full range: sqrt(x·y).
      const liquidity = sqrtBigInt(500n * WETH * 1_500_000n * USDC);
      const curve = v3Curve({ sqrtPriceX96, liquidity, token0IsWeth, feePpm: 500 });
      expect(Number(midOfCurve(curve)) / 1e6).toBeCloseTo(3000, 1);
      expect(Number(midOfV3({ sqrtPriceX96, token0IsWeth })) / 1e6).toBeCloseTo(3000, 3);
      expect(Number(curve.wethReserve) / 1e18).toBeCloseTo(500, 0);
      const [half, one] = depthAt(curve);
      expect(half!.bps).toBe(50);
      expect(one!.upUsdc).toBeGreaterThan(half!.upUsdc);
      expect(Number(one!.upUsdc) / 1e6).toBeCloseTo((1_500_000 * (Math.sqrt(1.01) - 1)) / 0.9995, -1);
    }
  });

  it("a deeper pool takes more to move, and nonsense moves are refused", () => {
    const deeper = { ...pair, wethReserve: pair.wethReserve * 2n, usdcReserve: pair.usdcReserve * 2n };
    expect(depthUpUsdc(deeper, 100)).toBeGreaterThan(depthUpUsdc(pair, 100));
    expect(() => depthUpUsdc(pair, 0)).toThrow(RangeError);
    expect(() => depthDownWeth(pair, 10_000)).toThrow(RangeError);
  });
});

describe("pegDeviationBps", () => {
  it("is a stablecoin's feed answer against $1 in signed basis points", () => {
    expect(pegDeviationBps(100_000_000n, 8)).toBe(0);
    expect(pegDeviationBps(95_000_000n, 8)).toBe(-500);
    expect(pegDeviationBps(100_150_000n, 8)).toBe(15);
    expect(pegDeviationBps(998_000n, 6)).toBe(-20);
  });
  it("pegCheck: the deviation and the answer's age at the block (0 for an answer from the block's own second or later)", () => {
    expect(pegCheck("USDC", { answer: 99_000_000n, decimals: 8, updatedAt: 1_000n }, 4_600n)).toEqual({ token: "USDC", deviationBps: -100, ageSeconds: 3_600 });
    expect(pegCheck("USDC", { answer: 100_000_000n, decimals: 8, updatedAt: 5_000n }, 4_600n)).toEqual({ token: "USDC", deviationBps: 0, ageSeconds: 0 });
  });
});
