import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { ORDER_PROCESSOR_CONSUMER, orderProcessorHandlers } from "@/lib/orders/handlers";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** The order processor: wiring only; what it does per batch is lib/orders/handlers.ts. */
export const orderProcessor: WorkerDefinition = {
  name: "order-processor",
  description: "Reserves stock for placed (and payment-released) orders and queues them with an ETA (or cancels them with a reason); books loyalty beans for collected and cancelled orders",
  async start(ctx) {
    const consumer = await consumeBatches(ctx, { name: ORDER_PROCESSOR_CONSUMER, topics: [TOPICS.orderEvents], lingerMs: env().PROCESSOR_LINGER_MS, batch: orderProcessorHandlers });
    return { stop: () => consumer.stop() };
  },
};
