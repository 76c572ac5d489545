import { TASKS_CONSUMER, tasksHandler } from "@/lib/agents/tasks/agent";
import { syncOverdueTaskAlertsDue } from "@/lib/agents/tasks/overdue";
import { TOPICS } from "@/lib/kafka/topics";
import { startClock } from "./clock";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** How often the clock looks for tasks gone past their due time (lib/agents/tasks/overdue.ts). */
const OVERDUE_CLOCK_MS = 60_000;

/** The task manager: wiring only; what it does is lib/agents/tasks. Rules only: it needs no model. */
export const tasksAgent: WorkerDefinition = {
  name: "tasks-agent",
  description: "Turns approved proposals and unresolved alerts into tasks for the shop's people, closes them when their source completes, and alerts the managers when one falls overdue",
  async start(ctx) {
    const consumer = await consumeBatches(ctx, { name: TASKS_CONSUMER, topics: [TOPICS.agentProposals, TOPICS.agentAlerts, TOPICS.inventoryEvents], lingerMs: 0, batch: tasksHandler });
    const clock = startClock(ctx.log, OVERDUE_CLOCK_MS, "overdue tasks pass", async () => {
      const shops = await syncOverdueTaskAlertsDue(ctx.db);
      if (shops > 0) ctx.log.info({ shops }, "overdue task alerts synced");
    });
    return { stop: () => Promise.all([consumer.stop(), clock.stop()]).then(() => undefined) };
  },
};
