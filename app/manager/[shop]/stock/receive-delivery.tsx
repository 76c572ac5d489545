"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { receiveDeliveryAction } from "../actions";

/** Counts one expected delivery into stock: the ordered quantity is filled in; the manager types what arrived. */
export function ReceiveDelivery({ shopSlug, proposalId, ingredientId, name, unitLabel, ordered }: { shopSlug: string; proposalId: string; ingredientId: string; name: string; unitLabel: string; ordered: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [counted, setCounted] = useState(String(ordered));
  const inputId = `count-${proposalId}`;

  function submit() {
    setError(null);
    startTransition(async () => {
      const quantity = Number(counted);
      const result = await receiveDeliveryAction(shopSlug, { proposalId, lines: [{ ingredientId, quantity: Number.isInteger(quantity) ? quantity : -1 }] });
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  }

  return (
    <form action={submit} className="mt-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor={inputId} className="block text-xs font-semibold text-espresso/70">
          {name} counted ({unitLabel})
        </label>
        <input id={inputId} inputMode="numeric" value={counted} onChange={(e) => setCounted(e.target.value)} className="mt-1 w-32 rounded-lg px-2 py-1.5 ring-1 ring-espresso/20" />
      </div>
      <Button type="submit" disabled={pending}>
        Receive delivery
      </Button>
      <div className="basis-full">
        <FormError message={error} />
      </div>
    </form>
  );
}
