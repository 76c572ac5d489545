import { COORDINATOR_CONSUMER, coordinateOnItsOwn, coordinatorDeps, coordinatorHandler, sweepShops } from "@/lib/agents/coordinator/handlers";
import { agentModel } from "@/lib/agents/core/provider";
import { env } from "@/lib/env";
import type { WorkerDefinition } from "./runtime";
import { startStockAgent } from "./stock-agent";

/** The inter-location coordinator: wiring only; what it does per batch is lib/agents/coordinator. */
export const coordinatorAgent: WorkerDefinition = {
  name: "coordinator-agent",
  description: "Proposes stock transfers from a nearby shop with surplus to a shop running short, sooner than a supplier's delivery",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "coordinator explaining by");
    const deps = coordinatorDeps(model);
    return startStockAgent(ctx, {
      what: "coordination",
      consumer: COORDINATOR_CONSUMER,
      handler: (later, throttle) => coordinatorHandler(deps, later, throttle),
      lookAlone: (db, shopId, eventId) => coordinateOnItsOwn(db, deps, shopId, eventId),
      sweep: (db) => sweepShops(db, deps),
    });
  },
};
