"use client";

import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { RatingView } from "@/lib/feedback/ratings";
import { Button } from "@/components/ui/button";
import { sentence } from "@/components/ui/sentence";
import { ClientForm } from "@/components/ui/client-form";
import { useHydrated } from "@/components/ui/use-hydrated";

export type RateOrder = (orderId: string, token: string | null, input: { stars: number; comment: string }) => Promise<ActionResult<RatingView>>;

const COMMENT_MAX = 500;
const STARS = [1, 2, 3, 4, 5] as const;

/**
 * "Rate this order" for a collected order: 1–5 stars and an optional comment, changeable for a
 * day after it was given (then shown read-only). Used on the tracking page and in My orders.
 */
export function RateOrder({ order, initial, rateOrder }: { order: { id: string; trackingToken: string | null }; initial: RatingView | null; rateOrder: RateOrder }) {
  const id = useId();
  const [rating, setRating] = useState(initial);
  const [stars, setStars] = useState<number | null>(initial?.stars ?? null);
  const [comment, setComment] = useState(initial?.comment ?? "");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  if (rating && !rating.editable) {
    return (
      <section aria-labelledby={`${id}-h`} className="rounded-2xl bg-white p-5 ring-1 ring-espresso/10">
        <h2 id={`${id}-h`} className="font-semibold">
          Your rating
        </h2>
        <p className="mt-1 text-sm">
          {rating.stars} of 5 stars{rating.comment ? `: “${rating.comment}”` : ""}
        </p>
      </section>
    );
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (pending) return;
    if (stars === null) {
      setMessage({ error: true, text: "Choose 1 to 5 stars." });
      return;
    }
    startTransition(async () => {
      try {
        const result = await rateOrder(order.id, order.trackingToken, { stars, comment });
        if (result.ok) {
          setRating(result.data);
          setMessage({ error: false, text: `Thanks! You rated this order ${result.data.stars} of 5.` });
        } else setMessage({ error: true, text: sentence(result.error.message) });
      } catch {
        setMessage({ error: true, text: "We could not send your rating. Check your connection and try again." });
      }
    });
  };

  return (
    <section aria-labelledby={`${id}-h`} className="rounded-2xl bg-white p-5 ring-1 ring-espresso/10">
      <h2 id={`${id}-h`} className="font-semibold">
        {rating ? "Your rating" : "Rate this order"}
      </h2>
      <ClientForm onSubmit={submit} className="mt-3 grid gap-3">
        {/* Controlled inputs: a star tapped before hydration would be undone by it, so they wait for it. */}
        <fieldset disabled={!hydrated}>
          <legend className="text-sm text-espresso/75">How was it?</legend>
          <div className="mt-1 flex flex-wrap gap-1">
            {STARS.map((n) => (
              <label key={n} className="flex cursor-pointer items-center gap-1 rounded-lg px-1.5 py-1">
                {/* A native radio, visible: keyboard, focus ring and pointer work as everywhere else (components/ui/choice-row.tsx). */}
                <input type="radio" name={`${id}-stars`} value={n} checked={stars === n} onChange={() => setStars(n)} aria-label={n === 1 ? "1 star" : `${n} stars`} className="size-4 accent-espresso" />
                <span aria-hidden="true" className={stars !== null && n <= stars ? "text-amber-700" : "text-espresso/60"}>
                  ★
                </span>
                <span aria-hidden="true">{n}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="grid gap-1 text-sm">
          <span>Comment (optional)</span>
          <textarea value={comment} disabled={!hydrated} onChange={(e) => setComment(e.target.value)} maxLength={COMMENT_MAX} rows={3} className="rounded-xl border border-espresso/20 px-3 py-2" />
          <span className="text-xs text-espresso/70">
            {comment.length}/{COMMENT_MAX}
          </span>
        </label>
        <div>
          <Button type="submit" aria-disabled={pending || undefined}>
            {pending ? "Sending…" : rating ? "Update rating" : "Send rating"}
          </Button>
        </div>
        {message ? (
          <p role={message.error ? "alert" : "status"} className={`text-sm font-medium ${message.error ? "text-red-800" : "text-green-800"}`}>
            {message.text}
          </p>
        ) : null}
        {rating ? <p className="text-xs text-espresso/70">You can change your rating for 24 hours after you first gave it.</p> : null}
      </ClientForm>
    </section>
  );
}
