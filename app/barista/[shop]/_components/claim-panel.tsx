"use client";

import { formatMoney } from "@/lib/ui/money";
import { useState, type FormEvent, type RefObject } from "react";
import type { Ticket } from "@/lib/queue/tickets";
import { confirmPickup, findPickup } from "../actions";
import { kdsButton } from "./kds-button";
import { QrScanDialog, useCanScan } from "./qr-scan-dialog";
import { ClientButton } from "@/components/ui/client-button";
import { ClientForm } from "@/components/ui/client-form";
import { ClientInput } from "@/components/ui/client-input";

type State = { step: "idle" } | { step: "found"; ticket: Ticket; code: string } | { step: "collected"; ticket: Ticket } | { step: "error"; message: string };

const OFFLINE = "That did not reach the server. Check the connection and try again.";

/** At the counter: the customer's pickup code (typed or scanned) → their order → "Hand over". */
export function ClaimPanel({ shopSlug, inputRef, movesSettled, onCollected }: { shopSlug: string; inputRef: RefObject<HTMLInputElement | null>; movesSettled: () => Promise<unknown>; onCollected: (ticket: Ticket) => void }) {
  const [code, setCode] = useState("");
  const [state, setState] = useState<State>({ step: "idle" });
  const [pending, setPending] = useState(false);
  const [scanning, setScanning] = useState(false);
  const canScan = useCanScan();

  async function find(typed: string) {
    if (!typed.trim()) return setState({ step: "error", message: "Type the code the customer shows you." });
    setPending(true);
    // The screen moves tickets before the server answers: a ticket just moved to Ready (its move still
    // waiting behind a slow Start) is not ready on the server yet, and the code would be "not found".
    await movesSettled();
    const result = await findPickup(shopSlug, typed).catch(() => null);
    setPending(false);
    if (!result) setState({ step: "error", message: OFFLINE });
    else setState(result.ok ? { step: "found", ticket: result.data, code: typed } : { step: "error", message: result.error.message });
  }

  async function handOver(ticket: Ticket, foundWith: string) {
    setPending(true);
    const result = await confirmPickup(shopSlug, ticket.id, foundWith).catch(() => null);
    setPending(false);
    if (!result) return setState({ step: "error", message: OFFLINE });
    if (!result.ok) return setState({ step: "error", message: result.error.message });
    onCollected(result.data);
    setCode("");
    setState({ step: "collected", ticket: result.data });
    inputRef.current?.focus();
  }

  return (
    <section aria-labelledby="claim-title" className="rounded-2xl bg-foam p-3 text-espresso shadow-lg">
      <h3 id="claim-title" className="sr-only">
        Hand over at the counter
      </h3>
      <ClientForm
        className="flex items-end gap-2"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void find(code);
        }}
      >
        <div className="grid min-w-0 flex-1 gap-1">
          <label htmlFor="pickup-code" className="text-sm font-bold tracking-wide uppercase">
            Pickup code
          </label>
          <ClientInput
            ref={inputRef}
            id="pickup-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && e.currentTarget.blur()}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            className="h-12 w-full min-w-0 rounded-xl bg-white px-3 font-mono text-2xl font-bold tracking-[0.2em] uppercase ring-2 ring-espresso/25 outline-none placeholder:text-espresso/25 focus:ring-sky-500"
            placeholder="K7P2Q"
          />
        </div>
        <ClientButton type="submit" className={kdsButton("go")} disabled={pending}>
          Find
        </ClientButton>
        {canScan ? (
          <ClientButton type="button" className={kdsButton("plain")} onClick={() => setScanning(true)}>
            Scan QR
          </ClientButton>
        ) : null}
      </ClientForm>

      <div aria-live="polite">
        {state.step === "error" ? (
          <p role="alert" className="mt-2 rounded-lg bg-red-100 px-3 py-2 text-base font-semibold text-red-900">
            {state.message}
          </p>
        ) : null}
        {state.step === "collected" ? (
          <p className="mt-2 rounded-lg bg-emerald-100 px-3 py-2 text-lg font-bold text-emerald-950">
            Collected: {state.ticket.customerName} <span className="font-mono">({state.ticket.pickupCode})</span>
          </p>
        ) : null}
        {state.step === "found" ? <FoundOrder ticket={state.ticket} pending={pending} onHandOver={(ticket) => handOver(ticket, state.code)} onDismiss={() => setState({ step: "idle" })} /> : null}
      </div>

      <QrScanDialog
        open={scanning}
        shopSlug={shopSlug}
        onClose={() => setScanning(false)}
        onCode={(scanned) => {
          setScanning(false);
          setCode(scanned);
          void find(scanned);
        }}
      />
    </section>
  );
}

function FoundOrder({ ticket, pending, onHandOver, onDismiss }: { ticket: Ticket; pending: boolean; onHandOver: (ticket: Ticket) => void; onDismiss: () => void }) {
  return (
    <div role="group" aria-labelledby="found-name" className="mt-3 rounded-xl bg-white p-3 ring-2 ring-emerald-600">
      <p className="flex items-baseline justify-between gap-2">
        <span id="found-name" className="text-xl font-extrabold">
          {ticket.customerName}
        </span>
        <span className="font-mono text-lg font-bold tracking-[0.15em]">{ticket.pickupCode}</span>
      </p>
      <ul className="mt-1 text-lg">
        {ticket.items.map((item) => (
          <li key={item.id}>
            <span className="font-black">{item.quantity}×</span> {item.productName}
            {item.options.length > 0 ? <span className="font-bold"> · {item.options.join(" · ")}</span> : null}
          </li>
        ))}
      </ul>
      {ticket.paymentMethod === "PAY_AT_PICKUP" ? (
        <p className="mt-1 text-base font-bold text-amber-900">
          Take {formatMoney(ticket.totalCents, ticket.currency)}
          {ticket.tipCents > 0 ? ` (incl. ${formatMoney(ticket.tipCents, ticket.currency)} tip)` : ""} before handing over.
        </p>
      ) : ticket.tipCents > 0 ? (
        <p className="mt-1 text-base font-bold text-emerald-900">Paid, with a {formatMoney(ticket.tipCents, ticket.currency)} tip.</p>
      ) : null}
      <div className="mt-3 flex gap-2">
        <ClientButton type="button" className={kdsButton("done", "flex-1")} disabled={pending} onClick={() => onHandOver(ticket)}>
          Hand over
        </ClientButton>
        <ClientButton type="button" className={kdsButton("plain")} onClick={onDismiss}>
          Not now
        </ClientButton>
      </div>
    </div>
  );
}
