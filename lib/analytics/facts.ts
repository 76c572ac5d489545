import { localHour } from "./time";

/**
 * What one order contributes to the rollups, from the order as it is now. Pure.
 *
 * Rules (the dashboard's definitions):
 * - An order counts from the moment it is placed (an order still awaiting payment does not count
 *   yet); all its figures go to the local hour it was placed in, so a later cancellation or refund
 *   changes the day the order belongs to, not the day it happened.
 * - Cancelled orders count as cancellations (with their reason and the money lost), not as orders
 *   or revenue; a cancelled order that is later refunded stays a cancellation (also while the refund
 *   is being sent: REFUNDING).
 * - A collected order that is refunded stays an order, and its total moves from net revenue to
 *   refunds (gross revenue keeps it).
 * - Tips are never revenue: gross, refunded and cancelled amounts are the total less the tip; a
 *   sold order's tip counts as tips unless the order was refunded (the refund returns it too).
 * - Prep time per station: queued → the station's last item done (the order's ready time when an
 *   item has no done time), for orders that became ready; claim time: ready → collected.
 * - Orders for later that became ready count as scheduled-ready, and as on time when they were
 *   ready by their promised pickup time (the dashboard's "ready by the promised time" share).
 */

export type Station = "ESPRESSO_BAR" | "BREW" | "FOOD";
export type PaymentMethod = "PAY_AT_PICKUP" | "CRYPTO";

export type OrderSnapshot = {
  id: string;
  shopId: string;
  timezone: string;
  status: string;
  paymentMethod: PaymentMethod;
  totalCents: number;
  /** Part of totalCents. */
  tipCents: number;
  cancelReason: string | null;
  placedAt: Date;
  queuedAt: Date | null;
  readyAt: Date | null;
  claimedAt: Date | null;
  cancelledAt: Date | null;
  /** An order for later: its promised pickup time. Absent or null: as soon as possible. */
  pickupAt?: Date | null;
  items: { productId: string; station: Station; quantity: number; lineTotalCents: number; doneAt: Date | null }[];
};

/** Metric names of the timing histograms. */
export type TimingMetric = `prep:${Station}` | "claim";

export type OrderFact = {
  /** Local hour of placement, "YYYY-MM-DDTHH:00". */
  hour: string;
  orders: number;
  cancelled: number;
  grossCents: number;
  refunds: number;
  refundedCents: number;
  /** Absent in facts stored before tips existed (read as 0). */
  tipsCents?: number;
  /** Orders for later that became ready, and of those the ones ready by the promised time (absent: 0). */
  scheduledReady?: number;
  scheduledOnTime?: number;
  itemsSold: number;
  method: PaymentMethod;
  cancelReason: string | null;
  cancelledCents: number;
  /** [productId, quantity, revenueCents] */
  products: [string, number, number][];
  /** [metric, seconds] */
  timings: [TimingMetric, number][];
};

export const NO_REASON = "No reason given";

export function orderFact(order: OrderSnapshot): OrderFact | null {
  if (order.status === "PENDING_PAYMENT") return null;
  const cancelled = order.status === "CANCELLED" || order.status === "REFUNDING" || (order.status === "REFUNDED" && order.cancelledAt !== null);
  const refunded = order.status === "REFUNDED" && !cancelled;
  const sold = !cancelled;
  const revenue = order.totalCents - order.tipCents;

  const products = new Map<string, [number, number]>();
  let itemsSold = 0;
  if (sold) {
    for (const item of order.items) {
      const p = products.get(item.productId) ?? [0, 0];
      p[0] += item.quantity;
      p[1] += item.lineTotalCents;
      products.set(item.productId, p);
      itemsSold += item.quantity;
    }
  }

  return {
    hour: localHour(order.placedAt, order.timezone),
    orders: sold ? 1 : 0,
    cancelled: cancelled ? 1 : 0,
    grossCents: sold ? revenue : 0,
    refunds: refunded ? 1 : 0,
    refundedCents: refunded ? revenue : 0,
    tipsCents: sold && !refunded ? order.tipCents : 0,
    itemsSold,
    method: order.paymentMethod,
    cancelReason: cancelled ? order.cancelReason?.trim() || NO_REASON : null,
    cancelledCents: cancelled ? revenue : 0,
    products: [...products].sort(([a], [b]) => a.localeCompare(b)).map(([id, [q, c]]) => [id, q, c]),
    timings: timings(order, cancelled, refunded),
    ...promise(order),
  };
}

function promise(order: OrderSnapshot): Pick<OrderFact, "scheduledReady" | "scheduledOnTime"> {
  // Only orders for later that were made (ready at some point) say whether the promise was kept.
  if (!order.pickupAt || !order.readyAt) return {};
  return { scheduledReady: 1, scheduledOnTime: order.readyAt.getTime() <= order.pickupAt.getTime() ? 1 : 0 };
}

function timings(order: OrderSnapshot, cancelled: boolean, refunded: boolean): [TimingMetric, number][] {
  const { queuedAt, readyAt, claimedAt, cancelledAt } = order;
  const out: [TimingMetric, number][] = [];
  // Ready now, collected, refunded after collection, or cancelled after it was made (never picked up).
  const wasReady =
    readyAt !== null &&
    (order.status === "READY" || order.status === "CLAIMED" || refunded || (cancelled && cancelledAt !== null && cancelledAt >= readyAt));
  if (wasReady && queuedAt !== null && readyAt >= queuedAt) {
    const stations = new Map<Station, number | null>();
    for (const item of order.items) {
      const prev = stations.get(item.station);
      const done = item.doneAt?.getTime() ?? null;
      // A station is ready when its last item is; an item without a done time waits for the order.
      stations.set(item.station, prev === null || done === null ? null : Math.max(prev ?? done, done));
    }
    for (const [station, done] of [...stations].sort(([a], [b]) => a.localeCompare(b))) {
      const at = Math.min(Math.max(done ?? readyAt.getTime(), queuedAt.getTime()), readyAt.getTime());
      out.push([`prep:${station}`, Math.round((at - queuedAt.getTime()) / 1000)]);
    }
  }
  const collected = order.status === "CLAIMED" || refunded;
  if (collected && readyAt !== null && claimedAt !== null && claimedAt >= readyAt) {
    out.push(["claim", Math.round((claimedAt.getTime() - readyAt.getTime()) / 1000)]);
  }
  return out;
}
