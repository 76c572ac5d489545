/** The strategies a bot runs (`trading_bots.strategy`): arbitrage on opportunities (desk.ts), the others on a schedule (scheduled.ts). */
export const ARBITRAGE = "cross-venue-arbitrage";
export const DCA = "dca";
export const REBALANCE = "rebalance";
export const SCHEDULED_STRATEGIES = [DCA, REBALANCE] as const;
