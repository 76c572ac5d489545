/**
 * The links a customer is given for an order: the account's orders need nothing more than the id
 * (they open for their owner), a guest's carry the order's tracking token (lib/orders/access.ts).
 * Pure, for server and browser code alike.
 */

/** Where a customer follows an order: the tracking page, with the token for a guest order. */
export function trackingPath(order: { id: string; trackingToken: string | null }): string {
  return `/orders/${order.id}${order.trackingToken ? `?token=${order.trackingToken}` : ""}`;
}

/** The order's API resource (`suffix` e.g. "/invoice"), with the token for a guest order. */
export function orderApiPath(order: { id: string; trackingToken: string | null }, suffix = ""): string {
  return `/api/orders/${encodeURIComponent(order.id)}${suffix}${order.trackingToken ? `?token=${encodeURIComponent(order.trackingToken)}` : ""}`;
}
