import type { Db } from "@/lib/db";
import { recordShopDays, type ShopOfDay } from "../summary";
import { dayMessage, type DayFigures } from "./report";

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
