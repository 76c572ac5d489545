import { COORDINATOR_CONSUMER, coordinateOnItsOwn, coordinatorDeps, coordinatorHandler, sweepShops } from "@/lib/agents/coordinator/handlers";
import { agentModel } from "@/lib/agents/core/provider";
import { keyedThrottle } from "@/lib/agents/core/throttle";
import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

const SWEEP_MS = 10 * 60_000;
/** A shop at most this often (under a rush every partition's batch touches every shop), its last look after the burst. */
const COORDINATE_EVERY_MS = 2_000;

/** The inter-location coordinator: wiring only; what it does per batch is lib/agents/coordinator. */
export const coordinatorAgent: WorkerDefinition = {
  name: "coordinator-agent",
  description: "Proposes stock transfers from a nearby shop with surplus to a shop running short, sooner than a supplier's delivery",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "coordinator explaining by");
    const deps = coordinatorDeps(model);
    // With a model, shops are looked at after the batch commits, one transaction each (see coordinatorHandler).
    const deferred = new Map<string, string>();
    let draining = Promise.resolve();
    const drain = () => {
      draining = draining.then(async () => {
        for (const [shopId, eventId] of [...deferred]) {
          deferred.delete(shopId);
          await coordinateOnItsOwn(ctx.db, deps, shopId, eventId).catch((err: unknown) => ctx.log.warn({ err, shopId }, "coordination failed"));
        }
      });
    };
    const defer = (shopId: string, eventId: string) => {
      deferred.set(shopId, eventId);
      drain();
    };
    const throttle = keyedThrottle<string>(COORDINATE_EVERY_MS, defer);
    const consumer = await consumeBatches(ctx, { name: COORDINATOR_CONSUMER, topics: [TOPICS.orderEvents, TOPICS.inventoryEvents], lingerMs: 1000, batch: coordinatorHandler(deps, defer, throttle) });
    const sweep = () => sweepShops(ctx.db, deps).catch((err: unknown) => ctx.log.warn({ err }, "coordinator sweep failed"));
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
