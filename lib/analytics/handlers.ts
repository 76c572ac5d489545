import type { BatchHandler } from "@/lib/kafka/consumer";
import { invoicePaymentSnapshot, syncPayment } from "./payments";
import { syncOrders } from "./store";

/** The consumer name: its consumer group and its processed-events records. */
export const ANALYTICS_CONSUMER = "analytics";

/**
 * What the analytics worker does per batch of events: re-derive each order's contribution from the
 * order as it is now (once per order, however many of its events the batch holds); for an
 * invoice, its payment's contribution from the invoice as it is now.
 */
export const analyticsHandlers: BatchHandler = {
  types: ["order.placed", "order.status_changed", "invoice.status_changed"],
  async handle(events, { tx }) {
    const orderIds = new Set<string>();
    const invoiceIds = new Set<string>();
    for (const e of events) {
      if (e.type === "invoice.status_changed") invoiceIds.add(e.payload.invoiceId);
      else if (e.type === "order.placed" || e.type === "order.status_changed") orderIds.add(e.payload.orderId);
    }
    if (orderIds.size > 0) await syncOrders(tx, [...orderIds]);
    for (const invoiceId of invoiceIds) {
      const payment = await invoicePaymentSnapshot(tx, invoiceId);
      if (payment) await syncPayment(tx, payment);
    }
  },
};
