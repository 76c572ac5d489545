/**
 * Large swaps on the watched pools (the on-chain analyzer's "who moved the market"): pure, from the
 * pool's own Swap log. A V3 Swap logs the pool's signed deltas (positive: the pool received it); a
 * V2 Swap logs ins and outs, so its delta is in − out. A swap counts as large when its USDC leg is
 * worth at least the threshold (USDC is taken at its peg, as the desk's other figures do).
 */

/** $10,000: the default threshold (TRADING_LARGE_SWAP_USD_CENTS). */
export const LARGE_SWAP_USD_CENTS = 1_000_000;

export type PoolSwap =
  | { kind: "v3"; amount0: bigint; amount1: bigint; sender: string; recipient: string }
  | { kind: "v2"; amount0In: bigint; amount1In: bigint; amount0Out: bigint; amount1Out: bigint; sender: string; recipient: string };

export type LargeSwapFigures = { wethDelta: bigint; usdcDelta: bigint; valueUsdCents: number; sender: string; recipient: string };

const abs = (x: bigint) => (x < 0n ? -x : x);

/** The swap's WETH and USDC deltas (pool's view) and USD value, or null when it is under the threshold. */
export function largeSwapOf(swap: PoolSwap, token0IsWeth: boolean, thresholdUsdCents: number): LargeSwapFigures | null {
  const [d0, d1] = swap.kind === "v3" ? [swap.amount0, swap.amount1] : [swap.amount0In - swap.amount0Out, swap.amount1In - swap.amount1Out];
  const [wethDelta, usdcDelta] = token0IsWeth ? [d0, d1] : [d1, d0];
  // 6-decimal USDC → cents.
  const valueUsdCents = Number(abs(usdcDelta) / 10_000n);
  if (valueUsdCents < thresholdUsdCents) return null;
  return { wethDelta, usdcDelta, valueUsdCents, sender: swap.sender.toLowerCase(), recipient: swap.recipient.toLowerCase() };
}
