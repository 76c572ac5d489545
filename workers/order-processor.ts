import { env } from "@/lib/env";
import { runConsumer } from "@/lib/kafka/consumer";
import { TOPICS } from "@/lib/kafka/topics";
import { applyOrderRewards } from "@/lib/loyalty/order-rewards";
import { processPlacedOrders } from "@/lib/orders/process-order";
import type { WorkerDefinition } from "./runtime";

export const orderProcessor: WorkerDefinition = {
  name: "order-processor",
  description: "Reserves stock for placed (and payment-released) orders and queues them with an ETA (or cancels them with a reason); books loyalty beans for collected and cancelled orders",
  async start({ db, kafka, kafkaSettings, log }) {
    const consumer = await runConsumer({
      kafka,
      db,
      name: "order-processor",
      topics: [TOPICS.orderEvents],
      topicPrefix: kafkaSettings.prefix,
      log,
      concurrency: kafkaSettings.partitions,
      lingerMs: env().PROCESSOR_LINGER_MS,
      // One transaction per Kafka batch: placed orders, and crypto orders released by the payment
      // watcher (PENDING_PAYMENT → PLACED), are processed together; collected and cancelled
      // orders settle their loyalty beans.
      batch: {
        types: ["order.placed", "order.status_changed"],
        async handle(events, { tx, log: batchLog }) {
          const ids = events.flatMap((e) => (e.type === "order.placed" || (e.type === "order.status_changed" && e.payload.to === "PLACED") ? [e.payload.orderId] : []));
          const outcomes = await processPlacedOrders(tx, ids);
          if (batchLog.isLevelEnabled("debug")) batchLog.debug({ orders: Object.fromEntries(outcomes) }, "orders processed");
          const changes = events.flatMap((e) => (e.type === "order.status_changed" && (e.payload.to === "CLAIMED" || e.payload.to === "CANCELLED") ? [e.payload] : []));
          if (changes.length > 0) {
            const beans = await applyOrderRewards(tx, changes);
            if (beans.earned + beans.returned > 0) batchLog.info(beans, "loyalty beans booked");
          }
        },
      },
    });
    return { stop: () => consumer.stop() };
  },
};
