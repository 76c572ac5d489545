import { agentModel } from "@/lib/agents/core/provider";
import { assessOnItsOwn, INVENTORY_CONSUMER, inventoryDeps, inventoryHandler, sweepShops } from "@/lib/agents/inventory/handlers";
import { env } from "@/lib/env";
import type { WorkerDefinition } from "./runtime";
import { startStockAgent } from "./stock-agent";

/** The inventory agent: wiring only; what it does per batch is lib/agents/inventory. */
export const inventoryAgent: WorkerDefinition = {
  name: "inventory-agent",
  description: "Watches each shop's stock: alerts on stock-outs (and their end), proposes purchase orders when cover falls below the supplier's lead time",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "inventory agent deciding by");
    const deps = inventoryDeps(model);
    return startStockAgent(ctx, {
      what: "inventory assessment",
      consumer: INVENTORY_CONSUMER,
      handler: (later, throttle) => inventoryHandler(deps, later, throttle),
      lookAlone: (db, shopId, eventId) => assessOnItsOwn(db, deps, shopId, eventId),
      sweep: (db) => sweepShops(db, deps),
    });
  },
};
