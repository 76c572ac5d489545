import type { Db } from "@/lib/db";
import { shopWalletHoldings, type ShopWallet } from "@/lib/trading/analyzer";
import { BUCKETS, percentile } from "./histogram";
import { averageTicket, change, daysOfCover, isLowStock, shopPeriod, type PeriodInput, type ShopPeriod } from "./period";
import { addDays } from "./time";

/**
 * The dashboard's reads, all from the rollup tables (never the orders), so a 90-day view of every
 * shop reads a few thousand rows whatever the order volume; and the shops' wallets as the on-chain
 * analyzer last recorded them (its change-only rows). Each shop is read over its own local
 * dates (see period.ts). JSON-safe output: the page and GET /api/dashboard send it as it is.
 */

export type DashboardShop = { id: string; slug: string; name: string; timezone: string; currency: string };
export type Kpi = { current: number; previous: number; change: number | null };

export type DashboardData = {
  generatedAt: string;
  currency: string;
  mixedCurrencies: boolean;
  /** The first shop's period (every shop's has the same length; presets may differ by a date across timezones). */
  period: ShopPeriod;
  shops: (DashboardShop & { period: ShopPeriod })[];
  kpis: {
    orders: Kpi;
    netRevenueCents: Kpi;
    grossRevenueCents: Kpi;
    averageTicketCents: Kpi;
    itemsSold: Kpi;
    cancelled: Kpi;
    refundedCents: Kpi;
    /** Tips: paid with orders, never part of revenue. */
    tipsCents: Kpi;
    /** Orders for later that became ready, and the percentage of them ready by the promised time (0 when none). */
    scheduledReady: Kpi;
    scheduledOnTimePct: Kpi;
  };
  /** By local date, or by local hour when the period is one day. */
  series: { label: string; orders: number; netRevenueCents: number; tipsCents: number }[];
  /** Tips of the period per shop (every selected shop, 0 when none). */
  tipsByShop: { shopId: string; name: string; tipsCents: number }[];
  seriesBy: "day" | "hour";
  /** Orders by local weekday (0 = Sunday) and hour. */
  heatmap: { weekday: number; hour: number; orders: number }[];
  /** Every product on the selected shops' menus, best seller first (unsold ones last, at 0). */
  products: { productId: string; name: string; quantity: number; revenueCents: number }[];
  timings: { metric: string; count: number; averageSeconds: number | null; p50: number | null; p90: number | null; p95: number | null }[];
  cancellations: { reason: string; count: number; cents: number }[];
  paymentMethods: { method: "PAY_AT_PICKUP" | "CRYPTO"; orders: number; cents: number }[];
  /** Settled crypto payments by chain and token (empty until the payments module feeds them). */
  cryptoPayments: { chainId: number; token: string; payments: number; amountBaseUnits: string; valueCents: number; refunds: number }[];
  /** The selected shops' receiving wallets now (not the period's), as the on-chain analyzer last read them, in USD. */
  wallets: ShopWallet[];
  stock: {
    shop: string;
    ingredient: string;
    unit: string;
    onHand: number;
    reserved: number;
    available: number;
    reorderLevel: number;
    dailyUse: number | null;
    daysOfCover: number | null;
    low: boolean;
  }[];
};

/** Days of CONSUME movements that make the "daily use" behind days of cover. */
export const USAGE_WINDOW_DAYS = 14;

type Ranges = { ids: string[]; from: string[]; to: string[]; prevFrom: string[] };

// Per-shop local ranges as parallel arrays: [from, to) and the previous period's start.
const RANGES = `r AS (SELECT * FROM unnest($1::uuid[], $2::timestamp[], $3::timestamp[], $4::timestamp[]) AS r(shop_id, f, t, pf))`;

const num = (v: unknown) => Number(v ?? 0);

