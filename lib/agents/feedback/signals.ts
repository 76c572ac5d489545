import type { WantedAlert } from "../core/alerts";
import { FEEDBACK_TOPICS, type FeedbackTopic, type Sentiment } from "./tagging";

/** A rating as the digest and the run detection read it (tags null until the analyst ran). */
export type TaggedRating = { stars: number; comment: string | null; sentiment: Sentiment | null; topics: FeedbackTopic[]; at: Date };

export const RUN_LENGTH = 5;
export const RUN_BAD = 3;
export const RUN_WINDOW_MS = 7 * 86_400_000;
export const isBad = (r: { stars: number }) => r.stars <= 2;

const TOPIC_LABELS: Record<FeedbackTopic, string> = { taste: "taste", temperature: "temperature", wait: "waiting", staff: "staff", price: "price", cleanliness: "cleanliness" };
export const topicLabel = (t: FeedbackTopic) => TOPIC_LABELS[t];

/**
 * A run of bad ratings about the same thing: among a shop's last RUN_LENGTH ratings within the
 * window (newest first in `recent`), RUN_BAD or more are bad (1–2 stars) and share a topic. One
 * alert per topic (subject "bad-run:<topic>"); it resolves once the run is over.
 */
export function badRuns(recent: readonly TaggedRating[], now: Date): WantedAlert[] {
  const last = [...recent]
    .filter((r) => now.getTime() - r.at.getTime() <= RUN_WINDOW_MS)
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, RUN_LENGTH);
  const alerts: WantedAlert[] = [];
  for (const topic of FEEDBACK_TOPICS) {
    const bad = last.filter((r) => isBad(r) && r.topics.includes(topic));
    if (bad.length < RUN_BAD) continue;
    const example = bad.find((r) => r.comment)?.comment;
    alerts.push({
      subject: `bad-run:${topic}`,
      severity: "warning",
      message: `${bad.length} of the last ${last.length} ratings are bad about ${topicLabel(topic)}${example ? `: “${example.slice(0, 120)}”` : ""}`,
    });
  }
  return alerts;
}

export type Digest = {
  ratings: number;
  /** Mean stars, one decimal; null without ratings. */
  average: number | null;
  /** Share of tagged ratings per sentiment, whole percent. */
  sentiment: Record<Sentiment, number>;
  tagged: number;
  topics: { topic: FeedbackTopic; count: number; negative: number; examples: string[] }[];
  /** The newest comments with their tags (untagged ones too: the analyst may not have run yet). */
  latest: TaggedRating[];
};

/** One shop's week of ratings in numbers: count, average, sentiment shares, the top topics with example comments (newest first). */
export function buildDigest(ratings: readonly TaggedRating[], topN = 3): Digest {
  const tagged = ratings.filter((r) => r.sentiment !== null);
  const share = (s: Sentiment) => (tagged.length === 0 ? 0 : Math.round((100 * tagged.filter((r) => r.sentiment === s).length) / tagged.length));
  const newest = [...tagged].sort((a, b) => b.at.getTime() - a.at.getTime());
  const topics = FEEDBACK_TOPICS.map((topic) => {
    const about = newest.filter((r) => r.topics.includes(topic));
    return { topic, count: about.length, negative: about.filter((r) => r.sentiment === "negative").length, examples: about.flatMap((r) => (r.comment ? [r.comment] : [])).slice(0, 2) };
  })
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || b.negative - a.negative)
    .slice(0, topN);
  return {
    ratings: ratings.length,
    average: ratings.length === 0 ? null : Math.round((10 * ratings.reduce((a, r) => a + r.stars, 0)) / ratings.length) / 10,
    sentiment: { positive: share("positive"), neutral: share("neutral"), negative: share("negative") },
    tagged: tagged.length,
    topics,
    latest: [...ratings].filter((r) => r.comment).sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 5),
  };
}
