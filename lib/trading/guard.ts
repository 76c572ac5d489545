import type { OracleCheck } from "./market-math";

/**
 * The treasury guard: the one door every trade passes (paper trades too, so a paper run shows what
 * the guard would let a live one do). Pure: limits and the bot's day so far in, a verdict out.
 */

export type GuardLimits = {
  killSwitch: boolean;
  maxTradeUsdCents: number;
  maxSlippageBps: number;
  dailyLossLimitUsdCents: number;
  /** Lower-case addresses. */
  allowedTokens: readonly string[];
  allowedPools: readonly string[];
  /** The oracle-deviation circuit breaker: a pool whose mid is further than this from the oracle is not traded. */
  maxOracleDeviationBps: number;
  /** An ETH/USD answer older than this at the trade's block refuses every trade (its deviation means nothing). */
  oracleMaxAgeSeconds: number;
  /** The same for a stablecoin's USD feed, whose heartbeat is longer (Chainlink mainnet USDC/USD: 24 h, against ETH/USD's 1 h). */
  stablecoinMaxAgeSeconds: number;
  /** The depeg breaker: a stablecoin further than this from $1 on its feed refuses every trade. */
  maxPegDeviationBps: number;
};

export type TradeIntent = {
  tokens: readonly string[];
  pools: readonly string[];
  sizeUsdCents: number;
  slippageBps: number;
  /** What the trade is expected to make (negative = a loss). */
  expectedPnlUsdCents: number;
  /** The trade's pools against the oracle at the block it saw (lib/trading/market-math.ts). */
  oracle: OracleCheck;
};

/** The guard's own reasons, then the desk's: LIVE_NOT_AVAILABLE, EXECUTION_FAILED, INSUFFICIENT_BALANCE (a DCA sale of WETH not held). */
export type RefusalReason = "KILL_SWITCH" | "TOKEN_NOT_ALLOWED" | "POOL_NOT_ALLOWED" | "ORACLE_STALE" | "STABLECOIN_DEPEG" | "ORACLE_DEVIATION" | "OVERSIZE" | "SLIPPAGE" | "DAILY_LOSS_LIMIT" | "LIVE_NOT_AVAILABLE" | "EXECUTION_FAILED" | "INSUFFICIENT_BALANCE";
export type GuardVerdict = { ok: true } | { ok: false; reason: RefusalReason; detail: string };

export const usd = (cents: number) => `${cents < 0 ? "-" : ""}$${(Math.abs(cents) / 100).toFixed(2)}`;

export function checkTrade(limits: GuardLimits, intent: TradeIntent, todayPnlUsdCents: number): GuardVerdict {
  if (limits.killSwitch) return { ok: false, reason: "KILL_SWITCH", detail: "the kill switch is on" };
  const tokens = new Set(limits.allowedTokens.map((a) => a.toLowerCase()));
  for (const token of intent.tokens) {
    if (!tokens.has(token.toLowerCase())) return { ok: false, reason: "TOKEN_NOT_ALLOWED", detail: `token ${token} is not on the allowlist` };
  }
  const pools = new Set(limits.allowedPools.map((a) => a.toLowerCase()));
  for (const pool of intent.pools) {
    if (!pools.has(pool.toLowerCase())) return { ok: false, reason: "POOL_NOT_ALLOWED", detail: `pool ${pool} is not on the allowlist` };
  }
  // The circuit breaker. A stale oracle first: without a current price, no deviation can be judged;
  // a stale stablecoin feed could hide a depeg (its old answer says $1).
  const feeds = [
    { feed: "ETH/USD", ageSeconds: intent.oracle.ageSeconds, limit: limits.oracleMaxAgeSeconds },
    ...intent.oracle.pegs.map((p) => ({ feed: `${p.token}/USD`, ageSeconds: p.ageSeconds, limit: limits.stablecoinMaxAgeSeconds })),
  ];
  for (const f of feeds) {
    if (f.ageSeconds > f.limit) {
      return { ok: false, reason: "ORACLE_STALE", detail: `the ${f.feed} oracle is ${f.ageSeconds} s old, over the ${f.limit} s limit` };
    }
  }
  // The desk prices everything in USDC taken at $1: a stablecoin off its peg makes every figure wrong
  // (on its feed, or, for a stablecoin swap, in the pool it trades in).
  for (const p of intent.oracle.pegs) {
    if (Math.abs(p.deviationBps) > limits.maxPegDeviationBps) {
      return { ok: false, reason: "STABLECOIN_DEPEG", detail: `${p.token} is ${p.deviationBps > 0 ? "+" : ""}${p.deviationBps} bps from $1 ${p.source ?? "on its feed"}, past the ${limits.maxPegDeviationBps} bps limit` };
    }
  }
  // A pool far from the oracle is more likely manipulated (or the oracle wrong) than a gift.
  for (const p of intent.oracle.pools) {
    if (Math.abs(p.deviationBps) > limits.maxOracleDeviationBps) {
      return { ok: false, reason: "ORACLE_DEVIATION", detail: `pool ${p.pool} is ${p.deviationBps > 0 ? "+" : ""}${p.deviationBps} bps from the oracle, past the ${limits.maxOracleDeviationBps} bps limit` };
    }
  }
  if (intent.sizeUsdCents > limits.maxTradeUsdCents) {
    return { ok: false, reason: "OVERSIZE", detail: `trade of ${usd(intent.sizeUsdCents)} is over the ${usd(limits.maxTradeUsdCents)} limit` };
  }
  if (intent.slippageBps > limits.maxSlippageBps) {
    return { ok: false, reason: "SLIPPAGE", detail: `slippage of ${intent.slippageBps} bps is over the ${limits.maxSlippageBps} bps limit` };
  }
  // Refused once the day's losses, counting this trade's expected loss, would pass the limit.
  const worstDay = todayPnlUsdCents + Math.min(0, intent.expectedPnlUsdCents);
  if (worstDay < -limits.dailyLossLimitUsdCents) {
    return { ok: false, reason: "DAILY_LOSS_LIMIT", detail: `today's P&L of ${usd(todayPnlUsdCents)} is past the ${usd(limits.dailyLossLimitUsdCents)} daily loss limit` };
  }
  return { ok: true };
}
