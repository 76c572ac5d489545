import { describe, expect, it } from "vitest";
import { largeSwapOf, type PoolSwap } from "./large-swaps";

const who = { sender: "0xAbC0000000000000000000000000000000000001", recipient: "0xdef0000000000000000000000000000000000002" };
const usdc = (dollars: bigint) => dollars * 10n ** 6n;
const weth = (eth: bigint) => eth * 10n ** 18n;

describe("largeSwapOf", () => {
  it("reads a V3 swap's signed deltas from the pool's side, WETH as token1", () => {
    // Someone sold 10 WETH for 29,000 USDC: the pool received WETH (token1) and paid USDC (token0).
    const swap: PoolSwap = { kind: "v3", amount0: -usdc(29_000n), amount1: weth(10n), ...who };
    expect(largeSwapOf(swap, false, 1_000_000)).toEqual({ wethDelta: weth(10n), usdcDelta: -usdc(29_000n), valueUsdCents: 2_900_000, sender: who.sender.toLowerCase(), recipient: who.recipient });
  });

  it("turns a V2 swap's ins and outs into deltas, WETH as token0", () => {
    const swap: PoolSwap = { kind: "v2", amount0In: 0n, amount1In: usdc(12_000n), amount0Out: weth(4n), amount1Out: 0n, ...who };
    expect(largeSwapOf(swap, true, 1_000_000)).toMatchObject({ wethDelta: -weth(4n), usdcDelta: usdc(12_000n), valueUsdCents: 1_200_000 });
  });

  it("is null under the threshold and counts one at exactly the threshold", () => {
    const at = (dollars: bigint): PoolSwap => ({ kind: "v3", amount0: usdc(dollars), amount1: -weth(1n), ...who });
    expect(largeSwapOf(at(9_999n), false, 1_000_000)).toBeNull();
    expect(largeSwapOf(at(10_000n), false, 1_000_000)?.valueUsdCents).toBe(1_000_000);
  });
});
