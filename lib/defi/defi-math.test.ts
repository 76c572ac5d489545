import { describe, expect, it } from "vitest";
import { minOut, withGasMargin } from "./slippage";
import { amountOutV2 } from "./uniswap-v2/client";
import { sqrtBigInt, sqrtPriceX96For, usdcPerEthAt } from "./uniswap-v3/math";

describe("defi maths", () => {
  it("a swap's gas limit covers the time-weighted price writes its estimate did not see", () => {
    // Measured on anvil: a V2 swap estimated at 92,845 gas used 119,675 in a block with a new timestamp.
    expect(withGasMargin(92_845n)).toBeGreaterThan(119_675n);
    expect(withGasMargin(100_000n)).toBe(170_000n);
  });

  it("sqrtBigInt is the floor square root", () => {
    for (const n of [0n, 1n, 2n, 15n, 16n, 17n, 10n ** 40n + 12345n]) {
      const r = sqrtBigInt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }
  });

  it("a pool initialised at 3000 USD per ETH reads back 3000 either token order", () => {
    for (const token0IsWeth of [true, false]) {
      const sqrtPriceX96 = sqrtPriceX96For({ token0IsWeth, usdPerEth: 3000n });
      const usdc = usdcPerEthAt({ sqrtPriceX96, token0IsWeth });
      expect(Number(usdc) / 1e6).toBeCloseTo(3000, 3);
    }
  });

  it("minOut takes the slippage off and refuses nonsense", () => {
    expect(minOut(1_000_000n, 50)).toBe(995_000n);
    expect(minOut(1_000_000n, 0)).toBe(1_000_000n);
    expect(() => minOut(1n, -1)).toThrow(RangeError);
    expect(() => minOut(1n, 10_001)).toThrow(RangeError);
  });

  it("amountOutV2 matches the constant product with the 0.3 % fee", () => {
    // 1 WETH into 200 WETH / 600k USDC: just under 3000 * 200/201 less 0.3 %
    const out = amountOutV2(10n ** 18n, 200n * 10n ** 18n, 600_000n * 10n ** 6n);
    expect(Number(out) / 1e6).toBeCloseTo((600_000 * 0.997) / (200 + 0.997), 2);
    expect(amountOutV2(0n, 1n, 1n)).toBe(0n);
  });
});
