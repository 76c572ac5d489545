import { DomainError } from "@/lib/actions/result";
import type { Prisma } from "@/lib/db";
import { settleReservation } from "@/lib/inventory/reservations";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { canTransition, isOpen, refusal, type Actor, type OrderStatus } from "./state-machine";

/**
 * Moves an order to its next status inside the caller's transaction: checks the state machine,
 * guards against concurrent changes (the row's version), stamps the status time, frees the pickup
 * code when the order closes, settles its stock reservation, records history and emits
 * order.status_changed through the outbox.
 */

export type OrderRef = { id: string; shopId: string; status: OrderStatus; version: number; pickupCode: string };

export type TransitionOptions = {
  actor: Actor;
  /** User id, or "system:<worker>". */
  actorId: string;
  reason?: string;
  now?: Date;
  /** Extra columns to set with the move (e.g. etaAt). */
  data?: Prisma.OrderUncheckedUpdateManyInput;
};

const STAMP: Partial<Record<OrderStatus, "queuedAt" | "startedAt" | "readyAt" | "claimedAt" | "cancelledAt">> = {
  QUEUED: "queuedAt",
  PREPARING: "startedAt",
  READY: "readyAt",
  CLAIMED: "claimedAt",
  CANCELLED: "cancelledAt",
};

export async function transitionOrder(tx: Prisma.TransactionClient, order: OrderRef, to: OrderStatus, opts: TransitionOptions): Promise<OrderRef> {
  if (!canTransition(order.status, to, opts.actor)) throw new DomainError("conflict", refusal(order.status, to, opts.actor));
  const now = opts.now ?? new Date();
  const stamp = STAMP[to];
  const updated = await tx.order.updateMany({
    where: { id: order.id, version: order.version },
    data: {
      ...opts.data,
      status: to,
      version: { increment: 1 },
      ...(stamp ? { [stamp]: now } : {}),
      // Closing frees the pickup code for other orders; reopening (a recalled claim) takes it back.
      ...(isOpen(to) ? (isOpen(order.status) ? {} : { activePickupCode: order.pickupCode }) : { activePickupCode: null }),
      ...(to === "CANCELLED" ? { cancelReason: opts.reason ?? "Cancelled" } : {}),
    },
  });
  if (updated.count === 0) throw new DomainError("conflict", "Someone else changed this order a moment ago. Here is its current state.");

  if (to === "CANCELLED") await settleReservation(tx, order.shopId, order.id, "RELEASE");
  if (to === "CLAIMED") await settleReservation(tx, order.shopId, order.id, "CONSUME");
  await tx.orderStatusHistory.create({ data: { orderId: order.id, fromStatus: order.status, toStatus: to, reason: opts.reason ?? null, actor: opts.actorId, createdAt: now } });
  await enqueueEvents(tx, [
    createEvent("order.status_changed", order.id, { orderId: order.id, shopId: order.shopId, from: order.status, to, ...(opts.reason ? { reason: opts.reason } : {}) }, now),
  ]);
  return { ...order, status: to, version: order.version + 1 };
}

/** Reads and locks an order for a transition; null if there is none. */
export async function lockOrder(tx: Prisma.TransactionClient, id: string): Promise<OrderRef | null> {
  const rows = await tx.$queryRaw<OrderRef[]>`
    SELECT id, shop_id AS "shopId", status, version, pickup_code AS "pickupCode" FROM orders WHERE id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}
