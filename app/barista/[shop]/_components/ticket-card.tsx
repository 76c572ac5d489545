"use client";

import { formatMoney } from "@/lib/ui/money";
import type { Ticket } from "@/lib/queue/tickets";
import { cn } from "@/lib/ui/cn";
import { kdsButton } from "./kds-button";
import { paymentBadge, type PaymentBadge } from "./labels";
import type { StationFilter } from "./queue-state";
import { TicketAge } from "./ticket-age";
import { TicketItems } from "./ticket-items";

const BADGE_TONES: Record<PaymentBadge["tone"], string> = {
  pickup: "bg-amber-200 text-amber-950",
  paid: "bg-sky-100 text-sky-900",
  confirming: "bg-violet-100 text-violet-900",
  alert: "bg-red-700 text-white",
};
import type { Intent } from "./use-ticket-actions";
import { ClientButton } from "@/components/ui/client-button";

export type TicketCardProps = {
  ticket: Ticket;
  station: StationFilter;
  fresh: boolean;
  onAct: (ticket: Ticket, intent: Intent) => void;
  onCancel: (ticket: Ticket) => void;
};

/** One order on the queue screen: who, what, how long, and the next move. */
export function TicketCard({ ticket, station, fresh, onAct, onCancel }: TicketCardProps) {
  const { id, status } = ticket;
  const payment = paymentBadge(ticket);
  return (
    <article
      id={`ticket-${id}`}
      data-ticket-id={id}
      tabIndex={0}
      aria-labelledby={`ticket-${id}-name ticket-${id}-code`}
      className={cn(
        "shrink-0 overflow-hidden rounded-2xl bg-white text-espresso shadow-lg transition-shadow outline-none",
        "focus-visible:ring-[6px] focus-visible:ring-sky-400",
        fresh && "animate-[pulse_1s_ease-in-out_3] ring-[6px] ring-crema",
      )}
    >
      <header className={cn("flex items-start justify-between gap-3 px-4 pt-3 pb-2", status === "READY" ? "bg-emerald-100" : "bg-foam")}>
        <div className="min-w-0">
          <h3 id={`ticket-${id}-name`} className="truncate text-2xl leading-tight font-extrabold">
            {ticket.customerName}
          </h3>
          <p className="mt-1 flex flex-wrap items-center gap-2">
            <span id={`ticket-${id}-code`} className="rounded-md bg-espresso px-2 py-0.5 font-mono text-lg font-bold tracking-[0.15em] text-white">
              {ticket.pickupCode}
            </span>
            <span className={cn("rounded-full px-2.5 py-0.5 text-sm font-bold", BADGE_TONES[payment.tone])}>{payment.label}</span>
            {ticket.pickupLabel ? <span className="rounded-full bg-espresso px-2.5 py-0.5 text-sm font-bold text-white">For {ticket.pickupLabel}</span> : null}
            {ticket.tipCents > 0 ? (
              <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-sm font-bold text-emerald-950">Tip {formatMoney(ticket.tipCents, ticket.currency)}</span>
            ) : null}
            {fresh ? <span className="rounded-full bg-crema px-2.5 py-0.5 text-sm font-black text-espresso uppercase">New</span> : null}
          </p>
        </div>
        <TicketAge ticket={ticket} />
      </header>

      <TicketItems ticket={ticket} station={station} checkable={status === "PREPARING"} onDone={(itemId) => onAct(ticket, { action: "item-done", itemId })} />

      {ticket.notes ? (
        <p className="mx-4 mb-2 rounded-lg bg-amber-100 px-3 py-2 text-base font-semibold text-amber-950">
          <span className="font-black">Note: </span>
          {ticket.notes}
        </p>
      ) : null}

      <footer className="flex flex-wrap items-center gap-2 border-t border-espresso/10 bg-espresso/3 p-3">
        {status === "QUEUED" ? (
          <ClientButton type="button" className={kdsButton("go", "flex-1")} onClick={() => onAct(ticket, { action: "start" })}>
            Start
          </ClientButton>
        ) : null}
        {status === "PREPARING" ? (
          <ClientButton type="button" className={kdsButton("done", "flex-1")} onClick={() => onAct(ticket, { action: "ready" })}>
            Ready
          </ClientButton>
        ) : null}
        {status !== "QUEUED" ? (
          <ClientButton type="button" className={kdsButton("plain", status === "READY" ? "flex-1" : undefined)} onClick={() => onAct(ticket, { action: "recall" })}>
            Recall
          </ClientButton>
        ) : null}
        <ClientButton type="button" className={kdsButton("danger")} onClick={() => onCancel(ticket)}>
          Cancel…
        </ClientButton>
      </footer>
    </article>
  );
}
