/** The strategies a bot runs (`trading_bots.strategy`): arbitrage on opportunities (desk.ts), the others on a schedule (scheduled.ts). */
export const ARBITRAGE = "cross-venue-arbitrage";
export const DCA = "dca";
export const REBALANCE = "rebalance";
/** Keeps the treasury's stablecoins (USDC, USDT, DAI) near a target mix (stable-mix.ts). */
export const STABLE_MIX = "stable-mix";
export const SCHEDULED_STRATEGIES = [DCA, REBALANCE, STABLE_MIX] as const;
