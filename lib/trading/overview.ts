import type { Db } from "@/lib/db";
import { localWethUsdc, pairToken } from "@/lib/defi/venues";
import { routeLabel } from "./arbitrage";
import { parseStableMix, recordedStableBooks } from "./stable-mix";
import { ARBITRAGE, DCA, STABLE_MIX } from "./strategies";

const PNL_POINTS = 500;

/**
 * Return on the capital a bot needed, in basis points: (realised + unrealised P&L) over its capital.
 * An arbitrage bot's stake comes back within the trade, so its capital is the largest stake it put
 * into one trade; a DCA bot keeps what it buys, so its capital is everything it spent; a DCA seller's
 * is the USDC its sales brought in (its ROI: what selling cost against the feed, per dollar sold). A rebalancer
 * moves the treasury's own money between two tokens: it has no capital of its own (no ROI). Null
 * before the first counted trade (or under a cent of capital).
 */
export function roiBps(pnlUsdCents: number, capitalUsdc: string | null): number | null {
  if (!capitalUsdc) return null;
  const capitalCents = BigInt(capitalUsdc) / 10_000n;
  return capitalCents > 0n ? Number((BigInt(pnlUsdCents) * 10_000n) / capitalCents) : null;
}

/**
 * What a DCA buyer's holdings would fetch at the feed, less what they cost, in USD cents: WETH base
 * units × the oracle's USDC per whole ETH, against the USDC spent (floored, USDC at its peg).
 */
export function unrealisedUsdCents(heldWeth: bigint, spentUsdc: bigint, oracleUsdcPerEth: bigint): number {
  const worthUsdc = (heldWeth * oracleUsdcPerEth) / 10n ** 18n;
  return Number((worthUsdc - spentUsdc) / 10_000n);
}

type BotMoney = { strategy: string; pnlUsdCents: number; unrealisedUsdCents: number | null; capitalUsdc: string | null };

/** ROI per strategy across its bots: the sum of their P&L (realised + unrealised) over the sum of their capital. */
export function strategyReturns(bots: readonly BotMoney[]) {
  const by = new Map<string, { strategy: string; bots: number; pnlUsdCents: number; unrealisedUsdCents: number; capital: bigint }>();
  for (const b of bots) {
    const s = by.get(b.strategy) ?? { strategy: b.strategy, bots: 0, pnlUsdCents: 0, unrealisedUsdCents: 0, capital: 0n };
    s.bots += 1;
    s.pnlUsdCents += b.pnlUsdCents;
    s.unrealisedUsdCents += b.unrealisedUsdCents ?? 0;
    s.capital += BigInt(b.capitalUsdc ?? "0");
    by.set(b.strategy, s);
  }
  return [...by.values()].map(({ capital, ...s }) => ({ ...s, capitalUsdc: capital.toString(), roiBps: roiBps(s.pnlUsdCents + s.unrealisedUsdCents, capital > 0n ? capital.toString() : null) }));
}

/**
 * The newest ETH/USD answer market data saw (USDC base units per whole ETH): what holdings are
 * valued at. Only the WETH/USDC pools' snapshots carry it: a stablecoin pool's "oracle" is its own
 * coin's feed (about $1), and its snapshot is often the newest.
 */
export async function ethUsdSeen(db: Db, chainId: number): Promise<bigint | null> {
  const row = await db.marketPoolSnapshot.findFirst({ where: { chainId, pair: "WETH/USDC" }, orderBy: { blockNumber: "desc" }, select: { oracle: true } });
  return row ? BigInt(row.oracle) : null;
}

