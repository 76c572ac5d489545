import { agentModel } from "@/lib/agents/core/provider";
import { analyseOnItsOwn, FEEDBACK_CONSUMER, feedbackHandler, sweepUntagged, type FeedbackDeps } from "@/lib/agents/feedback/agent";
import { env } from "@/lib/env";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** The feedback analyst: wiring only; what it does is lib/agents/feedback. */
export const feedbackAnalyst: WorkerDefinition = {
  name: "feedback-analyst",
  description: "Tags customers' ratings (sentiment, topics) and alerts the shop's managers on a run of bad ratings about the same thing",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "feedback analyst deciding by");
    const deps: FeedbackDeps = { model };
    // With a model, ratings are analysed after the batch commits, one transaction each (see feedbackHandler).
    let draining = Promise.resolve();
    const defer = (ratingId: string, eventId: string) => {
      draining = draining.then(() => analyseOnItsOwn(ctx.db, deps, ratingId, eventId).then(() => undefined).catch((err: unknown) => ctx.log.warn({ err, ratingId }, "feedback analysis failed")));
    };
    const consumer = await consumeBatches(ctx, { name: FEEDBACK_CONSUMER, topics: [TOPICS.feedbackEvents], lingerMs: 0, batch: feedbackHandler(deps, defer) });
    void sweepUntagged(ctx.db, deps).catch((err: unknown) => ctx.log.warn({ err }, "feedback sweep failed"));
    return {
      stop: async () => {
        await consumer.stop();
        await draining;
      },
    };
  },
};
