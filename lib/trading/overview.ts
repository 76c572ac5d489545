import type { Db } from "@/lib/db";

/** What /admin/treasury shows: the switches, bots with their P&L, and the latest rows of each feed. */
export async function treasuryOverview(db: Db) {
  const [control, bots, pnl, opportunities, trades, refusals] = await Promise.all([
    db.treasuryControl.findUnique({ where: { id: 1 } }),
    db.tradingBot.findMany({ orderBy: { createdAt: "asc" } }),
    // Fills a reorg took away are shown (marked) but not counted.
    db.tradingTrade.groupBy({ by: ["botId"], where: { undoneAt: null }, _sum: { pnlUsdCents: true }, _count: { _all: true } }),
    db.tradingOpportunity.findMany({ orderBy: { detectedAt: "desc" }, take: 20 }),
    db.tradingTrade.findMany({ orderBy: { createdAt: "desc" }, take: 50, include: { bot: { select: { name: true } } } }),
    db.guardRefusal.findMany({ orderBy: { createdAt: "desc" }, take: 20, include: { bot: { select: { name: true } } } }),
  ]);
  const byBot = new Map(pnl.map((p) => [p.botId, { pnlUsdCents: p._sum.pnlUsdCents ?? 0, trades: p._count._all }]));
  return {
    killSwitch: control?.killSwitch ?? false,
    limits: control
      ? { maxTradeUsdCents: control.maxTradeUsdCents, maxSlippageBps: control.maxSlippageBps, dailyLossLimitUsdCents: control.dailyLossLimitUsdCents, maxOracleDeviationBps: control.maxOracleDeviationBps, oracleMaxAgeSeconds: control.oracleMaxAgeSeconds }
      : null,
    bots: bots.map((b) => ({ id: b.id, name: b.name, strategy: b.strategy, mode: b.mode, status: b.status, maxTradeUsdCents: b.maxTradeUsdCents, ...(byBot.get(b.id) ?? { pnlUsdCents: 0, trades: 0 }) })),
    totalPnlUsdCents: pnl.reduce((sum, p) => sum + (p._sum.pnlUsdCents ?? 0), 0),
    opportunities: opportunities.map((o) => ({ id: o.id, block: o.blockNumber.toString(), pair: o.pair, route: `${o.buyVenue} → ${o.sellVenue}`, sizeIn: o.sizeIn, netProfitUsdCents: o.netProfitUsdCents, gasCostUsdCents: o.gasCostUsdCents, at: o.detectedAt })),
    trades: trades.map((t) => ({ id: t.id, bot: t.bot.name, mode: t.mode, block: t.blockNumber.toString(), amountIn: t.amountIn, amountOut: t.amountOut, pnlUsdCents: t.pnlUsdCents, txHash: t.txHash, undone: t.undoneAt !== null, at: t.createdAt })),
    refusals: refusals.map((r) => ({ id: r.id, bot: r.bot?.name ?? "—", reason: r.reason, detail: r.detail, at: r.createdAt })),
  };
}

export type TreasuryOverview = Awaited<ReturnType<typeof treasuryOverview>>;
