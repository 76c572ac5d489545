import { TASKS_CONSUMER, tasksHandler } from "@/lib/agents/tasks/agent";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** The task manager: wiring only; what it does is lib/agents/tasks. Rules only: it needs no model. */
export const tasksAgent: WorkerDefinition = {
  name: "tasks-agent",
  description: "Turns approved proposals and unresolved alerts into tasks for the shop's people, and closes them when their source completes",
  async start(ctx) {
    const consumer = await consumeBatches(ctx, { name: TASKS_CONSUMER, topics: [TOPICS.agentProposals, TOPICS.agentAlerts, TOPICS.inventoryEvents], lingerMs: 0, batch: tasksHandler });
    return { stop: () => consumer.stop() };
  },
};