export async function getDashboard(db: Db, shops: readonly DashboardShop[], period: PeriodInput, now = new Date()): Promise<DashboardData> {
  const withPeriods = shops.map((s) => ({ ...s, period: shopPeriod(period, s.timezone, now) }));
  const first = withPeriods[0]?.period ?? shopPeriod(period, "UTC", now);
  const r: Ranges = {
    ids: withPeriods.map((s) => s.id),
    from: withPeriods.map((s) => s.period.from),
    to: withPeriods.map((s) => addDays(s.period.to, 1)),
    prevFrom: withPeriods.map((s) => s.period.previousFrom),
  };
  const byHour = first.days === 1;
  const labels = byHour ? Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`) : datesBetween(withPeriods.map((s) => s.period));

  const [hourly, products, timings, cancellations, cryptoPayments, stock, tips, wallets] = await Promise.all([
    readHourly(db, r, byHour, labels),
    readProducts(db, r),
    readTimings(db, r),
    readCancellations(db, r),
    readCryptoPayments(db, r),
    readStock(db, r.ids),
    readTipsByShop(db, r),
    shopWalletHoldings(db, r.ids),
  ]);
  const currencies = new Set(shops.map((s) => s.currency));
  return {
    generatedAt: now.toISOString(),
    currency: shops[0]?.currency ?? "USD",
    mixedCurrencies: currencies.size > 1,
    period: first,
    shops: withPeriods,
    kpis: hourly.kpis,
    series: hourly.series,
    seriesBy: byHour ? "hour" : "day",
    heatmap: hourly.heatmap,
    products,
    timings,
    cancellations,
    paymentMethods: hourly.paymentMethods,
    cryptoPayments,
    wallets,
    stock,
    tipsByShop: withPeriods.map((s) => ({ shopId: s.id, name: s.name, tipsCents: tips.get(s.id) ?? 0 })),
  };
}

/** Tips per shop over the current period. */
async function readTipsByShop(db: Db, r: Ranges): Promise<Map<string, number>> {
  const rows = await db.$queryRawUnsafe<{ shop_id: string; tips: unknown }[]>(
    `WITH ${RANGES}
     SELECT r.shop_id::text, sum(h.tips_cents) AS tips FROM r JOIN analytics_hourly h ON h.shop_id = r.shop_id AND h.hour >= r.f AND h.hour < r.t GROUP BY 1`,
    ...rangeArgs(r),
  );
  return new Map(rows.map((row) => [row.shop_id, num(row.tips)]));
}

// One reader per panel: each takes the shops' ranges and returns its panel's part of DashboardData.

const rangeArgs = (r: Ranges) => [r.ids, r.from, r.to, r.prevFrom] as const;

/**
 * The KPIs, the series, the heatmap and the payment mix: one pass over the hourly rows of both
 * periods gives the totals per period, the series and the heatmap (grouping sets), instead of
 * three scans.
 */
async function readHourly(db: Db, r: Ranges, byHour: boolean, labels: readonly string[]): Promise<Pick<DashboardData, "kpis" | "series" | "heatmap" | "paymentMethods">> {
  const hourly = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH ${RANGES}
     SELECT current, label, weekday, hod, sum(orders) AS orders, sum(cancelled) AS cancelled, sum(gross_cents) AS gross, sum(refunded_cents) AS refunded,
       sum(items_sold) AS items, sum(pickup_orders) AS pickup_orders, sum(pickup_cents) AS pickup_cents, sum(crypto_orders) AS crypto_orders, sum(crypto_cents) AS crypto_cents,
       sum(tips_cents) AS tips, sum(scheduled_ready) AS scheduled_ready, sum(scheduled_on_time) AS scheduled_on_time
     FROM (
       SELECT h.*, (h.hour >= r.f) AS current, ${byHour ? `to_char(h.hour, 'HH24":00"')` : `to_char(h.hour, 'YYYY-MM-DD')`} AS label,
         extract(dow FROM h.hour)::int AS weekday, extract(hour FROM h.hour)::int AS hod
       FROM r JOIN analytics_hourly h ON h.shop_id = r.shop_id AND h.hour >= r.pf AND h.hour < r.t
     ) x
     GROUP BY GROUPING SETS ((current), (current, label), (current, weekday, hod))`,
    ...rangeArgs(r),
  );
  const totals = hourly.filter((h) => h.label === null && h.weekday === null);
  const series = hourly.filter((h) => h.current === true && h.label !== null);
  const heatmap = hourly.filter((h) => h.current === true && h.weekday !== null);
  const cur = totals.find((t) => t.current === true) ?? {};
  const prev = totals.find((t) => t.current === false) ?? {};
  const kpi = (pick: (row: Record<string, unknown>) => number): Kpi => {
    const c = pick(cur);
    const p = pick(prev);
    return { current: c, previous: p, change: change(c, p) };
  };
  return {
    kpis: {
      orders: kpi((t) => num(t.orders)),
      netRevenueCents: kpi((t) => num(t.gross) - num(t.refunded)),
      grossRevenueCents: kpi((t) => num(t.gross)),
      averageTicketCents: kpi((t) => averageTicket(num(t.gross), num(t.orders))),
      itemsSold: kpi((t) => num(t.items)),
      cancelled: kpi((t) => num(t.cancelled)),
      refundedCents: kpi((t) => num(t.refunded)),
      tipsCents: kpi((t) => num(t.tips)),
      scheduledReady: kpi((t) => num(t.scheduled_ready)),
      scheduledOnTimePct: kpi((t) => (num(t.scheduled_ready) > 0 ? Math.round((100 * num(t.scheduled_on_time)) / num(t.scheduled_ready)) : 0)),
    },
    series: fillSeries(
      series.map((s) => ({ label: String(s.label), orders: num(s.orders), netRevenueCents: num(s.gross) - num(s.refunded), tipsCents: num(s.tips) })),
      labels,
    ),
    heatmap: heatmap.map((h) => ({ weekday: num(h.weekday), hour: num(h.hod), orders: num(h.orders) })).filter((h) => h.orders !== 0),
    paymentMethods: [
      { method: "PAY_AT_PICKUP" as const, orders: num(cur.pickup_orders), cents: num(cur.pickup_cents) },
      { method: "CRYPTO" as const, orders: num(cur.crypto_orders), cents: num(cur.crypto_cents) },
    ],
  };
}

