"use client";

import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { OrderView } from "@/lib/orders/view";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { sentence } from "@/components/ui/sentence";

export type CancelOrder = (orderId: string, trackingToken: string | null) => Promise<ActionResult<OrderView>>;

/** "Cancel order", confirmed first; a refusal (the barista already started) is shown as a sentence. */
export function CancelOrderButton({ order, cancelOrder, onCancelled }: { order: { id: string; trackingToken: string | null }; cancelOrder: CancelOrder; onCancelled: (view: OrderView) => void }) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const cancel = () =>
    startTransition(async () => {
      try {
        const result = await cancelOrder(order.id, order.trackingToken);
        if (result.ok) onCancelled(result.data);
        else setError(sentence(result.error.message));
      } catch {
        setError("We could not reach the shop. Check your connection and try again.");
      }
      setConfirming(false);
    });

  return (
    <div className="flex flex-col items-center gap-3">
      <Button
        variant="danger"
        onClick={() => {
          setError(null);
          setConfirming(true);
        }}
      >
        Cancel order
      </Button>
      {error ? (
        <p role="alert" className="max-w-md text-center text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
      <Dialog open={confirming} onClose={() => !pending && setConfirming(false)} labelledBy={`${id}-title`} describedBy={`${id}-text`} variant="alert" role="alertdialog">
        <div className="p-6">
          <h2 id={`${id}-title`} className="text-lg font-bold">
            Cancel this order?
          </h2>
          <p id={`${id}-text`} className="mt-2 text-sm text-espresso/70">
            The shop will not make it, and your pickup code stops working.
          </p>
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending} autoFocus>
              Keep order
            </Button>
            <Button variant="primary" className="bg-red-700 hover:bg-red-800" onClick={cancel} aria-disabled={pending || undefined}>
              {pending ? "Cancelling…" : "Yes, cancel"}
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
