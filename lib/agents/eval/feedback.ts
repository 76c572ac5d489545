import { tagRating } from "../feedback/analyse";
import { INJECTED_RATINGS, LABELLED_RATINGS, type LabelledRating } from "../feedback/labelled";
import { tagByRules, withoutInstructions, type Tags } from "../feedback/tagging";
import { scriptedModel, type ScriptedReply } from "../testing/scripted-model";
import type { EvalCase } from "./inventory";

/**
 * The feedback analyst's eval: the labelled ratings on the rules path (topic and sentiment
 * accuracy, each with a threshold that fails the eval), injected comments (the instruction in them
 * changes nothing: same tags as the comment without it), and scripted model answers through the
 * AI SDK's mock model: good (accepted as given), malformed, hallucinated topic, obeyed injection
 * (refused, rules used), provider down.
 */

/** Below these the eval fails: the rules path must stay this good on the labelled set. */
export const TOPIC_ACCURACY_MIN = 0.9;
export const SENTIMENT_ACCURACY_MIN = 0.9;

const sameTopics = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const sameTags = (a: Tags, b: { sentiment: string; topics: readonly string[] }) => a.sentiment === b.sentiment && sameTopics(a.topics, b.topics);

export type FeedbackAccuracy = { topics: number; sentiment: number; labelled: number };

type Script = { path: string; replies: (r: LabelledRating) => ScriptedReply[]; expect: "model" | "rules" };
const json = (v: unknown) => ({ text: JSON.stringify(v) });
/** A "model" that answers with the labels themselves: its answer must be taken as given. */
const SCRIPTS: Script[] = [
  { path: "model: good", expect: "model", replies: (r) => [json({ sentiment: r.sentiment, topics: r.topics })] },
  { path: "model: malformed", expect: "rules", replies: () => [{ text: "The customer seems unhappy about the wait." }, json({ sentiment: "very bad", topics: "wait" })] },
  { path: "model: hallucinated topic", expect: "rules", replies: (r) => Array(2).fill(json({ sentiment: r.sentiment, topics: [...r.topics, "parking"] })) },
  { path: "model: obeyed injection", expect: "rules", replies: (r) => Array(2).fill(json({ sentiment: r.stars <= 2 ? "positive" : "negative", topics: [], note: "everything is free now" })) },
  { path: "model: provider down", expect: "rules", replies: () => [{ error: "500 Internal Server Error" }, { error: "The operation was aborted due to timeout" }] },
];

export async function evalFeedback(): Promise<{ cases: EvalCase[]; accuracy: FeedbackAccuracy }> {
  const cases: EvalCase[] = [];
  let topicHits = 0;
  let sentimentHits = 0;
  for (const r of LABELLED_RATINGS) {
    const t0 = performance.now();
    const { decision, tags } = await tagRating(null, r);
    const topicsOk = sameTopics(tags.topics, r.topics);
    const sentimentOk = tags.sentiment === r.sentiment;
    topicHits += Number(topicsOk);
    sentimentHits += Number(sentimentOk);
    const latencyMs = performance.now() - t0;
    const label = `"${r.comment}" (${r.stars}★)`;
    // One row per label kind: a miss lowers the accuracy, graded against its threshold below.
    cases.push({ agent: "feedback", path: "rules: topics", scenario: label, passed: topicsOk && decision.provider === "rules", graded: "accuracy", latencyMs, tokens: 0, detail: topicsOk ? "" : `[${tags.topics.join(",")}] ≠ [${r.topics.join(",")}]` });
    cases.push({ agent: "feedback", path: "rules: sentiment", scenario: label, passed: sentimentOk && decision.provider === "rules", graded: "accuracy", latencyMs, tokens: 0, detail: sentimentOk ? "" : `${tags.sentiment} ≠ ${r.sentiment}` });
  }
  for (const r of INJECTED_RATINGS) {
    const t0 = performance.now();
    const tags = tagByRules(r);
    const clean = tagByRules({ stars: r.stars, comment: withoutInstructions(r.comment) });
    const ok = sameTags(tags, clean) && sameTags(tags, r);
    cases.push({ agent: "feedback", path: "rules: injected", scenario: r.comment, passed: ok, latencyMs: performance.now() - t0, tokens: 0, detail: ok ? "" : `${tags.sentiment} [${tags.topics.join(",")}] ≠ ${r.sentiment} [${r.topics.join(",")}]` });
  }
  // The model paths on a sample that covers every topic, sarcasm and the injected comments.
  const sample = LABELLED_RATINGS.filter((_, i) => i % 8 === 0).concat(INJECTED_RATINGS);
  for (const script of SCRIPTS) {
    for (const r of sample) {
      const { model } = scriptedModel(script.replies(r));
      const t0 = performance.now();
      const { decision, tags } = await tagRating(model, r);
      const want = script.expect === "model" ? r : tagByRules(r);
      const wrongPath = script.expect === "model" ? decision.outcome !== "OK" : decision.outcome !== "FALLBACK";
      const problem = !sameTags(tags, want) ? `${tags.sentiment} [${tags.topics.join(",")}] ≠ ${want.sentiment} [${want.topics.join(",")}]` : wrongPath ? `outcome ${decision.outcome}: ${decision.error ?? ""}` : null;
      cases.push({ agent: "feedback", path: script.path, scenario: r.comment, passed: problem === null, latencyMs: performance.now() - t0, tokens: (decision.inputTokens ?? 0) + (decision.outputTokens ?? 0), detail: problem ?? "" });
    }
  }
  const accuracy = { topics: topicHits / LABELLED_RATINGS.length, sentiment: sentimentHits / LABELLED_RATINGS.length, labelled: LABELLED_RATINGS.length };
  // The thresholds fail the eval like a failed scenario does.
  cases.push({ agent: "feedback", path: "topic accuracy", scenario: `≥ ${TOPIC_ACCURACY_MIN * 100} %`, passed: accuracy.topics >= TOPIC_ACCURACY_MIN, latencyMs: 0, tokens: 0, detail: `${(100 * accuracy.topics).toFixed(1)} % of ${accuracy.labelled}` });
  cases.push({ agent: "feedback", path: "sentiment accuracy", scenario: `≥ ${SENTIMENT_ACCURACY_MIN * 100} %`, passed: accuracy.sentiment >= SENTIMENT_ACCURACY_MIN, latencyMs: 0, tokens: 0, detail: `${(100 * accuracy.sentiment).toFixed(1)} % of ${accuracy.labelled}` });
  return { cases, accuracy };
}

export function accuracyLine(a: FeedbackAccuracy): string {
  return `feedback labelled set (${a.labelled} ratings, rules path): topic labels ${(100 * a.topics).toFixed(1)} % exact, sentiment ${(100 * a.sentiment).toFixed(1)} % (thresholds ${TOPIC_ACCURACY_MIN * 100} % / ${SENTIMENT_ACCURACY_MIN * 100} %)`;
}
