import type { Db } from "@/lib/db";

const PNL_POINTS = 500;

/**
 * A bot's return on the capital it needed: P&L over the largest stake (USDC in) it put into one
 * trade, in basis points — the arbitrage bots' stake comes back within the trade, so the most they
 * ever had out at once is their capital. Null before the first counted trade.
 */
export function roiBps(pnlUsdCents: number, largestStakeUsdc: string | null): number | null {
  if (!largestStakeUsdc) return null;
  const stakeCents = BigInt(largestStakeUsdc) / 10_000n;
  return stakeCents > 0n ? Number((BigInt(pnlUsdCents) * 10_000n) / stakeCents) : null;
}

/** What /admin/treasury shows: the switches, bots with their P&L, and the latest rows of each feed. */
export async function treasuryOverview(db: Db) {
  const [control, bots, pnl, opportunities, trades, refusals, curve, stakes] = await Promise.all([
    db.treasuryControl.findUnique({ where: { id: 1 } }),
    db.tradingBot.findMany({ orderBy: { createdAt: "asc" } }),
    // Fills a reorg took away are shown (marked) but not counted.
    db.tradingTrade.groupBy({ by: ["botId"], where: { undoneAt: null }, _sum: { pnlUsdCents: true }, _count: { _all: true } }),
    db.tradingOpportunity.findMany({ orderBy: { detectedAt: "desc" }, take: 20 }),
    db.tradingTrade.findMany({ orderBy: { createdAt: "desc" }, take: 50, include: { bot: { select: { name: true } } } }),
    db.guardRefusal.findMany({ orderBy: { createdAt: "desc" }, take: 20, include: { bot: { select: { name: true } } } }),
    // Each bot's running P&L after each of its last PNL_POINTS counted fills (the total's curve, not a window's).
    db.$queryRaw<{ bot: string; at: Date; total: bigint }[]>`
      SELECT bot, at, total FROM (
        SELECT b.name AS bot, t.created_at AS at,
          sum(t.pnl_usd_cents) OVER (PARTITION BY t.bot_id ORDER BY t.created_at, t.id)::bigint AS total,
          row_number() OVER (PARTITION BY t.bot_id ORDER BY t.created_at DESC, t.id DESC) AS back
        FROM trading_trades t JOIN trading_bots b ON b.id = t.bot_id
        WHERE t.undone_at IS NULL
      ) x WHERE back <= ${PNL_POINTS} ORDER BY bot, at`,
    // amount_in is text (exact base units): compared as numbers, not strings.
    db.$queryRaw<{ bot_id: string; stake: string }[]>`SELECT bot_id, max(amount_in::numeric)::text AS stake FROM trading_trades WHERE undone_at IS NULL GROUP BY 1`,
  ]);
  const stakeOf = new Map(stakes.map((x) => [x.bot_id, x.stake]));
  const byBot = new Map(pnl.map((p) => [p.botId, { pnlUsdCents: p._sum.pnlUsdCents ?? 0, trades: p._count._all, roiBps: roiBps(p._sum.pnlUsdCents ?? 0, stakeOf.get(p.botId) ?? null) }]));
  const curves = new Map<string, { at: string; pnlUsdCents: number }[]>();
  for (const p of curve) curves.set(p.bot, [...(curves.get(p.bot) ?? []), { at: p.at.toISOString(), pnlUsdCents: Number(p.total) }]);
  return {
    killSwitch: control?.killSwitch ?? false,
    limits: control
      ? { maxTradeUsdCents: control.maxTradeUsdCents, maxSlippageBps: control.maxSlippageBps, dailyLossLimitUsdCents: control.dailyLossLimitUsdCents, maxOracleDeviationBps: control.maxOracleDeviationBps, oracleMaxAgeSeconds: control.oracleMaxAgeSeconds }
      : null,
    bots: bots.map((b) => ({ id: b.id, name: b.name, strategy: b.strategy, mode: b.mode, status: b.status, maxTradeUsdCents: b.maxTradeUsdCents, ...(byBot.get(b.id) ?? { pnlUsdCents: 0, trades: 0, roiBps: null }) })),
    pnlCurves: [...curves].map(([bot, points]) => ({ bot, points })),
    totalPnlUsdCents: pnl.reduce((sum, p) => sum + (p._sum.pnlUsdCents ?? 0), 0),
    opportunities: opportunities.map((o) => ({ id: o.id, block: o.blockNumber.toString(), pair: o.pair, route: `${o.buyVenue} → ${o.sellVenue}`, sizeIn: o.sizeIn, netProfitUsdCents: o.netProfitUsdCents, gasCostUsdCents: o.gasCostUsdCents, at: o.detectedAt })),
    trades: trades.map((t) => ({ id: t.id, bot: t.bot.name, mode: t.mode, block: t.blockNumber.toString(), amountIn: t.amountIn, amountOut: t.amountOut, pnlUsdCents: t.pnlUsdCents, txHash: t.txHash, undone: t.undoneAt !== null, at: t.createdAt })),
    refusals: refusals.map((r) => ({ id: r.id, bot: r.bot?.name ?? "—", reason: r.reason, detail: r.detail, at: r.createdAt })),
  };
}

export type TreasuryOverview = Awaited<ReturnType<typeof treasuryOverview>>;
