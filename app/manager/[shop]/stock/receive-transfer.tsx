"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { receiveTransferAction } from "../actions";

/** Counts a transfer from another shop in: what was sent is filled in; the manager types what arrived. */
export function ReceiveTransfer({ shopSlug, proposalId, name, unitLabel, sent }: { shopSlug: string; proposalId: string; name: string; unitLabel: string; sent: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [counted, setCounted] = useState(String(sent));
  const inputId = `transfer-${proposalId}`;

  function submit() {
    setError(null);
    startTransition(async () => {
      const quantity = Number(counted);
      const result = await receiveTransferAction(shopSlug, { proposalId, quantity: counted.trim() !== "" && Number.isInteger(quantity) ? quantity : -1 });
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  }

  return (
    <form action={submit} className="mt-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor={inputId} className="block text-xs font-semibold text-espresso/70">
          {name} received ({unitLabel})
        </label>
        <input id={inputId} inputMode="numeric" value={counted} onChange={(e) => setCounted(e.target.value)} className="mt-1 w-32 rounded-lg px-2 py-1.5 ring-1 ring-espresso/20" />
      </div>
      <Button type="submit" disabled={pending}>
        Receive transfer
      </Button>
      <div className="basis-full">
        <FormError message={error} />
      </div>
    </form>
  );
}