/** Every product on the selected shops' menus, best seller first (unsold ones last, at 0). */
async function readProducts(db: Db, r: Ranges): Promise<DashboardData["products"]> {
  const [products, menu] = await Promise.all([
    db.$queryRawUnsafe<{ product_id: string; name: string; quantity: unknown; revenue: unknown }[]>(
      `WITH ${RANGES}
       SELECT d.product_id::text, p.name, sum(d.quantity) AS quantity, sum(d.revenue_cents) AS revenue
       FROM r JOIN analytics_product_daily d ON d.shop_id = r.shop_id AND d.day >= r.f::date AND d.day < r.t::date
       JOIN products p ON p.id = d.product_id GROUP BY 1, 2`,
      ...rangeArgs(r),
    ),
    db.$queryRawUnsafe<{ product_id: string; name: string }[]>(
      `SELECT DISTINCT p.id::text AS product_id, p.name FROM shop_products sp JOIN products p ON p.id = sp.product_id
       WHERE sp.shop_id = ANY($1::uuid[]) AND sp.available AND p.active`,
      r.ids,
    ),
  ]);
  const sold = new Map(products.map((p) => [p.product_id, { productId: p.product_id, name: p.name, quantity: num(p.quantity), revenueCents: num(p.revenue) }]));
  for (const m of menu) if (!sold.has(m.product_id)) sold.set(m.product_id, { productId: m.product_id, name: m.name, quantity: 0, revenueCents: 0 });
  return [...sold.values()].sort((a, b) => b.quantity - a.quantity || b.revenueCents - a.revenueCents || a.name.localeCompare(b.name));
}

/** Prep and wait times with percentiles from the merged histograms. */
async function readTimings(db: Db, r: Ranges): Promise<DashboardData["timings"]> {
  // Histograms merge by adding bucket i across rows: one sum per bucket (no unnest: 10 shops × 90
  // days × 4 metrics would be 170,000 array elements).
  const timings = await db.$queryRawUnsafe<{ metric: string; count: unknown; total: unknown; buckets: unknown[] }[]>(
    `WITH ${RANGES}
     SELECT metric, sum(count) AS count, sum(total_seconds) AS total,
       ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `COALESCE(sum(buckets[${i + 1}]), 0)`).join(", ")}]::bigint[]::text[] AS buckets
     FROM r JOIN analytics_timing_daily d ON d.shop_id = r.shop_id AND d.day >= r.f::date AND d.day < r.t::date GROUP BY 1`,
    ...rangeArgs(r),
  );
  return (
    timings
      .map((t) => {
        const h = t.buckets.map(num);
        const count = num(t.count);
        return { metric: t.metric, count, averageSeconds: count > 0 ? Math.round(num(t.total) / count) : null, p50: percentile(h, 50), p90: percentile(h, 90), p95: percentile(h, 95) };
      })
      .filter((t) => t.count > 0)
      // Stations first, then the wait at the counter.
      .sort((a, b) => Number(a.metric === "claim") - Number(b.metric === "claim") || a.metric.localeCompare(b.metric))
  );
}

