import { agentModel } from "@/lib/agents/core/provider";
import { runDueShops } from "@/lib/agents/scheduler/agent";
import { keyedThrottle } from "@/lib/agents/core/throttle";
import { checkOnItsOwn, SCHEDULER_CONSUMER, schedulerHandler } from "@/lib/agents/scheduler/handlers";
import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** How often it looks for shops whose local day has begun since their last forecast. */
const CHECK_MS = 10 * 60_000;
/** An hour running above its forecast is a matter of minutes: checking a shop every 10 s is plenty. */
const HOUR_CHECK_EVERY_MS = 10_000;

/** The scheduler agent: wiring only; the forecast and staffing plan are lib/agents/scheduler. */
export const schedulerAgent: WorkerDefinition = {
  name: "scheduler-agent",
  description: "Forecasts each shop's orders per hour for the next 7 days and the baristas needed per station, daily (and at start); alerts when an hour runs well above its forecast",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "scheduler agent explaining by");
    const deps = { model };
    // Shop → the local date it last ran for: every shop runs at start, then once each local day.
    const lastRun = new Map<string, string>();
    let running = Promise.resolve();
    const tick = () => {
      running = running.then(async () => {
        const ran = await runDueShops(ctx.db, deps, lastRun, (shopId, err) => ctx.log.warn({ err, shopId }, "scheduler run failed")).catch((err: unknown) => {
          ctx.log.warn({ err }, "scheduler check failed");
          return 0;
        });
        if (ran > 0) ctx.log.info({ shops: ran }, "scheduler forecasts made");
      });
    };
    tick();
    const timer = setInterval(tick, CHECK_MS);
    // Orders placed: the hour in progress against its forecast (a second of linger: once per batch,
    // not per order; and a shop at most every HOUR_CHECK_EVERY_MS, its last check after the burst).
    const throttle = keyedThrottle<string>(HOUR_CHECK_EVERY_MS, (shopId, eventId) => {
      running = running.then(() => checkOnItsOwn(ctx.db, shopId, eventId).then(() => undefined, (err: unknown) => ctx.log.warn({ err, shopId }, "hour check failed")));
    });
    const consumer = await consumeBatches(ctx, { name: SCHEDULER_CONSUMER, topics: [TOPICS.orderEvents], lingerMs: 1000, batch: schedulerHandler(undefined, throttle) });
    return {
      stop: async () => {
        clearInterval(timer);
        await consumer.stop();
        throttle.stop();
        await running;
      },
    };
  },
};
