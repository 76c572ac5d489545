/** The least output a swap accepts: the quote less `slippageBps` (rounded down, never negative). */
export function minOut(quotedOut: bigint, slippageBps: number): bigint {
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) throw new RangeError(`slippage must be 0-10000 bps, got ${slippageBps}`);
  return (quotedOut * BigInt(10_000 - slippageBps)) / 10_000n;
}

/** A swap deadline `ttlSeconds` after the block's timestamp (unix seconds). */
export function deadlineAfter(blockTimestamp: bigint, ttlSeconds: number): bigint {
  return blockTimestamp + BigInt(ttlSeconds);
}

/**
 * A swap's gas limit: its estimate plus 20 % and 50,000. The estimate runs against the pending block
 * with the last block's timestamp; a swap mined in a block with a new timestamp also writes the
 * pool's time-weighted price (Uniswap V2's two cumulative prices: up to 2 × 22,100 gas when they go
 * from zero; V3's oracle observation), which the estimate did not see. Measured: a V2 swap
 * estimated at 92,845 used 119,675 (and ran out of gas at +30 %).
 */
export function withGasMargin(estimate: bigint): bigint {
  return (estimate * 12n) / 10n + 50_000n;
}
