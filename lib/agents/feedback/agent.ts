import type { Db, Prisma } from "@/lib/db";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { syncAlerts } from "../core/alerts";
import type { AgentModel } from "../core/provider";
import { recordRun } from "../core/runs";
import { PROMPT_VERSION, tagRating } from "./analyse";
import { badRuns, buildDigest, RUN_LENGTH, RUN_WINDOW_MS, type Digest, type TaggedRating } from "./signals";
import type { FeedbackTopic, Sentiment } from "./tagging";

type Tx = Prisma.TransactionClient;

export const FEEDBACK_AGENT = "feedback";
export const FEEDBACK_CONSUMER = "agents-feedback";

export type FeedbackDeps = { model: AgentModel; now?: () => Date };

type RatingRow = { stars: number; comment: string | null; sentiment: string | null; topics: string[]; createdAt: Date };
const tagged = (r: RatingRow): TaggedRating => ({ stars: r.stars, comment: r.comment, sentiment: r.sentiment as Sentiment | null, topics: r.topics as FeedbackTopic[], at: r.createdAt });

/**
 * Tags one rating's current revision (sentiment, topics; by the model or the rules), records the
 * run, then brings the shop's bad-run alerts in line (raised once, resolved when the run is over).
 * A revision already tagged is skipped: redelivered events and the sweep change nothing twice.
 */
export async function analyseRating(tx: Tx, deps: FeedbackDeps, ratingId: string, triggerEventId: string | null): Promise<{ runId: string } | null> {
  const now = deps.now?.() ?? new Date();
  const started = performance.now();
  const rating = await tx.orderRating.findUnique({ where: { id: ratingId } });
  if (!rating) return null;
  // One shop's ratings are analysed one at a time (ratings are keyed by order: several partitions).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.feedback'), hashtext(${rating.shopId}))`;
  const fresh = await tx.orderRating.findUniqueOrThrow({ where: { id: ratingId } });
  if (fresh.taggedRevision === fresh.revision) return null;

  const { decision, tags } = await tagRating(deps.model, fresh);
  const runId = await recordRun(
    tx,
    {
      agent: FEEDBACK_AGENT,
      shopId: fresh.shopId,
      triggerEventId,
      inputsSummary: `${fresh.stars}-star rating, revision ${fresh.revision}, ${fresh.comment ? `comment of ${fresh.comment.length} characters` : "no comment"} → ${tags.sentiment}${tags.topics.length > 0 ? `: ${tags.topics.join(", ")}` : ""}`,
      promptVersion: PROMPT_VERSION,
      latencyMs: Math.round(performance.now() - started),
    },
    decision,
    tags,
  );
  await tx.orderRating.update({ where: { id: fresh.id }, data: { sentiment: tags.sentiment, topics: tags.topics, taggedBy: decision.outcome === "OK" ? decision.provider : "rules", taggedRevision: fresh.revision } });

  const recent = await tx.orderRating.findMany({ where: { shopId: fresh.shopId, createdAt: { gte: new Date(now.getTime() - RUN_WINDOW_MS) }, taggedRevision: { not: null } }, orderBy: { createdAt: "desc" }, take: RUN_LENGTH });
  await syncAlerts(tx, FEEDBACK_AGENT, fresh.shopId, badRuns(recent.map(tagged), now), runId, now);
  return { runId };
}

/**
 * The consumer's batch handler: each rating event is analysed in the batch's transaction (exactly
 * once). With a model configured, `defer` takes the rating instead: a model call does not fit in
 * the consumer's short transaction (the worker analyses it in one of its own; analysis is idempotent).
 */
export function feedbackHandler(deps: FeedbackDeps, defer?: (ratingId: string, eventId: string) => void): BatchHandler {
  return {
    types: ["feedback.rating_submitted"],
    async handle(events, { tx }) {
      for (const e of events) {
        if (e.type !== "feedback.rating_submitted") continue;
        if (deps.model && defer) defer(e.payload.ratingId, e.id);
        else await analyseRating(tx, deps, e.payload.ratingId, e.id);
      }
    },
  };
}

/** One rating's analysis in a transaction of its own, long enough for two model calls. */
export function analyseOnItsOwn(db: Db, deps: FeedbackDeps, ratingId: string, eventId: string | null) {
  return db.$transaction((tx) => analyseRating(tx, deps, ratingId, eventId), { timeout: 2 * (deps.model?.timeoutMs ?? 0) + 30_000 });
}

/** Ratings whose current revision is not tagged yet (a deferred analysis lost in a crash): analysed at start-up. */
export async function sweepUntagged(db: Db, deps: FeedbackDeps, limit = 200): Promise<number> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM order_ratings WHERE tagged_revision IS DISTINCT FROM revision ORDER BY created_at LIMIT ${limit}`;
  for (const r of rows) await analyseOnItsOwn(db, deps, r.id, null);
  return rows.length;
}

export type ShopDigest = Digest & { since: Date; until: Date };

/** The shop's digest of the last 7 days (what managers see on the Agents screen). */
export async function weeklyDigest(db: Db, shopId: string, now = new Date()): Promise<ShopDigest> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await db.orderRating.findMany({ where: { shopId, createdAt: { gte: since, lte: now } }, select: { stars: true, comment: true, sentiment: true, topics: true, createdAt: true } });
  return { ...buildDigest(rows.map(tagged)), since, until: now };
}
