"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { suggestDrinkAction } from "../actions";

/** Asks the beverage inventor for a new drink; the proposal arrives through the worker, so the page refreshes for a little while. */
export function SuggestDrinkButton({ shopSlug }: { shopSlug: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);

  useEffect(() => {
    if (!asked) return;
    const timer = setInterval(() => router.refresh(), 2_000);
    const stop = setTimeout(() => setAsked(false), 30_000);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [asked, router]);

  return (
    <div className="mt-3">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() => {
          setError(null);
          startTransition(async () => {
            const result = await suggestDrinkAction(shopSlug);
            if (!result.ok) return setError(result.error.message);
            setAsked(true);
            router.refresh();
          });
        }}
      >
        Suggest a new drink
      </Button>
      {asked ? (
        <p role="status" className="mt-2 text-sm text-espresso/70">
          Asked the beverage inventor: its proposal appears under “Waiting for you” in a moment.
        </p>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
