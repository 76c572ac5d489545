import { NOTIFIER_CONSUMER, notifierHandler } from "@/lib/agents/notifier/notifications";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** The notifier agent (in-app channel only): wiring only; what it does is lib/agents/notifier. */
export const notifier: WorkerDefinition = {
  name: "notifier",
  description: "Turns agents' alerts into in-app notifications for the shop's managers, once per person, merging repeats",
  async start(ctx) {
    const consumer = await consumeBatches(ctx, { name: NOTIFIER_CONSUMER, topics: [TOPICS.agentAlerts], lingerMs: 0, batch: notifierHandler });
    return { stop: () => consumer.stop() };
  },
};
