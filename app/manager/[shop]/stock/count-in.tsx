"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { receiveDeliveryAction, receiveTransferAction } from "../actions";
import { ClientInput } from "@/components/ui/client-input";

type What = { kind: "delivery"; ingredientId: string } | { kind: "transfer" };

const WORDING = {
  delivery: { counted: "counted", button: "Receive delivery", id: "count" },
  transfer: { counted: "received", button: "Receive transfer", id: "transfer" },
} as const;

/**
 * Counts stock in — an expected delivery from the supplier or a transfer from another shop: what
 * was ordered or sent is filled in; the manager types what arrived (an empty box is refused).
 */
export function CountIn({ shopSlug, proposalId, name, unitLabel, expected, ...what }: { shopSlug: string; proposalId: string; name: string; unitLabel: string; expected: number } & What) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [counted, setCounted] = useState(String(expected));
  const words = WORDING[what.kind];
  const inputId = `${words.id}-${proposalId}`;

  function submit() {
    setError(null);
    startTransition(async () => {
      const number = Number(counted);
      const quantity = counted.trim() !== "" && Number.isInteger(number) ? number : -1;
      const result =
        what.kind === "delivery"
          ? await receiveDeliveryAction(shopSlug, { proposalId, lines: [{ ingredientId: what.ingredientId, quantity }] })
          : await receiveTransferAction(shopSlug, { proposalId, quantity });
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  }

  return (
    <form action={submit} className="mt-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor={inputId} className="block text-xs font-semibold text-espresso/70">
          {name} {words.counted} ({unitLabel})
        </label>
        <ClientInput id={inputId} inputMode="numeric" value={counted} onChange={(e) => setCounted(e.target.value)} className="mt-1 w-32 rounded-lg px-2 py-1.5 ring-1 ring-espresso/20" />
      </div>
      <Button type="submit" disabled={pending}>
        {words.button}
      </Button>
      <div className="basis-full">
        <FormError message={error} />
      </div>
    </form>
  );
}
