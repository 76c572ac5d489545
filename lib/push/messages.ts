/**
 * What a customer's device is told about their order, by the push it receives. Pure. Only the
 * moments worth a buzz on a locked phone: ready to collect, and cancelled (they should not walk
 * to the counter for it). The tag makes a repeated push replace the notification, not add one.
 */

export type PushMessage = { title: string; body: string; url: string; tag: string };

export type OrderFacts = { id: string; pickupCode: string; shopName: string; trackingToken: string | null };

const MESSAGES: Partial<Record<string, (o: OrderFacts) => Pick<PushMessage, "title" | "body">>> = {
  READY: (o) => ({ title: "Your order is ready", body: `Order ${o.pickupCode} is waiting at ${o.shopName}. Show code ${o.pickupCode} at the counter.` }),
  CANCELLED: (o) => ({ title: "Your order was cancelled", body: `Order ${o.pickupCode} at ${o.shopName} was cancelled. Open it to see why.` }),
};

export const PUSHED_STATUSES = Object.keys(MESSAGES);

/** The notification for an order reaching `status`, or null when that status is not pushed. */
export function pushMessageFor(status: string, order: OrderFacts): PushMessage | null {
  const text = MESSAGES[status]?.(order);
  if (!text) return null;
  // The tracking link a guest was given carries their token; an account's order opens signed in.
  const url = `/orders/${order.id}${order.trackingToken ? `?token=${encodeURIComponent(order.trackingToken)}` : ""}`;
  return { ...text, url, tag: `order-${order.id}` };
}
