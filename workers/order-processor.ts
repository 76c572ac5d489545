import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { ORDER_PROCESSOR_CONSUMER, orderProcessorHandlers } from "@/lib/orders/handlers";
import { startReleaseLoop } from "@/lib/orders/schedule/release";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** The order processor: wiring only; what it does per batch is lib/orders/handlers.ts. */
export const orderProcessor: WorkerDefinition = {
  name: "order-processor",
  description:
    "Reserves stock for placed (and payment-released) orders and queues them with an ETA, or schedules orders for later (or cancels them with a reason); releases orders for later to the queue at their fire time; books loyalty beans for collected and cancelled orders",
  async start(ctx) {
    const consumer = await consumeBatches(ctx, { name: ORDER_PROCESSOR_CONSUMER, topics: [TOPICS.orderEvents], lingerMs: env().PROCESSOR_LINGER_MS, batch: orderProcessorHandlers });
    // Orders for later are released from the database (their fire time), not from an event: a
    // restart resumes with whatever is due.
    const release = startReleaseLoop(ctx.db, {
      pollMs: env().SCHEDULE_POLL_MS,
      onError: (err) => ctx.log.warn({ err }, "releasing scheduled orders failed; retrying at the next poll"),
      onReleased: (orders) => ctx.log.info({ orders: orders.map((o) => o.id) }, "scheduled orders released to the queue"),
    });
    return {
      async stop() {
        await Promise.all([consumer.stop(), release.stop()]);
      },
    };
  },
};
