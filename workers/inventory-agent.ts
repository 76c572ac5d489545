import { agentModel } from "@/lib/agents/core/provider";
import { keyedThrottle } from "@/lib/agents/core/throttle";
import { assessOnItsOwn, INVENTORY_CONSUMER, inventoryDeps, inventoryHandler, sweepShops } from "@/lib/agents/inventory/handlers";
import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

const SWEEP_MS = 10 * 60_000;
/** A stock-out shows on the menu at once (the menu reads stock); the agent's alert may follow within this. */
const ASSESS_EVERY_MS = 2_000;

/** The inventory agent: wiring only; what it does per batch is lib/agents/inventory. */
export const inventoryAgent: WorkerDefinition = {
  name: "inventory-agent",
  description: "Watches each shop's stock: alerts on stock-outs (and their end), proposes purchase orders when cover falls below the supplier's lead time",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "inventory agent deciding by");
    const deps = inventoryDeps(model);
    // With a model, shops are assessed after the batch commits, one transaction each (see inventoryHandler).
    const deferred = new Map<string, string>();
    let draining = Promise.resolve();
    const drain = () => {
      draining = draining.then(async () => {
        for (const [shopId, eventId] of [...deferred]) {
          deferred.delete(shopId);
          await assessOnItsOwn(ctx.db, deps, shopId, eventId).catch((err: unknown) => ctx.log.warn({ err, shopId }, "inventory assessment failed"));
        }
      });
    };
    const defer = (shopId: string, eventId: string) => {
      deferred.set(shopId, eventId);
      drain();
    };
    // A second of linger (a busy shop once per batch, not once per order) and at most one assessment
    // per shop every ASSESS_EVERY_MS, its last one after the burst (each partition's batch touches every shop).
    const throttle = keyedThrottle<string>(ASSESS_EVERY_MS, defer);
    const consumer = await consumeBatches(ctx, { name: INVENTORY_CONSUMER, topics: [TOPICS.orderEvents, TOPICS.inventoryEvents], lingerMs: 1000, batch: inventoryHandler(deps, defer, throttle) });
    // Every shop once at start (seeded or new shops no order has touched yet), then every 10 minutes (expiry, drift).
    const sweep = () => sweepShops(ctx.db, deps).catch((err: unknown) => ctx.log.warn({ err }, "inventory sweep failed"));
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
  },
};
