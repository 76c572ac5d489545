import { agentModel } from "@/lib/agents/core/provider";
import { INVENTORY_CONSUMER, inventoryDeps, inventoryHandler } from "@/lib/agents/inventory/handlers";
import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** The inventory agent: wiring only; what it does per batch is lib/agents/inventory. */
export const inventoryAgent: WorkerDefinition = {
  name: "inventory-agent",
  description: "Watches each shop's stock: alerts on stock-outs (and their end), proposes purchase orders when cover falls below the supplier's lead time",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "inventory agent deciding by");
    // A second of linger: a busy shop is assessed once per batch, not once per order.
    const consumer = await consumeBatches(ctx, { name: INVENTORY_CONSUMER, topics: [TOPICS.orderEvents, TOPICS.inventoryEvents], lingerMs: 1000, batch: inventoryHandler(inventoryDeps(model)) });
    return { stop: () => consumer.stop() };
  },
};