async function readCancellations(db: Db, r: Ranges): Promise<DashboardData["cancellations"]> {
  const rows = await db.$queryRawUnsafe<{ reason: string; count: unknown; cents: unknown }[]>(
    `WITH ${RANGES}
     SELECT reason, sum(count) AS count, sum(cents) AS cents
     FROM r JOIN analytics_cancel_daily d ON d.shop_id = r.shop_id AND d.day >= r.f::date AND d.day < r.t::date
     GROUP BY 1 HAVING sum(count) <> 0 ORDER BY 2 DESC, 1`,
    ...rangeArgs(r),
  );
  return rows.map((c) => ({ reason: c.reason, count: num(c.count), cents: num(c.cents) }));
}

async function readCryptoPayments(db: Db, r: Ranges): Promise<DashboardData["cryptoPayments"]> {
  const rows = await db.$queryRawUnsafe<{ chain_id: number; token: string; payments: unknown; amount: string; value: unknown; refunds: unknown }[]>(
    `WITH ${RANGES}
     SELECT chain_id, token, sum(payments) AS payments, sum(amount_base_units)::text AS amount, sum(value_cents) AS value, sum(refunds) AS refunds
     FROM r JOIN analytics_payment_daily d ON d.shop_id = r.shop_id AND d.day >= r.f::date AND d.day < r.t::date
     GROUP BY 1, 2 HAVING sum(payments) <> 0 ORDER BY 5 DESC`,
    ...rangeArgs(r),
  );
  return rows.map((c) => ({ chainId: c.chain_id, token: c.token, payments: num(c.payments), amountBaseUnits: c.amount, valueCents: num(c.value), refunds: num(c.refunds) }));
}

/** Stock now (not the period's): on hand, reserved, daily use over the last USAGE_WINDOW_DAYS and days of cover. */
async function readStock(db: Db, shopIds: readonly string[]): Promise<DashboardData["stock"]> {
  const rows = await db.$queryRawUnsafe<{ shop: string; ingredient: string; unit: string; on_hand: number; reserved: number; reorder_level: number; used: unknown; window_days: unknown }[]>(
    `SELECT sh.name AS shop, i.name AS ingredient, i.unit::text AS unit, s.on_hand, s.reserved, s.reorder_level,
       COALESCE(c.used, 0) AS used, COALESCE(c.window_days, 1) AS window_days
     FROM stock s JOIN ingredients i ON i.id = s.ingredient_id JOIN shops sh ON sh.id = s.shop_id
     LEFT JOIN (
       SELECT shop_id, ingredient_id, sum(quantity) AS used,
         -- Use over the window, or since the first use when the ledger is younger than the window.
         GREATEST(1, LEAST(${USAGE_WINDOW_DAYS}, extract(epoch FROM now() - min(created_at)) / 86400)) AS window_days
       FROM stock_movements WHERE kind = 'CONSUME' AND shop_id = ANY($1::uuid[]) AND created_at >= now() - interval '${USAGE_WINDOW_DAYS} days'
       GROUP BY 1, 2
     ) c ON c.shop_id = s.shop_id AND c.ingredient_id = s.ingredient_id
     WHERE s.shop_id = ANY($1::uuid[])
     ORDER BY sh.name, i.name`,
    shopIds,
  );
  return rows.map((s) => {
    const available = s.on_hand - s.reserved;
    const windowDays = num(s.window_days);
    const cover = daysOfCover(available, num(s.used), windowDays);
    return {
      shop: s.shop,
      ingredient: s.ingredient,
      unit: UNIT[s.unit] ?? s.unit,
      onHand: s.on_hand,
      reserved: s.reserved,
      available,
      reorderLevel: s.reorder_level,
      dailyUse: num(s.used) > 0 ? num(s.used) / windowDays : null,
      daysOfCover: cover,
      low: isLowStock(available, s.reorder_level, cover),
    };
  });
}

const UNIT: Record<string, string> = { GRAM: "g", MILLILITER: "ml", PIECE: "pcs" };

function datesBetween(periods: readonly ShopPeriod[]): string[] {
  if (periods.length === 0) return [];
  const from = periods.map((p) => p.from).sort()[0]!;
  const to = periods.map((p) => p.to).sort().at(-1)!;
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

function fillSeries(rows: DashboardData["series"], labels: readonly string[]): DashboardData["series"] {
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  return labels.map((label) => byLabel.get(label) ?? { label, orders: 0, netRevenueCents: 0, tipsCents: 0 });
}
