import { agentModel } from "@/lib/agents/core/provider";
import { draftDueSpecials } from "@/lib/agents/social/agent";
import { env } from "@/lib/env";
import type { WorkerDefinition } from "./runtime";

/** How often it looks for shops whose local day has begun since their last special. */
const CHECK_MS = 10 * 60_000;

/**
 * The social-media agent: wiring only (lib/agents/social). Drafts each active shop's special once
 * per local day (at start, then when the shop's day begins) as a `social_post` proposal; its
 * approval travels on agents.proposals.v1 to the integrations worker, which publishes it to Mastodon.
 */
export const socialAgent: WorkerDefinition = {
  name: "social-agent",
  description: "Drafts each shop's daily special post (product, real price, its picture) for a manager to approve; approved posts are published to Mastodon by the integrations worker",
  async start(ctx) {
    const model = agentModel(env());
    ctx.log.info({ provider: model?.provider ?? "rules", model: model?.modelId ?? null }, "social agent writing by");
    const deps = { model, appUrl: env().APP_URL };
    const lastRun = new Map<string, string>();
    let running = Promise.resolve();
    const tick = () => {
      running = running.then(async () => {
        const drafted = await draftDueSpecials(ctx.db, deps, lastRun, (shopId, err) => ctx.log.warn({ err, shopId }, "daily special failed")).catch((err: unknown) => {
          ctx.log.warn({ err }, "social agent check failed");
          return 0;
        });
        if (drafted > 0) ctx.log.info({ shops: drafted }, "daily specials drafted");
      });
    };
    tick();
    const timer = setInterval(tick, CHECK_MS);
    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  },
};
