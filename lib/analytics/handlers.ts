import type { HandlerRegistry } from "@/lib/kafka/consumer";
import { invoicePaymentSnapshot, syncPayment } from "./payments";
import { syncOrders } from "./store";

/** The consumer name: its consumer group and its processed-events records. */
export const ANALYTICS_CONSUMER = "analytics";

/**
 * What the analytics worker does per event: re-derive the order's contribution from the order as
 * it is now; for an invoice, its payment's contribution from the invoice as it is now.
 */
export const analyticsHandlers: HandlerRegistry = {
  "order.placed": async (event, { tx }) => void (await syncOrders(tx, [event.payload.orderId])),
  "order.status_changed": async (event, { tx }) => void (await syncOrders(tx, [event.payload.orderId])),
  "invoice.status_changed": async (event, { tx }) => {
    const payment = await invoicePaymentSnapshot(tx, event.payload.invoiceId);
    if (payment) await syncPayment(tx, payment);
  },
};
