import { v7 as uuidv7 } from "uuid";
import type { Db, Prisma } from "@/lib/db";
import { dailySummaryMessage } from "./slack/messages";

/**
 * The daily sales summary: for every integration subscribed to `daily.summary`, one message per
 * shop in its scope for the shop's last complete local day.
 */
export function recordDailySummaries(db: Db, now = new Date()): Promise<number> {
  return recordShopDays(db, {
    where: { status: { not: "PAUSED" }, events: { has: "daily.summary" } },
    kind: "daily.summary",
    now,
    async render(shop, day) {
      const [figures] = await db.$queryRaw<{ orders: bigint; sales: bigint | null; cancelled: bigint }[]>`
        SELECT count(*) FILTER (WHERE status IN ('PLACED','SCHEDULED','QUEUED','PREPARING','READY','CLAIMED')) AS orders,
               sum(total_cents) FILTER (WHERE status IN ('PLACED','SCHEDULED','QUEUED','PREPARING','READY','CLAIMED')) AS sales,
               count(*) FILTER (WHERE status IN ('CANCELLED','REFUNDING','REFUNDED')) AS cancelled
        FROM orders WHERE shop_id = ${shop.id}::uuid AND (placed_at AT TIME ZONE ${shop.timezone})::date = ${day}::date`;
      return dailySummaryMessage({ shopName: shop.name, day, orders: Number(figures?.orders ?? 0), salesCents: Number(figures?.sales ?? 0), cancelled: Number(figures?.cancelled ?? 0), currency: shop.currency });
    },
  });
}

export type ShopOfDay = { id: string; name: string; timezone: string; currency: string };

/**
 * The daily jobs' common walk (Slack's summaries, Google Sheets' days): for each connection
 * matching `where`, each active shop in its scope and the shop's previous local day, one delivery
 * of `kind` with the message `render` makes. The key `<kind>:<connection>:<shop>:<day>` makes
 * running this any number of times (every few minutes, on every worker) record each day once.
 */
export async function recordShopDays(db: Db, opts: { where: Prisma.IntegrationWhereInput; kind: string; now: Date; render(shop: ShopOfDay, day: string): Promise<unknown> }): Promise<number> {
  const connections = await db.integration.findMany({ where: opts.where, select: { id: true, shopIds: true } });
  if (connections.length === 0) return 0;
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true, name: true, timezone: true, currency: true } });
  let recorded = 0;
  for (const connection of connections) {
    for (const shop of shops.filter((s) => connection.shopIds.length === 0 || connection.shopIds.includes(s.id))) {
      const day = previousLocalDay(opts.now, shop.timezone);
      const key = `${opts.kind}:${connection.id}:${shop.id}:${day}`;
      if (await db.integrationDelivery.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) continue;
      const message = await opts.render(shop, day);
      recorded += await recordDayDelivery(db, { connectionId: connection.id, key, kind: opts.kind, shopId: shop.id, message });
    }
  }
  return recorded;
}

/** One delivery of a shop's day, once per key (a second recording of the same key is a no-op); returns 1 or 0. */
export function recordDayDelivery(db: Db, d: { connectionId: string; key: string; kind: string; shopId: string; message: unknown }): Promise<number> {
  return db.$executeRaw`
    INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
    VALUES (${uuidv7()}::uuid, ${d.connectionId}::uuid, ${d.key}, ${d.kind}, ${d.shopId}::uuid, ${JSON.stringify(d.message)}::jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/** The calendar day before `now`'s date in `timeZone`, as YYYY-MM-DD. */
export function previousLocalDay(now: Date, timeZone: string): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
