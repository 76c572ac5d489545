import type { Db, Prisma } from "@/lib/db";
import type { PoolSnapshot } from "./market-data";

/**
 * The desk's price history: market data folds each pool snapshot into that pool's row for the
 * minute of chain time it was taken in (open, high, low, close of the mid; the feed's last answer;
 * the largest deviation), so a day is at most 1,440 rows per pool however busy the chain is.
 * Market data snapshots a pool only when it changed, so a minute without a row kept the last
 * price: the series carries values forward. Kept PRICE_HISTORY_DAYS.
 */

/** The minute of chain time a block falls in. */
export function minuteOf(blockTimestamp: bigint): Date {
  return new Date(Number((blockTimestamp / 60n) * 60n) * 1000);
}

/** Folds one snapshot into its minute (called in market data's transaction, in block order). */
export async function recordPriceMinute(tx: Prisma.TransactionClient, s: PoolSnapshot): Promise<void> {
  const deviation = Math.abs(s.deviationBps);
  await tx.$executeRaw`
    INSERT INTO market_price_minutes AS m (chain_id, pool, minute, venue, pair, open, high, low, close, oracle, max_deviation_bps, snapshots)
    VALUES (${s.chainId}, ${s.pool.toLowerCase()}, ${minuteOf(s.blockTimestamp)}, ${s.venue}, ${s.pair}, ${s.mid}, ${s.mid}, ${s.mid}, ${s.mid}, ${s.oracle}, ${deviation}, 1)
    ON CONFLICT (chain_id, pool, minute) DO UPDATE SET
      high = GREATEST(m.high, excluded.high), low = LEAST(m.low, excluded.low), close = excluded.close,
      oracle = excluded.oracle, max_deviation_bps = GREATEST(m.max_deviation_bps, excluded.max_deviation_bps), snapshots = m.snapshots + 1`;
}

export type PriceMinuteRow = { pool: string; venue: string; pair: string; minute: Date; open: bigint; high: bigint; low: bigint; close: bigint; oracle: bigint; maxDeviationBps: number };

/** One pool over the window: first open, last close, extremes, change (bps of the open), widest deviation. */
export type PoolPriceSummary = { pool: string; venue: string; pair: string; open: string; close: string; high: string; low: string; changeBps: number; maxDeviationBps: number; minutes: number };
/** A minute of the chart: each pool's close (carried forward) and the oracle, in USDC base units per WETH. */
export type PricePoint = { minute: string; oracle: string | null; closes: Record<string, string | null> };

/** The summaries and the chart's points from the window's rows (any order), pure. */
export function priceSeries(rows: readonly PriceMinuteRow[]): { pools: PoolPriceSummary[]; points: PricePoint[] } {
  const sorted = [...rows].sort((a, b) => a.minute.getTime() - b.minute.getTime());
  const byPool = new Map<string, PriceMinuteRow[]>();
  for (const r of sorted) byPool.set(r.pool, [...(byPool.get(r.pool) ?? []), r]);
  const summaries = [...byPool.values()].map((minutes): PoolPriceSummary => {
    const first = minutes[0]!;
    const close = minutes.at(-1)!.close;
    const high = minutes.reduce((h, m) => (m.high > h ? m.high : h), first.high);
    const low = minutes.reduce((l, m) => (m.low < l ? m.low : l), first.low);
    return {
      pool: first.pool,
      venue: first.venue,
      pair: first.pair,
      open: first.open.toString(),
      close: close.toString(),
      high: high.toString(),
      low: low.toString(),
      changeBps: first.open > 0n ? Number(((close - first.open) * 10_000n) / first.open) : 0,
      maxDeviationBps: Math.max(...minutes.map((m) => m.maxDeviationBps)),
      minutes: minutes.length,
    };
  });

  const points: PricePoint[] = [];
  const last: Record<string, string | null> = Object.fromEntries(summaries.map((p) => [p.pool, null]));
  let oracle: string | null = null;
  for (const r of sorted) {
    const minute = r.minute.toISOString();
    let point = points.at(-1);
    if (point?.minute !== minute) {
      point = { minute, oracle, closes: { ...last } };
      points.push(point);
    }
    last[r.pool] = point.closes[r.pool] = r.close.toString();
    oracle = point.oracle = r.oracle.toString();
  }
  return { pools: summaries, points };
}

/** The last `hours` of chain time's price history on `chainId` (the treasury screen's "Prices"). */
export async function priceHistory(db: Db, chainId: number, now = new Date(), hours = 24) {
  const from = new Date(now.getTime() - hours * 3_600_000);
  const rows = await db.marketPriceMinute.findMany({ where: { chainId, minute: { gte: from } }, orderBy: { minute: "asc" } });
  return priceSeries(rows);
}

export type PriceHistory = Awaited<ReturnType<typeof priceHistory>>;

/** Minutes older than this are deleted (the trading worker prunes once an hour). */
export const PRICE_HISTORY_DAYS = 90;

/** Deletes `chainId`'s price minutes older than PRICE_HISTORY_DAYS; returns how many. */
export async function prunePriceHistory(db: Db, chainId: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - PRICE_HISTORY_DAYS * 86_400_000);
  return (await db.marketPriceMinute.deleteMany({ where: { chainId, minute: { lt: before } } })).count;
}
