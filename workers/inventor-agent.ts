import { agentModel } from "@/lib/agents/core/provider";
import { INVENTOR_CONSUMER, inventorHandler, requestWeeklyDrinks } from "@/lib/agents/inventor/agent";
import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** How often it looks for shops whose weekly new drink is due (Monday 06:00 local time). */
const CHECK_MS = 60 * 60_000;

/** The beverage inventor: wiring only; what it does is lib/agents/inventor. */
export const inventorAgent: WorkerDefinition = {
  name: "inventor-agent",
  description: "Proposes a seasonal drink made only from what a shop stocks, costed from its pack prices and priced at its margin: on a manager's request and weekly",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "beverage inventor composing by");
    let running = Promise.resolve();
    const tick = () => {
      running = running.then(async () => {
        const asked = await requestWeeklyDrinks(ctx.db).catch((err: unknown) => {
          ctx.log.warn({ err }, "weekly new-drink check failed");
          return 0;
        });
        if (asked > 0) ctx.log.info({ shops: asked }, "weekly new drinks requested");
      });
    };
    tick();
    const timer = setInterval(tick, CHECK_MS);
    const consumer = await consumeBatches(ctx, { name: INVENTOR_CONSUMER, topics: [TOPICS.inventorTasks], lingerMs: 0, batch: inventorHandler({ model }) });
    return {
      stop: async () => {
        clearInterval(timer);
        await consumer.stop();
        await running;
      },
    };
  },
};
