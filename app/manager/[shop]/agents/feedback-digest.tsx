import type { ShopDigest } from "@/lib/agents/feedback/agent";
import { topicLabel } from "@/lib/agents/feedback/signals";

/** The feedback analyst's weekly digest: ratings of the last 7 days, sentiment shares, the top topics with example comments. */
export function FeedbackDigest({ digest }: { digest: ShopDigest }) {
  return (
    <section aria-labelledby="feedback-heading" className="mt-8">
      <h2 id="feedback-heading" className="text-xl font-bold">
        Customer feedback (last 7 days)
      </h2>
      {digest.ratings === 0 ? (
        <p className="mt-2 text-sm text-espresso/60">No ratings this week.</p>
      ) : (
        <>
          <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-espresso/70">Ratings</dt>
              <dd className="text-lg font-semibold">{digest.ratings}</dd>
            </div>
            <div>
              <dt className="text-espresso/70">Average</dt>
              <dd className="text-lg font-semibold">{digest.average?.toFixed(1)} of 5</dd>
            </div>
            <div>
              <dt className="text-espresso/70">Sentiment ({digest.tagged} tagged)</dt>
              <dd className="font-semibold">
                {digest.sentiment.positive} % positive · {digest.sentiment.neutral} % neutral · {digest.sentiment.negative} % negative
              </dd>
            </div>
          </dl>
          <h3 className="mt-4 font-semibold">Top topics</h3>
          {digest.topics.length === 0 ? (
            <p className="mt-1 text-sm text-espresso/60">No topic mentioned yet.</p>
          ) : (
            <ul aria-label="Top topics" className="mt-2 grid gap-2 text-sm">
              {digest.topics.map((t) => (
                <li key={t.topic} className="rounded-xl bg-white px-3.5 py-2.5 ring-1 ring-espresso/10">
                  <span className="font-semibold capitalize">{topicLabel(t.topic)}</span>: {t.count} {t.count === 1 ? "rating" : "ratings"}, {t.negative} negative
                  {t.examples.length > 0 ? (
                    <ul className="mt-1 text-espresso/75">
                      {t.examples.map((c, i) => (
                        <li key={i}>“{c}”</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 font-semibold">Latest comments</h3>
          <ul aria-label="Latest comments" className="mt-2 grid gap-1 text-sm">
            {digest.latest.map((r, i) => (
              <li key={i}>
                {r.stars}★ “{r.comment}” <span className="text-espresso/70">· {r.sentiment ? `${r.sentiment}${r.topics.length > 0 ? `: ${r.topics.map(topicLabel).join(", ")}` : ""}` : "not tagged yet"}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-espresso/70">Tagged by the feedback analyst; “rules” in the runs below means no language model was used.</p>
        </>
      )}
    </section>
  );
}
