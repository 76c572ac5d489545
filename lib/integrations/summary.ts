import { v7 as uuidv7 } from "uuid";
import type { Db } from "@/lib/db";
import { dailySummaryMessage } from "./slack/messages";

/**
 * The daily sales summary: for every integration subscribed to `daily.summary`, one message per
 * shop in its scope for the shop's last complete local day. The key
 * `daily.summary:<integration>:<shop>:<day>` makes running this any number of times (every few
 * minutes, on every worker) record each day once.
 */
export async function recordDailySummaries(db: Db, now = new Date()): Promise<number> {
  const integrations = await db.integration.findMany({ where: { status: { not: "PAUSED" }, events: { has: "daily.summary" } }, select: { id: true, shopIds: true } });
  if (integrations.length === 0) return 0;
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true, name: true, timezone: true, currency: true } });
  let recorded = 0;
  for (const integration of integrations) {
    for (const shop of shops.filter((s) => integration.shopIds.length === 0 || integration.shopIds.includes(s.id))) {
      const day = previousLocalDay(now, shop.timezone);
      const key = `daily.summary:${integration.id}:${shop.id}:${day}`;
      if (await db.integrationDelivery.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) continue;
      const [figures] = await db.$queryRaw<{ orders: bigint; sales: bigint | null; cancelled: bigint }[]>`
        SELECT count(*) FILTER (WHERE status IN ('PLACED','SCHEDULED','QUEUED','PREPARING','READY','CLAIMED')) AS orders,
               sum(total_cents) FILTER (WHERE status IN ('PLACED','SCHEDULED','QUEUED','PREPARING','READY','CLAIMED')) AS sales,
               count(*) FILTER (WHERE status IN ('CANCELLED','REFUNDING','REFUNDED')) AS cancelled
        FROM orders WHERE shop_id = ${shop.id}::uuid AND (placed_at AT TIME ZONE ${shop.timezone})::date = ${day}::date`;
      const message = dailySummaryMessage({ shopName: shop.name, day, orders: Number(figures?.orders ?? 0), salesCents: Number(figures?.sales ?? 0), cancelled: Number(figures?.cancelled ?? 0), currency: shop.currency });
      recorded += await db.$executeRaw`
        INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
        VALUES (${uuidv7()}::uuid, ${integration.id}::uuid, ${key}, 'daily.summary', ${shop.id}::uuid, ${JSON.stringify(message)}::jsonb)
        ON CONFLICT (idempotency_key) DO NOTHING`;
    }
  }
  return recorded;
}

/** The calendar day before `now`'s date in `timeZone`, as YYYY-MM-DD. */
export function previousLocalDay(now: Date, timeZone: string): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
