import { TASTING_CONSUMER, tastingHandler } from "@/lib/agents/tasting/agent";
import { syncDueTastingAlerts } from "@/lib/agents/tasting/alerts";
import { TOPICS } from "@/lib/kafka/topics";
import { startClock } from "./clock";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** How often the clock looks for tastings due a reminder (an hour before each; lib/agents/tasting/alerts.ts). */
const REMINDER_CLOCK_MS = 60_000;

/** The tasting coordinator: wiring only; what it does is lib/agents/tasting. Rules only: it needs no model. */
export const tastingAgent: WorkerDefinition = {
  name: "tasting-agent",
  description: "Schedules a tasting of each approved new drink in a quiet forecast hour of its shop, and reminds the shop's staff an hour before it",
  async start(ctx) {
    const consumer = await consumeBatches(ctx, { name: TASTING_CONSUMER, topics: [TOPICS.agentProposals], lingerMs: 0, batch: tastingHandler });
    const clock = startClock(ctx.log, REMINDER_CLOCK_MS, "tasting reminder pass", async () => {
      const shops = await syncDueTastingAlerts(ctx.db);
      if (shops > 0) ctx.log.info({ shops }, "tasting reminders raised");
    });
    return { stop: () => Promise.all([consumer.stop(), clock.stop()]).then(() => undefined) };
  },
};
