import type { Prisma } from "@/lib/db";
import type { MadeOrder, OpeningInterval, Station } from "./staffing";

type Tx = Prisma.TransactionClient;

/**
 * Orders per local hour of a shop between two local dates (from inclusive, to exclusive), counted
 * as the dashboard counts them (lib/analytics/facts.ts): placed (not still awaiting payment), in
 * the hour placed, cancellations not counted. Read from the orders themselves, not the rollups,
 * so seeded history counts before the analytics worker has caught up with it.
 */
export async function ordersPerHour(tx: Tx, shopId: string, timezone: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ hour: string; n: bigint }[]>`
    SELECT to_char(date_trunc('hour', placed_at AT TIME ZONE ${timezone}), 'YYYY-MM-DD"T"HH24:00') AS hour, count(*) AS n
    FROM orders
    WHERE shop_id = ${shopId}::uuid
      AND placed_at >= (${from}::date)::timestamp AT TIME ZONE ${timezone}
      AND placed_at < (${to}::date)::timestamp AT TIME ZONE ${timezone}
      AND status NOT IN ('PENDING_PAYMENT', 'CANCELLED', 'REFUNDING')
      AND NOT (status = 'REFUNDED' AND cancelled_at IS NOT NULL)
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.hour, Number(r.n)]));
}

/** Orders made (started and ready) since `since`, with their items' stations, catalog prep times and done times. */
export async function madeOrders(tx: Tx, shopId: string, since: Date): Promise<MadeOrder[]> {
  const rows = await tx.$queryRaw<{ id: string; started_at: Date; ready_at: Date; station: Station; quantity: number; prep_seconds: number; done_at: Date | null }[]>`
    SELECT o.id, o.started_at, o.ready_at, i.station::text AS station, i.quantity, p.prep_seconds, i.done_at
    FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
    WHERE o.shop_id = ${shopId}::uuid AND o.placed_at >= ${since} AND o.started_at IS NOT NULL AND o.ready_at IS NOT NULL
    ORDER BY o.id`;
  const byOrder = new Map<string, MadeOrder>();
  for (const r of rows) {
    let o = byOrder.get(r.id);
    if (!o) byOrder.set(r.id, (o = { startedAt: r.started_at.getTime(), readyAt: r.ready_at.getTime(), items: [] }));
    o.items.push({ station: r.station, quantity: r.quantity, prepSeconds: r.prep_seconds, doneAt: r.done_at?.getTime() ?? null });
  }
  return [...byOrder.values()];
}

export async function openingHours(tx: Tx, shopId: string): Promise<OpeningInterval[]> {
  return tx.shopHours.findMany({ where: { shopId }, select: { weekday: true, opensMinute: true, closesMinute: true } });
}

