import type { Db } from "@/lib/db";
import { previousLocalDay, recordDayDelivery, recordShopDays, type ShopOfDay } from "../summary";
import { dayMessage, type DayFigures, type SheetsMessage } from "./report";

/** The delivery kind and the connections' one subscription. */
export const SHEETS_DAY = "daily.sheet";

const LIVE = ["PLACED", "SCHEDULED", "QUEUED", "PREPARING", "READY", "CLAIMED"];

/**
 * Every Google Sheets connection (or only `connectionId`) gets, per shop in its scope, the shop's
 * last complete local day: sales (orders, takings, tips, cancellations), what each product sold and
 * the stock on hand when this runs (shortly after the shop's midnight, so the day's closing stock,
 * give or take the first orders of the new day). Each day is recorded once however often this runs
 * (lib/integrations/summary.ts, `recordShopDays`); the adapter replaces the day's rows, so a retried
 * send never duplicates.
 */
export function recordDailySheets(db: Db, now = new Date(), connectionId?: string): Promise<number> {
  return recordShopDays(db, {
    where: { kind: "GOOGLE_SHEETS", status: { not: "PAUSED" }, ...(connectionId ? { id: connectionId } : {}) },
    kind: SHEETS_DAY,
    now,
    render: async (shop, day) => dayMessage(await dayFigures(db, shop, day)),
  });
}

/**
 * How far back a written day is re-written when its orders change (a late refund, a payment
 * settling, a reorg flagging one): five weeks, past a month's close. Older days stay as written.
 */
export const REVISE_DAYS = 35;

/**
 * Days already written whose orders changed since (any order of that local day updated after the
 * day's latest delivery was recorded: a refund, a cancellation, a payment that settled): the day is
 * sent again with its sales and products as they are now, and the stock as it was written (the
 * stock is the day's closing stock; today's would be wrong). Only when the rows differ; each
 * revision is its own delivery (`…:<day>:r<n>`, so two workers record it once), and the adapter
 * replaces the day's rows, never adds to them. Returns how many revisions were recorded.
 */
export async function reviseDailySheets(db: Db, now = new Date()): Promise<number> {
  const connections = await db.integration.findMany({ where: { kind: "GOOGLE_SHEETS", status: { not: "PAUSED" } }, select: { id: true, shopIds: true } });
  if (connections.length === 0) return 0;
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true, name: true, timezone: true, currency: true } });
  const since = new Date(now.getTime() - (REVISE_DAYS + 1) * 86_400_000);
  let recorded = 0;
  for (const connection of connections) {
    for (const shop of shops.filter((s) => connection.shopIds.length === 0 || connection.shopIds.includes(s.id))) {
      const deliveries = await db.integrationDelivery.findMany({ where: { integrationId: connection.id, shopId: shop.id, kind: SHEETS_DAY, createdAt: { gte: since } }, select: { idempotencyKey: true, createdAt: true, message: true }, orderBy: { createdAt: "asc" } });
      const byDay = new Map<string, typeof deliveries>();
      for (const d of deliveries) {
        const day = d.idempotencyKey.split(":")[3]!;
        byDay.set(day, [...(byDay.get(day) ?? []), d]);
      }
      const oldest = shiftDay(previousLocalDay(now, shop.timezone), -(REVISE_DAYS - 1));
      const days = [...byDay].filter(([day]) => day >= oldest).map(([day, written]) => ({ day, since: written.at(-1)!.createdAt.toISOString() }));
      if (days.length === 0) continue;
      // One query for the shop's written days: those with an order changed since the day's latest delivery.
      const changed = await db.$queryRaw<{ day: string }[]>`
        SELECT to_char(d.day, 'YYYY-MM-DD') AS day FROM jsonb_to_recordset(${JSON.stringify(days)}::jsonb) AS d(day date, since timestamptz)
        WHERE EXISTS (SELECT 1 FROM orders WHERE shop_id = ${shop.id}::uuid AND updated_at > d.since
          AND placed_at >= (d.day::timestamp AT TIME ZONE ${shop.timezone}) AND placed_at < ((d.day + 1)::timestamp AT TIME ZONE ${shop.timezone}))`;
      for (const { day } of changed) {
        const written = byDay.get(day)!;
        const latest = written.at(-1)!;
        const before = latest.message as SheetsMessage;
        const revised = revisedDay(dayMessage({ ...(await dayFigures(db, shop, day)), stock: [] }), before);
        if (JSON.stringify(revised.rows) === JSON.stringify(before.rows)) continue;
        const key = `${SHEETS_DAY}:${connection.id}:${shop.id}:${day}:r${written.length}`;
        recorded += await recordDayDelivery(db, { connectionId: connection.id, key, kind: SHEETS_DAY, shopId: shop.id, message: revised });
      }
    }
  }
  return recorded;
}

/** The day's fresh sales and product rows, with the stock rows as they were first written. */
export function revisedDay(fresh: SheetsMessage, written: SheetsMessage): SheetsMessage {
  const stock = written.rows.filter((r) => String(r[1]).startsWith("stock"));
  return { ...fresh, rows: [...fresh.rows, ...stock], text: fresh.text.replace(/, 0 stock lines$/, `, ${stock.length} stock lines (revised)`) };
}

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function dayFigures(db: Db, shop: ShopOfDay, day: string): Promise<DayFigures> {
  const [totals] = await db.$queryRaw<{ orders: bigint; sales: bigint | null; tips: bigint | null; cancelled: bigint }[]>`
    SELECT count(*) FILTER (WHERE status::text = ANY(${LIVE})) AS orders,
           sum(total_cents - tip_cents) FILTER (WHERE status::text = ANY(${LIVE})) AS sales,
           sum(tip_cents) FILTER (WHERE status::text = ANY(${LIVE})) AS tips,
           count(*) FILTER (WHERE status IN ('CANCELLED', 'REFUNDING', 'REFUNDED')) AS cancelled
    FROM orders WHERE shop_id = ${shop.id}::uuid AND (placed_at AT TIME ZONE ${shop.timezone})::date = ${day}::date`;
  const products = await db.$queryRaw<{ name: string; quantity: bigint; sales: bigint }[]>`
    SELECT i.product_name AS name, sum(i.quantity) AS quantity, sum(i.line_total_cents) AS sales
    FROM order_items i JOIN orders o ON o.id = i.order_id
    WHERE o.shop_id = ${shop.id}::uuid AND (o.placed_at AT TIME ZONE ${shop.timezone})::date = ${day}::date AND o.status::text = ANY(${LIVE})
    GROUP BY i.product_name ORDER BY sum(i.quantity) DESC, i.product_name`;
  const stock = await db.$queryRaw<{ name: string; on_hand: number; unit: string; reorder_level: number }[]>`
    SELECT g.name, s.on_hand, g.unit::text AS unit, s.reorder_level
    FROM stock s JOIN ingredients g ON g.id = s.ingredient_id WHERE s.shop_id = ${shop.id}::uuid ORDER BY g.name`;
  return {
    shopName: shop.name,
    day,
    currency: shop.currency,
    orders: Number(totals?.orders ?? 0),
    salesCents: Number(totals?.sales ?? 0),
    tipsCents: Number(totals?.tips ?? 0),
    cancelled: Number(totals?.cancelled ?? 0),
    products: products.map((p) => ({ name: p.name, quantity: Number(p.quantity), salesCents: Number(p.sales) })),
    stock: stock.map((s) => ({ name: s.name, onHand: s.on_hand, unit: s.unit, reorderLevel: s.reorder_level })),
  };
}
