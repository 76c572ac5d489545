import type { HandlerRegistry } from "@/lib/kafka/consumer";
import { syncOrders } from "./store";

/** The consumer name: its consumer group and its processed-events records. */
export const ANALYTICS_CONSUMER = "analytics";

/**
 * What the analytics worker does per event: re-derive the order's contribution from the order as
 * it is now. Payment events join here once they exist (see payments.ts).
 */
export const analyticsHandlers: HandlerRegistry = {
  "order.placed": async (event, { tx }) => void (await syncOrders(tx, [event.payload.orderId])),
  "order.status_changed": async (event, { tx }) => void (await syncOrders(tx, [event.payload.orderId])),
};
