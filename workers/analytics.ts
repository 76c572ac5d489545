import { ANALYTICS_CONSUMER, analyticsHandlers } from "@/lib/analytics/handlers";
import { catchUp } from "@/lib/analytics/store";
import { runConsumer } from "@/lib/kafka/consumer";
import { TOPICS } from "@/lib/kafka/topics";
import type { WorkerDefinition } from "./runtime";

/** How often the worker looks for orders its rollups have not caught up with (safety net). */
const CATCH_UP_EVERY_MS = 5 * 60_000;

/**
 * The analytics aggregator: keeps the dashboard rollups (lib/analytics) in step with orders.
 *
 * - On start it catches up on every order without an up-to-date fact: the seeded history (which has
 *   no events), orders placed while it was down past Kafka's retention, a fresh rebuild. Then it
 *   consumes order events; every few minutes it catches up again, so a lost or dead-lettered event
 *   heals by itself.
 * - Each event re-derives its order's contribution from the order as it is now, so redelivery and
 *   replays are harmless (and processed_events skips repeats anyway).
 * - Payments: when the payments module publishes `payment.*` events (payments.events.v1), add
 *   `TOPICS.paymentEvents` below and a handler that calls `syncPayment` (lib/analytics/payments.ts)
 *   with the payment's shop, chain, token, amount and status. The rollup table and arithmetic are ready.
 */
export const analyticsAggregator: WorkerDefinition = {
  name: "analytics",
  description: "Maintains the dashboard rollups per shop and local hour/day from order events",
  async start({ db, kafka, kafkaSettings, log }) {
    const first = await catchUp(db);
    log.info(first, "analytics caught up with the order tables");

    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = catchUp(db)
        .then((r) => r.orders > 0 && log.info(r, "analytics caught up with orders it had missed"))
        .catch((err: unknown) => stopped || log.warn({ err }, "analytics catch-up failed"));
    }, CATCH_UP_EVERY_MS);

    const consumer = await runConsumer({
      kafka,
      db,
      name: ANALYTICS_CONSUMER,
      topics: [TOPICS.orderEvents],
      topicPrefix: kafkaSettings.prefix,
      log,
      concurrency: kafkaSettings.partitions,
      handlers: analyticsHandlers,
    });
    return {
      async stop() {
        stopped = true;
        clearInterval(timer);
        await consumer.stop();
        await running;
      },
    };
  },
};
