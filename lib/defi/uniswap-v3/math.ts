/** Uniswap V3 price maths the clients and the deploy script share (pure bigint, no floats). */

const Q96 = 2n ** 96n;

/** The widest ticks a position may use at each fee tier (MAX_TICK 887272 rounded to the spacing). */
export const FULL_RANGE = { 100: 887272, 500: 887270, 3000: 887220, 10000: 887200 } as const;

export function sqrtBigInt(value: bigint): bigint {
  if (value < 0n) throw new RangeError("square root of a negative number");
  if (value < 2n) return value;
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + value / x) / 2n;
  }
  return x;
}

/** sqrtPriceX96 of a WETH (18 decimals) / USDC (6 decimals) pool at `usdPerEth`. */
export function sqrtPriceX96For({ token0IsWeth, usdPerEth }: { token0IsWeth: boolean; usdPerEth: bigint }): bigint {
  // price = token1 base units per token0 base unit
  const [num, den] = token0IsWeth ? [usdPerEth * 10n ** 6n, 10n ** 18n] : [10n ** 18n, usdPerEth * 10n ** 6n];
  return sqrtBigInt((num * Q96 * Q96) / den);
}

/** USDC base units per whole WETH at a pool's sqrtPriceX96 (the mid price, before fees). */
export function usdcPerEthAt({ sqrtPriceX96, token0IsWeth }: { sqrtPriceX96: bigint; token0IsWeth: boolean }): bigint {
  const priceX192 = sqrtPriceX96 * sqrtPriceX96; // token1 per token0, times 2^192
  return token0IsWeth ? (priceX192 * 10n ** 18n) / (Q96 * Q96) : (Q96 * Q96 * 10n ** 18n) / priceX192;
}

/**
 * USDC base units per whole `base` token (its decimals) at a USDC/base pool's sqrtPriceX96: a
 * stablecoin pool's mid (1,000,000 at the peg). Exact integer maths like usdcPerEthAt.
 */
export function usdcPerTokenAt({ sqrtPriceX96, token0IsBase, baseDecimals }: { sqrtPriceX96: bigint; token0IsBase: boolean; baseDecimals: number }): bigint {
  const priceX192 = sqrtPriceX96 * sqrtPriceX96;
  const unit = 10n ** BigInt(baseDecimals);
  return token0IsBase ? (priceX192 * unit) / (Q96 * Q96) : (Q96 * Q96 * unit) / priceX192;
}
