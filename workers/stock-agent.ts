import { keyedThrottle, type KeyedThrottle } from "@/lib/agents/core/throttle";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type RunningWorker, type WorkerContext } from "./runtime";

const SWEEP_MS = 10 * 60_000;

export type StockAgentWiring = {
  /** For log lines: "inventory assessment", "coordination". */
  what: string;
  consumer: string;
  handler: (later: (shopId: string, eventId: string) => void, throttle: KeyedThrottle<string>) => BatchHandler;
  /** One shop in a transaction of its own (a model's call, a throttle's trailing run). */
  lookAlone: (db: Db, shopId: string, eventId: string) => Promise<unknown>;
  /** Every active shop once. */
  sweep: (db: Db) => Promise<unknown>;
};

/**
 * The wiring the stock agents share (the inventory agent and the coordinator): a second of linger
 * (a busy shop once per batch, not once per order); a shop taken out of a batch — with a model
 * configured, or by the per-shop throttle (its last look after a burst) — looked at one at a time in
 * a transaction of its own; every shop at start (seeded or new shops no event has touched yet) and
 * every 10 minutes (expiry, drift, a neighbour's new surplus).
 */
export async function startStockAgent(ctx: WorkerContext, w: StockAgentWiring): Promise<RunningWorker> {
  const later = new Map<string, string>();
  let draining = Promise.resolve();
  const defer = (shopId: string, eventId: string) => {
    later.set(shopId, eventId);
    draining = draining.then(async () => {
      for (const [id, event] of [...later]) {
        later.delete(id);
        await w.lookAlone(ctx.db, id, event).catch((err: unknown) => ctx.log.warn({ err, shopId: id }, `${w.what} failed`));
      }
    });
  };
  // A shop at most this often per agent (2 s): a stock-out shows on the menu at once (the menu reads stock); the agent may follow within this.
  const throttle = keyedThrottle<string>(env().STOCK_AGENT_LOOK_EVERY_MS, defer);
  const consumer = await consumeBatches(ctx, { name: w.consumer, topics: [TOPICS.orderEvents, TOPICS.inventoryEvents], lingerMs: 1000, batch: w.handler(defer, throttle) });
  const sweep = () => w.sweep(ctx.db).catch((err: unknown) => ctx.log.warn({ err }, `${w.what} sweep failed`));
  void sweep();
  const timer = setInterval(() => void sweep(), SWEEP_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await consumer.stop();
      throttle.stop();
      await draining;
    },
  };
}
