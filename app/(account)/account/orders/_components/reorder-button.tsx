"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { reorderAction, type ReorderState } from "../actions";

/** "Order again" for one past order; says why when it cannot (sold out, shop closed…). */
export function ReorderButton({ orderId, idempotencyKey, label }: { orderId: string; idempotencyKey: string; label: string }) {
  const [state, formAction, pending] = useActionState<ReorderState, FormData>(reorderAction, null);
  return (
    <form action={formAction} className="grid justify-items-end gap-2">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending} aria-label={label}>
        {pending ? "Ordering…" : "Order again"}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
