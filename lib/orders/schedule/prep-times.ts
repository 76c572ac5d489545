import type { Station } from "@/lib/catalog/types";
import type { Db, Prisma } from "@/lib/db";
import { BUCKETS, mergeHistograms, emptyHistogram, percentile } from "@/lib/analytics/histogram";
import { addDays, localDate } from "@/lib/analytics/time";
import type { PrepTimes } from "./slots";

/**
 * A shop's measured prep times per station, from the analytics timing histograms (metric
 * "prep:<STATION>": queued → the station's last item done, lib/analytics/facts.ts) over the last
 * two weeks. A station with too few measurements falls back to the shop's base prep time (typical)
 * and twice that (nearly always). The measurement includes waiting in the queue, so busy days make
 * slots smaller and fire times earlier: the promise errs on the safe side.
 */

export const PREP_WINDOW_DAYS = 14;
/** Below this many measured orders a station's percentiles say little. */
export const MIN_SAMPLES = 20;
const STATIONS: readonly Station[] = ["ESPRESSO_BAR", "BREW", "FOOD"];

export type TimingHistogram = { metric: string; count: number; buckets: readonly number[] };

/** Pure: percentiles of the merged histograms, or the fallback where there are too few. */
export function prepTimesFrom(histograms: readonly TimingHistogram[], basePrepMinutes: number): PrepTimes {
  const fallback = Math.max(60, basePrepMinutes * 60);
  const merged = new Map<string, { count: number; buckets: number[] }>();
  for (const h of histograms) {
    const m = merged.get(h.metric) ?? { count: 0, buckets: emptyHistogram() };
    m.count += h.count;
    mergeHistograms(m.buckets, h.buckets);
    merged.set(h.metric, m);
  }
  return Object.fromEntries(
    STATIONS.map((station) => {
      const m = merged.get(`prep:${station}`);
      const typical = m && m.count >= MIN_SAMPLES ? percentile(m.buckets, 50) : null;
      const safe = m && m.count >= MIN_SAMPLES ? percentile(m.buckets, 90) : null;
      return [station, typical === null || safe === null ? { typicalSeconds: fallback, safeSeconds: 2 * fallback } : { typicalSeconds: Math.max(1, typical), safeSeconds: Math.max(typical, safe) }];
    }),
  ) as PrepTimes;
}

export async function measuredPrepTimes(db: Db | Prisma.TransactionClient, shop: { id: string; timezone: string; basePrepMinutes: number }, now: Date): Promise<PrepTimes> {
  const from = addDays(localDate(now, shop.timezone), -PREP_WINDOW_DAYS);
  const rows = await db.$queryRawUnsafe<{ metric: string; count: number; buckets: number[] }[]>(
    `SELECT metric, count, buckets FROM analytics_timing_daily WHERE shop_id = $1::uuid AND day >= $2::date AND metric LIKE 'prep:%'`,
    shop.id,
    from,
  );
  return prepTimesFrom(
    rows.map((r) => ({ metric: r.metric, count: Number(r.count), buckets: r.buckets.slice(0, BUCKETS).map(Number) })),
    shop.basePrepMinutes,
  );
}
