import { TASTING_CONSUMER, tastingHandler } from "@/lib/agents/tasting/agent";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** The tasting coordinator: wiring only; what it does is lib/agents/tasting. Rules only: it needs no model. */
export const tastingAgent: WorkerDefinition = {
  name: "tasting-agent",
  description: "Schedules a tasting of each approved new drink in a quiet forecast hour of its shop",
  async start(ctx) {
    const consumer = await consumeBatches(ctx, { name: TASTING_CONSUMER, topics: [TOPICS.agentProposals], lingerMs: 0, batch: tastingHandler });
    return { stop: () => consumer.stop() };
  },
};
