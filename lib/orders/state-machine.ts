import { OrderStatus as OrderStatusEnum } from "@/lib/db/generated/enums.ts";

/**
 * The order lifecycle, the only place transitions are decided:
 *   PENDING_PAYMENT → PLACED → QUEUED → PREPARING → READY → CLAIMED
 * with CANCELLED (and REFUNDED for paid orders) as exits. Pure.
 *
 * An order for later (a pickup time) takes PLACED → SCHEDULED (stock reserved, waiting) →
 * QUEUED at its fire time, released by the order processor (lib/orders/schedule/release.ts).
 *
 * A refund the app sends itself passes through REFUNDING: CANCELLED → REFUNDING (claimed under a
 * lock before any transaction is sent, so two requests cannot both send) → REFUNDED, or back to
 * CANCELLED when nothing was sent (lib/payments/refunds.ts).
 */

/** The statuses are the database's enum (prisma/schema.prisma), listed once there. */
export type OrderStatus = OrderStatusEnum;
export const ORDER_STATUSES: readonly OrderStatus[] = Object.values(OrderStatusEnum);

export type Actor = "customer" | "staff" | "system";

const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderStatus, readonly Actor[]>>> = {
  PENDING_PAYMENT: { PLACED: ["system"], CANCELLED: ["customer", "staff", "system"] },
  PLACED: { QUEUED: ["system"], SCHEDULED: ["system"], CANCELLED: ["customer", "staff", "system"] },
  // Waiting for its fire time: only the processor releases it; anyone may still cancel it.
  SCHEDULED: { QUEUED: ["system"], CANCELLED: ["customer", "staff", "system"] },
  // A customer may cancel until the barista starts; "recall" walks one step back.
  QUEUED: { PREPARING: ["staff"], READY: ["staff"], CANCELLED: ["customer", "staff", "system"] },
  PREPARING: { READY: ["staff"], QUEUED: ["staff"], CANCELLED: ["staff"] },
  READY: { CLAIMED: ["staff"], PREPARING: ["staff"], CANCELLED: ["staff"] },
  CLAIMED: { READY: ["staff"], REFUNDED: ["staff"] },
  CANCELLED: { REFUNDING: ["staff"], REFUNDED: ["staff", "system"] },
  // Back to CANCELLED when the refund was not sent (refused by the node, failed on chain).
  REFUNDING: { REFUNDED: ["staff", "system"], CANCELLED: ["staff", "system"] },
  REFUNDED: {},
};

/** Statuses in which an order is open: it holds its pickup code and its stock reservation. */
export const OPEN_STATUSES: readonly OrderStatus[] = ["PENDING_PAYMENT", "PLACED", "SCHEDULED", "QUEUED", "PREPARING", "READY"];

export function isOpen(status: OrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Statuses of an order that ended without being collected: cancelled, and its refund (being sent or sent). */
export const ENDED_STATUSES: readonly OrderStatus[] = ["CANCELLED", "REFUNDING", "REFUNDED"];

export function hasEnded(status: OrderStatus): boolean {
  return ENDED_STATUSES.includes(status);
}

export function canTransition(from: OrderStatus, to: OrderStatus, actor: Actor): boolean {
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}

const LABELS: Record<OrderStatus, string> = {
  PENDING_PAYMENT: "awaiting payment",
  PLACED: "placed",
  SCHEDULED: "scheduled for later",
  QUEUED: "in the queue",
  PREPARING: "being prepared",
  READY: "ready for pickup",
  CLAIMED: "collected",
  CANCELLED: "cancelled",
  REFUNDING: "being refunded",
  REFUNDED: "refunded",
};

export function statusLabel(status: OrderStatus): string {
  return LABELS[status];
}

/** Why a transition is refused, as a sentence for the person who tried. */
export function refusal(from: OrderStatus, to: OrderStatus, actor: Actor): string {
  if (actor === "customer" && to === "CANCELLED") {
    return `This order is already ${statusLabel(from)} and can no longer be cancelled${from === "PREPARING" || from === "READY" ? "; please ask at the counter" : ""}.`;
  }
  return `An order that is ${statusLabel(from)} cannot become ${statusLabel(to)}.`;
}
