import { runConsumer } from "@/lib/kafka/consumer";
import { TOPICS } from "@/lib/kafka/topics";
import { processPlacedOrder } from "@/lib/orders/process-order";
import type { WorkerDefinition } from "./runtime";

export const orderProcessor: WorkerDefinition = {
  name: "order-processor",
  description: "Reserves stock for placed (and payment-released) orders and queues them with an ETA (or cancels them with a reason)",
  async start({ db, kafka, kafkaSettings, log }) {
    const consumer = await runConsumer({
      kafka,
      db,
      name: "order-processor",
      topics: [TOPICS.orderEvents],
      topicPrefix: kafkaSettings.prefix,
      log,
      concurrency: kafkaSettings.partitions,
      handlers: {
        "order.placed": async (event, { tx, log: eventLog }) => {
          const result = await processPlacedOrder(tx, event.payload.orderId);
          eventLog.debug({ orderId: event.payload.orderId, ...result }, "order processed");
        },
        // A crypto order released by the payment watcher (PENDING_PAYMENT → PLACED) is processed like a new one.
        "order.status_changed": async (event, { tx, log: eventLog }) => {
          if (event.payload.to !== "PLACED") return;
          const result = await processPlacedOrder(tx, event.payload.orderId);
          eventLog.debug({ orderId: event.payload.orderId, ...result }, "released order processed");
        },
      },
    });
    return { stop: () => consumer.stop() };
  },
};
