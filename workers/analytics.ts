import { env } from "@/lib/env";
import { ANALYTICS_CONSUMER, analyticsHandlers } from "@/lib/analytics/handlers";
import { catchUp } from "@/lib/analytics/store";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

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
 * - Payments: `invoice.status_changed` (payments.events.v1) re-derives that invoice's payment
 *   contribution (settled and refunded amounts per chain and token, lib/analytics/payments.ts).
 */
export const analyticsAggregator: WorkerDefinition = {
  name: "analytics",
  description: "Maintains the dashboard rollups per shop and local hour/day from order and payment events",
  async start(ctx) {
    const { db, log } = ctx;
    // Consume first, catch up alongside: live orders count at once even when the history is long
    // (both paths lock per order, so they never double-count).
    const consumer = await consumeBatches(ctx, { name: ANALYTICS_CONSUMER, topics: [TOPICS.orderEvents, TOPICS.paymentEvents], lingerMs: env().ANALYTICS_LINGER_MS, batch: analyticsHandlers });

    const stopping = new AbortController();
    const runCatchUp = () =>
      catchUp(db, { signal: stopping.signal })
        .then((r) => r.orders > 0 && log.info(r, "analytics caught up with orders it had not counted"))
        .catch((err: unknown) => stopping.signal.aborted || log.warn({ err }, "analytics catch-up failed"));
    let running: Promise<unknown> = runCatchUp();
    const timer = setInterval(() => {
      running = running.then(runCatchUp);
    }, CATCH_UP_EVERY_MS);

    return {
      async stop() {
        stopping.abort();
        clearInterval(timer);
        await consumer.stop();
        await running;
      },
    };
  },
};
