import { v7 as uuidv7 } from "uuid";
import type { Db } from "@/lib/db";
import { previousLocalDay } from "../summary";
import { dayMessage, type DayFigures } from "./report";

/** The delivery kind and the connections' one subscription. */
export const SHEETS_DAY = "daily.sheet";

const LIVE = ["PLACED", "SCHEDULED", "QUEUED", "PREPARING", "READY", "CLAIMED"];

/**
 * Every Google Sheets connection gets, per shop in its scope, the shop's last complete local day:
 * sales (orders, takings, tips, cancellations), what each product sold and the stock on hand when
 * this runs (shortly after the shop's midnight, so the day's closing stock, give or take the first
 * orders of the new day). The key `daily.sheet:<connection>:<shop>:<day>` records each day once
 * however often this runs; the adapter replaces the day's rows, so a retried send never duplicates.
 */
export async function recordDailySheets(db: Db, now = new Date()): Promise<number> {
  const connections = await db.integration.findMany({ where: { kind: "GOOGLE_SHEETS", status: { not: "PAUSED" } }, select: { id: true, shopIds: true } });
  if (connections.length === 0) return 0;
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true, name: true, timezone: true, currency: true } });
  let recorded = 0;
  for (const connection of connections) {
    for (const shop of shops.filter((s) => connection.shopIds.length === 0 || connection.shopIds.includes(s.id))) {
      const day = previousLocalDay(now, shop.timezone);
      const key = `${SHEETS_DAY}:${connection.id}:${shop.id}:${day}`;
      if (await db.integrationDelivery.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) continue;
      const message = dayMessage(await dayFigures(db, shop, day));
      recorded += await db.$executeRaw`
        INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
        VALUES (${uuidv7()}::uuid, ${connection.id}::uuid, ${key}, ${SHEETS_DAY}, ${shop.id}::uuid, ${JSON.stringify(message)}::jsonb)
        ON CONFLICT (idempotency_key) DO NOTHING`;
    }
  }
  return recorded;
}

export async function dayFigures(db: Db, shop: { id: string; name: string; timezone: string; currency: string }, day: string): Promise<DayFigures> {
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
