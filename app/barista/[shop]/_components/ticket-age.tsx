"use client";

import { useNow } from "@/components/live/use-now";
import type { Ticket } from "@/lib/queue/tickets";
import { cn } from "@/lib/ui/cn";
import { ageLevel, formatAge } from "./labels";

const LEVELS = { ok: "bg-espresso/8 text-espresso", warn: "bg-amber-400 text-black", late: "bg-red-700 text-white" } as const;

/** How long the ticket has waited since it was queued (mm:ss, every second), amber then red as it gets old. */
export function TicketAge({ ticket }: { ticket: Ticket }) {
  const now = useNow(1_000);
  const ms = now === null ? null : now - Date.parse(ticket.queuedAt ?? ticket.placedAt);
  const ready = ticket.status === "READY";
  const level = ms === null || ready ? "ok" : ageLevel(ms);
  return (
    <p className={cn("shrink-0 rounded-lg px-2.5 py-1 text-right font-mono text-2xl leading-none font-bold tabular-nums", LEVELS[level])}>
      <span className="sr-only">{level === "late" ? "Late, waiting " : "Waiting "}</span>
      {ms === null ? "--:--" : formatAge(ms)}
    </p>
  );
}
