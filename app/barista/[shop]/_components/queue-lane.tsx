import type { ReactNode } from "react";
import type { Ticket } from "@/lib/queue/tickets";
import { cn } from "@/lib/ui/cn";
import type { Lane } from "./queue-state";
import { TicketCard, type TicketCardProps } from "./ticket-card";

const ACCENTS: Record<Lane, string> = { QUEUED: "bg-foam text-espresso", PREPARING: "bg-amber-300 text-black", READY: "bg-emerald-500 text-black" };
const EMPTY: Record<Lane, string> = { QUEUED: "No orders waiting.", PREPARING: "Nothing in the making.", READY: "Nothing waiting for pickup." };

type Props = Omit<TicketCardProps, "ticket" | "fresh"> & { lane: Lane; title: string; tickets: Ticket[]; fresh: ReadonlySet<string>; children?: ReactNode };

/** A column of the queue: its heading with a count, then the tickets oldest first. */
export function QueueLane({ lane, title, tickets, fresh, children, ...card }: Props) {
  const headingId = `lane-${lane.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col rounded-2xl bg-black/25 md:min-h-0">
      <div className="flex items-center justify-between gap-3 px-4 py-3">
        <h2 id={headingId} className="text-2xl font-black tracking-tight text-foam uppercase">
          {title}
        </h2>
        <span className={cn("grid min-w-10 place-items-center rounded-full px-2.5 py-0.5 text-xl font-black tabular-nums", ACCENTS[lane])}>
          <span className="sr-only">{tickets.length === 1 ? "1 order" : `${tickets.length} orders`}</span>
          <span aria-hidden>{tickets.length}</span>
        </span>
      </div>
      <div className="flex flex-1 flex-col gap-3 px-3 pb-3 md:min-h-0 md:overflow-y-auto">
        {children}
        {tickets.map((ticket) => (
          <TicketCard key={ticket.id} ticket={ticket} fresh={fresh.has(ticket.id)} {...card} />
        ))}
        {tickets.length === 0 ? <p className="px-1 py-6 text-center text-lg font-medium text-foam/50">{EMPTY[lane]}</p> : null}
      </div>
    </section>
  );
}
