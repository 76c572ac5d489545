import type { BatchHandler } from "@/lib/kafka/consumer";
import { applyOrderRewards } from "@/lib/loyalty/order-rewards";
import { processPlacedOrders } from "./process-order";

/** The consumer name: its consumer group and its processed-events records. */
export const ORDER_PROCESSOR_CONSUMER = "order-processor";

/**
 * What the order processor does per batch of order events, in one transaction: placed orders, and
 * crypto orders released by the payment watcher (PENDING_PAYMENT → PLACED), are processed together
 * (stock reserved, queued with an ETA or cancelled); collected and cancelled orders settle their
 * loyalty beans.
 */
export const orderProcessorHandlers: BatchHandler = {
  types: ["order.placed", "order.status_changed"],
  async handle(events, { tx, log }) {
    const ids = events.flatMap((e) => (e.type === "order.placed" || (e.type === "order.status_changed" && e.payload.to === "PLACED") ? [e.payload.orderId] : []));
    const outcomes = await processPlacedOrders(tx, ids);
    if (log.isLevelEnabled("debug")) log.debug({ orders: Object.fromEntries(outcomes) }, "orders processed");
    const changes = events.flatMap((e) => (e.type === "order.status_changed" && (e.payload.to === "CLAIMED" || e.payload.to === "CANCELLED") ? [e.payload] : []));
    if (changes.length > 0) {
      const beans = await applyOrderRewards(tx, changes);
      if (beans.earned + beans.returned > 0) log.info(beans, "loyalty beans booked");
    }
  },
};
