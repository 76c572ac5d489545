"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { closeTastingAction, scoreTastingAction } from "../actions";
import { ClientForm } from "@/components/ui/client-form";

/** One person's score of an open tasting (1–5 and a note), and, for managers, "Close tasting". */
export function TastingForm({ shopSlug, tastingId, name, mine, canClose }: { shopSlug: string; tastingId: string; name: string; mine: { score: number; note: string } | null; canClose: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [score, setScore] = useState<number | null>(mine?.score ?? null);
  const [note, setNote] = useState(mine?.note ?? "");

  const run = (fn: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setError(null);
    startTransition(async () => {
      const result = await fn();
      if (!result.ok) return setError(result.error?.message ?? "Something went wrong");
      router.refresh();
    });
  };

  return (
    <ClientForm
      className="mt-3 grid gap-2"
      aria-label={`Score ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (score === null) return setError("Choose a score from 1 to 5");
        run(() => scoreTastingAction(shopSlug, { tastingId, score, note }));
      }}
    >
      <fieldset>
        <legend className="text-sm font-semibold">Your score</legend>
        <div className="mt-1 flex gap-3">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="flex items-center gap-1 text-sm">
              <input type="radio" name={`score-${tastingId}`} value={n} checked={score === n} onChange={() => setScore(n)} />
              {n}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="grid gap-1 text-sm">
        <span className="font-semibold">Note</span>
        <textarea className="rounded-lg p-2 ring-1 ring-espresso/20" maxLength={280} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      </label>
      <div className="flex gap-2">
        <Button size="sm" type="submit" disabled={pending}>
          {mine ? "Change my score" : "Save my score"}
        </Button>
        {canClose ? (
          <Button size="sm" type="button" variant="secondary" disabled={pending} onClick={() => run(() => closeTastingAction(shopSlug, { tastingId }))}>
            Close tasting
          </Button>
        ) : null}
      </div>
      <FormError message={error} />
    </ClientForm>
  );
}
