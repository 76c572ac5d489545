import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/db";
import { settleReservation } from "@/lib/inventory/reservations";
import { createEvent } from "@/lib/kafka/events";
import { outboxInsert } from "@/lib/kafka/outbox";
import { v7 as uuidv7 } from "uuid";
import { canTransition, OPEN_STATUSES, refusal, type Actor, type OrderStatus } from "./state-machine";

/**
 * Moves orders to their next status inside the caller's transaction: checks the state machine,
 * guards against concurrent changes (the row's version), stamps the status time, frees the pickup
 * code when an order closes, settles its stock reservation, records history and emits
 * order.status_changed through the outbox. Many orders cost the same few statements as one (the
 * order processor moves a whole Kafka batch at once).
 */

export type OrderRef = { id: string; shopId: string; status: OrderStatus; version: number; pickupCode: string };

export type TransitionOptions = {
  actor: Actor;
  /** User id, or "system:<worker>". */
  actorId: string;
  reason?: string;
  now?: Date;
  /** The estimated ready time to record with the move (QUEUED). */
  etaAt?: Date;
};

export type Move = { order: OrderRef; to: OrderStatus; reason?: string; etaAt?: Date };

export async function transitionOrder(tx: Prisma.TransactionClient, order: OrderRef, to: OrderStatus, opts: TransitionOptions): Promise<OrderRef> {
  const [moved] = await transitionOrders(tx, [{ order, to, reason: opts.reason, etaAt: opts.etaAt }], opts);
  return moved!;
}

export async function transitionOrders(tx: Prisma.TransactionClient, moves: readonly Move[], opts: Omit<TransitionOptions, "reason" | "etaAt">): Promise<OrderRef[]> {
  if (moves.length === 0) return [];
  for (const { order, to } of moves) {
    if (!canTransition(order.status, to, opts.actor)) throw new DomainError("conflict", refusal(order.status, to, opts.actor));
  }
  const now = opts.now ?? new Date();
  const rows = moves.map(({ order, to, reason, etaAt }) => ({
    id: order.id,
    version: order.version,
    from_status: order.status,
    to_status: to,
    reason: reason ?? null,
    // A refund that was not sent (REFUNDING → CANCELLED) keeps the order's first cancellation: reason and time.
    cancel_reason: to === "CANCELLED" && order.status !== "REFUNDING" ? (reason ?? "Cancelled") : null,
    eta_at: etaAt?.toISOString() ?? null,
    history_id: uuidv7(),
  }));
  const events = moves.map(({ order, to, reason }) =>
    createEvent("order.status_changed", order.id, { orderId: order.id, shopId: order.shopId, from: order.status, to, ...(reason ? { reason } : {}) }, now),
  );
  // One statement for the move, its history and its event, however many orders move. Closing
  // frees the pickup code for other orders; reopening (a recalled claim) takes it back.
  const [{ moved }] = await tx.$queryRaw<[{ moved: number }]>`
    WITH t AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS t(id uuid, version int, from_status text, to_status text, reason text, cancel_reason text,
        eta_at timestamptz, history_id uuid)
    ), updated AS (
      UPDATE orders o SET
        status = t.to_status::"OrderStatus",
        version = o.version + 1,
        updated_at = ${now},
        queued_at = CASE WHEN t.to_status = 'QUEUED' THEN ${now} ELSE o.queued_at END,
        started_at = CASE WHEN t.to_status = 'PREPARING' THEN ${now} ELSE o.started_at END,
        ready_at = CASE WHEN t.to_status = 'READY' THEN ${now} ELSE o.ready_at END,
        claimed_at = CASE WHEN t.to_status = 'CLAIMED' THEN ${now} ELSE o.claimed_at END,
        cancelled_at = CASE WHEN t.to_status = 'CANCELLED' THEN coalesce(o.cancelled_at, ${now}) ELSE o.cancelled_at END,
        cancel_reason = coalesce(t.cancel_reason, o.cancel_reason),
        active_pickup_code = CASE WHEN t.to_status = ANY(${OPEN_STATUSES}::text[]) THEN coalesce(o.active_pickup_code, o.pickup_code) END,
        eta_at = coalesce(t.eta_at, o.eta_at)
      FROM t WHERE o.id = t.id AND o.version = t.version
      RETURNING o.id
    ), history AS (
      INSERT INTO order_status_history (id, order_id, from_status, to_status, reason, actor, created_at)
      SELECT t.history_id, t.id, t.from_status::"OrderStatus", t.to_status::"OrderStatus", t.reason, ${opts.actorId}, ${now} FROM t JOIN updated USING (id)
    ), events AS (${outboxInsert(events, Prisma.sql`SELECT id::text FROM updated`)})
    SELECT count(*)::int AS moved FROM updated`;
  if (moved !== moves.length) throw new DomainError("conflict", "Someone else changed this order a moment ago. Here is its current state.");

  for (const { order, to } of moves) {
    if (to === "CANCELLED") await settleReservation(tx, order.shopId, order.id, "RELEASE");
    if (to === "CLAIMED") await settleReservation(tx, order.shopId, order.id, "CONSUME");
  }
  return moves.map(({ order, to }) => ({ ...order, status: to, version: order.version + 1 }));
}

/** Reads and locks an order for a transition; null if there is none. */
export async function lockOrder(tx: Prisma.TransactionClient, id: string): Promise<OrderRef | null> {
  const rows = await tx.$queryRaw<OrderRef[]>`
    SELECT id, shop_id AS "shopId", status, version, pickup_code AS "pickupCode" FROM orders WHERE id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}