/** What /admin/treasury shows: the switches, bots with their P&L, and the latest rows of each feed. */
export async function treasuryOverview(db: Db) {
  const [control, bots, pnl, opportunities, trades, refusals, curve, stakes, feed] = await Promise.all([
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
    // Amounts are text (exact base units): summed and compared as numbers, not strings. "held" is
    // what a bot bought and kept (a trade whose output is another token than its input).
    db.$queryRaw<{ bot_id: string; stake: string; spent: string; held: string | null }[]>`
      SELECT bot_id, max(amount_in::numeric)::text AS stake, sum(amount_in::numeric)::text AS spent,
        sum(amount_out::numeric) FILTER (WHERE token_out <> token_in)::text AS held
      FROM trading_trades WHERE undone_at IS NULL GROUP BY 1`,
    ethUsdSeen(db, localWethUsdc().chainId),
  ]);
  const venues = localWethUsdc();
  const stableBooks = await recordedStableBooks(db, bots.filter((b) => b.strategy === STABLE_MIX));
  const stakeOf = new Map(stakes.map((x) => [x.bot_id, x]));
  const botOf = new Map(bots.map((b) => [b.id, b]));
  const money = (botId: string, pnlUsdCents: number) => {
    const s = stakeOf.get(botId);
    const bot = botOf.get(botId);
    // A DCA seller holds nothing from its trades (its USDC is taken at $1): its P&L is all realised,
    // each sale's USDC against the WETH sold at the feed, less gas. Its output is the USDC it raised.
    const buys = bot?.strategy === DCA && bot.dcaSide !== "sell";
    const sells = bot?.strategy === DCA && bot.dcaSide === "sell";
    const capitalUsdc = s ? (buys ? s.spent : sells ? s.held : bot?.strategy === ARBITRAGE ? s.stake : null) : null;
    const unrealised = buys && s && feed ? unrealisedUsdCents(BigInt(s.held ?? "0"), BigInt(s.spent), feed) : null;
    return { pnlUsdCents, unrealisedUsdCents: unrealised, heldWeth: buys && s ? (s.held ?? "0") : null, capitalUsdc, roiBps: roiBps(pnlUsdCents + (unrealised ?? 0), capitalUsdc) };
  };
  const byBot = new Map(pnl.map((p) => [p.botId, { trades: p._count._all, ...money(p.botId, p._sum.pnlUsdCents ?? 0) }]));
  const none = { trades: 0, pnlUsdCents: 0, unrealisedUsdCents: null, heldWeth: null, capitalUsdc: null, roiBps: null };
  const botRows = bots.map((b) => ({
    id: b.id,
    name: b.name,
    strategy: b.strategy,
    /** Scheduled bots: how often, and what DCA buys or sells or the share a rebalancer keeps. */
    schedule: b.everySeconds ? { everySeconds: b.everySeconds, dcaAmountUsdCents: b.dcaAmountUsdCents, dcaSide: b.dcaSide, targetUsdcBps: b.targetUsdcBps, bandBps: b.bandBps } : null,
    /** Stablecoin-mix bots: the target share per coin (bps), and the book it steers per coin (base units) with its shares now. */
    stableMix: b.strategy === STABLE_MIX ? parseStableMix(b.stableMix) : null,
    stableBook: stableBooks.get(b.id) ?? null,
    mode: b.mode,
    status: b.status,
    maxTradeUsdCents: b.maxTradeUsdCents,
    ...(byBot.get(b.id) ?? none),
  }));
  const curves = new Map<string, { at: string; pnlUsdCents: number }[]>();
  for (const p of curve) curves.set(p.bot, [...(curves.get(p.bot) ?? []), { at: p.at.toISOString(), pnlUsdCents: Number(p.total) }]);
  return {
    killSwitch: control?.killSwitch ?? false,
    limits: control
      ? { maxTradeUsdCents: control.maxTradeUsdCents, maxSlippageBps: control.maxSlippageBps, dailyLossLimitUsdCents: control.dailyLossLimitUsdCents, maxOracleDeviationBps: control.maxOracleDeviationBps, oracleMaxAgeSeconds: control.oracleMaxAgeSeconds, maxPegDeviationBps: control.maxPegDeviationBps, stablecoinMaxAgeSeconds: control.stablecoinMaxAgeSeconds, allowedTokens: control.allowedTokens, allowedPools: control.allowedPools }
      : null,
    bots: botRows,
    strategies: strategyReturns(botRows),
    pnlCurves: [...curves].map(([bot, points]) => ({ bot, points })),
    totalPnlUsdCents: pnl.reduce((sum, p) => sum + (p._sum.pnlUsdCents ?? 0), 0),
    totalUnrealisedUsdCents: botRows.reduce((sum, b) => sum + (b.unrealisedUsdCents ?? 0), 0),
    opportunities: opportunities.map((o) => ({ id: o.id, block: o.blockNumber.toString(), pair: o.pair, route: routeLabel({ buy: { name: o.buyVenue, fee: o.buyFee }, sell: { name: o.sellVenue, fee: o.sellFee } }), sizeIn: o.sizeIn, netProfitUsdCents: o.netProfitUsdCents, gasCostUsdCents: o.gasCostUsdCents, at: o.detectedAt })),
    trades: trades.map((t) => ({ id: t.id, bot: t.bot.name, mode: t.mode, block: t.blockNumber.toString(), venue: t.venue, amountIn: t.amountIn, amountOut: t.amountOut, tokenIn: pairToken(venues, t.tokenIn).symbol, tokenOut: pairToken(venues, t.tokenOut).symbol, pnlUsdCents: t.pnlUsdCents, txHash: t.txHash, undone: t.undoneAt !== null, at: t.createdAt })),
    refusals: refusals.map((r) => ({ id: r.id, bot: r.bot?.name ?? "—", reason: r.reason, detail: r.detail, at: r.createdAt })),
  };
}

export type TreasuryOverview = Awaited<ReturnType<typeof treasuryOverview>>;
