"use client";

import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { sentence } from "@/components/ui/sentence";
import type { Ticket } from "@/lib/queue/tickets";
import { kdsButton } from "./kds-button";
import { ClientForm } from "@/components/ui/client-form";
import { ClientInput } from "@/components/ui/client-input";

const QUICK_REASONS = ["Out of stock", "Customer asked to cancel", "Duplicate order", "Not collected"];

/** "Cancel…": asks why (the customer sees the reason on their order page), then cancels. */
export function CancelDialog({ ticket, onClose, onConfirm }: { ticket: Ticket | null; onClose: () => void; onConfirm: (ticket: Ticket, reason: string) => Promise<string | null> }) {
  return (
    <Dialog open={ticket !== null} onClose={onClose} labelledBy="cancel-title" describedBy="cancel-help" variant="alert" className="max-w-md">
      {ticket ? <CancelForm key={ticket.id} ticket={ticket} onClose={onClose} onConfirm={onConfirm} /> : null}
    </Dialog>
  );
}

function CancelForm({ ticket, onClose, onConfirm }: { ticket: Ticket; onClose: () => void; onConfirm: (ticket: Ticket, reason: string) => Promise<string | null> }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < 3) return setError("Say why, in a few words.");
    setPending(true);
    const problem = await onConfirm(ticket, reason.trim());
    setPending(false);
    if (problem) setError(sentence(problem.replace(/^reason: /, "")));
    else onClose();
  }

  return (
    <ClientForm onSubmit={submit} className="grid gap-4 p-6" noValidate>
      <div>
        <h2 id="cancel-title" className="text-2xl font-extrabold">
          Cancel {ticket.customerName}’s order?
        </h2>
        <p id="cancel-help" className="mt-1 text-base text-espresso/70">
          Code <span className="font-mono font-bold">{ticket.pickupCode}</span>. The customer sees the reason on their order page.
        </p>
      </div>
      <div className="grid gap-2">
        <label htmlFor="cancel-reason" className="text-base font-bold">
          Reason
        </label>
        <ClientInput
          id="cancel-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={140}
          autoFocus
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "cancel-error" : undefined}
          className="h-12 rounded-xl bg-white px-3 text-lg ring-2 ring-espresso/25 outline-none focus:ring-sky-500"
        />
        <div className="flex flex-wrap gap-2">
          {QUICK_REASONS.map((quick) => (
            <button key={quick} type="button" onClick={() => setReason(quick)} className="rounded-full bg-espresso/8 px-3 py-1.5 text-sm font-semibold hover:bg-espresso/15 focus-visible:outline-2 focus-visible:outline-sky-500">
              {quick}
            </button>
          ))}
        </div>
        {error ? (
          <p id="cancel-error" role="alert" className="text-base font-semibold text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={kdsButton("plain")} onClick={onClose}>
          Keep order
        </button>
        <button type="submit" className={kdsButton("destroy")} disabled={pending}>
          {pending ? "Cancelling…" : "Cancel order"}
        </button>
      </div>
    </ClientForm>
  );
}
