/** The least output a swap accepts: the quote less `slippageBps` (rounded down, never negative). */
export function minOut(quotedOut: bigint, slippageBps: number): bigint {
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) throw new RangeError(`slippage must be 0-10000 bps, got ${slippageBps}`);
  return (quotedOut * BigInt(10_000 - slippageBps)) / 10_000n;
}

/** A swap deadline `ttlSeconds` after the block's timestamp (unix seconds). */
export function deadlineAfter(blockTimestamp: bigint, ttlSeconds: number): bigint {
  return blockTimestamp + BigInt(ttlSeconds);
}
