"use client";

import { useEffect, useRef, useState } from "react";
import { beep, unlockAudio } from "@/components/queue/beep";
import { ConnectionStatus } from "@/components/queue/connection-status";
import type { OwnTask } from "@/lib/agents/tasks/manage";
import type { Ticket } from "@/lib/queue/tickets";
import { AllDayStrip } from "./all-day-strip";
import { CancelDialog } from "./cancel-dialog";
import { ClaimPanel } from "./claim-panel";
import { QueueHeader } from "./queue-header";
import { QueueLane } from "./queue-lane";
import { laneTickets, LANES, oldestBumpable, type StationFilter } from "./queue-state";
import { OwnTasks } from "./own-tasks";
import { ShortcutsLegend } from "./shortcuts-legend";
import { StaffBell } from "./staff-bell";
import { TastingReminder, type TastingToScore } from "./tasting-reminder";
import { ToastStack } from "./toast-stack";
import { useLiveQueue } from "./use-live-queue";
import { focusTicket, useQueueKeys } from "./use-queue-keys";
import { useTicketActions, type Intent } from "./use-ticket-actions";
import { useToasts } from "./use-toasts";
import { ClientButton } from "@/components/ui/client-button";

export type QueueShop = { slug: string; name: string; timezone: string };

/** The barista's live queue: three lanes, the counter hand-over, keyboard and sound. */
export function QueueScreen({ shop, initialTickets, initialMore, tastings = [], tasks = [] }: { shop: QueueShop; initialTickets: Ticket[]; initialMore: number; tastings?: readonly TastingToScore[]; tasks?: OwnTask[] }) {
  const { toasts, notify, dismiss } = useToasts();
  const [station, setStation] = useState<StationFilter>("ALL");
  const [sound, setSound] = useState(false);
  const [cancelling, setCancelling] = useState<Ticket | null>(null);
  const soundRef = useRef(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const lastBumped = useRef<string | null>(null);
  /** A ticket that had keyboard focus when it moved lanes (and so was re-mounted): focus follows it. */
  const refocus = useRef<string | null>(null);

  const live = useLiveQueue(shop.slug, initialTickets, initialMore, () => {
    if (soundRef.current) beep();
  });
  const { tickets, run, settled } = useTicketActions(shop.slug, live.tickets, live.apply, notify);
  const lanes = LANES.map((lane) => ({ ...lane, tickets: laneTickets(tickets, lane.status, station) }));

  const act = (ticket: Ticket, intent: Intent) => {
    if (intent.action === "start" || intent.action === "ready") lastBumped.current = ticket.id;
    void run(ticket, intent);
  };

  const bump = (id: string | undefined) => {
    const ticket = id ? tickets.find((t) => t.id === id) : oldestBumpable(tickets, station);
    if (!ticket) return;
    if (ticket.status === "READY") return notify("Ready orders leave with their pickup code: type it under Ready.");
    if (id) refocus.current = id;
    act(ticket, { action: ticket.status === "QUEUED" ? "start" : "ready" });
  };

  const recall = () => {
    const ticket = tickets.find((t) => t.id === lastBumped.current);
    if (!ticket) return notify("Nothing to recall: bump a ticket first.");
    refocus.current = ticket.id;
    act(ticket, { action: "recall" });
    focusTicket(ticket.id);
  };

  useQueueKeys({ order: () => lanes.flatMap((lane) => lane.tickets.map((t) => t.id)), bump, recall, focusCode: () => codeRef.current?.focus() });

  useEffect(() => {
    const id = refocus.current;
    if (!id) return;
    const active = document.activeElement;
    if (active && active !== document.body) {
      if (!active.closest(`[data-ticket-id="${id}"]`)) refocus.current = null;
    } else focusTicket(id);
  });

  const toggleSound = () => {
    unlockAudio();
    soundRef.current = !sound;
    setSound(!sound);
    if (!sound) window.setTimeout(beep, 50);
  };

  const confirmCancel = async (ticket: Ticket, reason: string) => {
    const result = await run(ticket, { action: "cancel", reason });
    return result && !result.ok && result.error.code === "invalid" ? result.error.message : null;
  };

  return (
    <div className="flex min-h-dvh flex-col bg-espresso text-foam md:h-dvh md:overflow-hidden">
      <QueueHeader shop={shop} station={station} onStation={setStation}>
        <ClientButton type="button" role="switch" aria-checked={sound} onClick={toggleSound} className="h-10 rounded-xl bg-black/30 px-3.5 text-base font-bold whitespace-nowrap hover:bg-black/45 focus-visible:outline-4 focus-visible:outline-sky-400">
          {sound ? "Sound on" : "Sound off"}
        </ClientButton>
        <StaffBell shop={shop} />
        <ConnectionStatus connection={live.connection} />
      </QueueHeader>

      <TastingReminder shop={shop} tastings={tastings} />
      <OwnTasks shop={shop} initial={tasks} />
      <AllDayStrip tickets={tickets} station={station} />
      {live.more > 0 ? (
        <p role="status" className="mx-3 mt-3 rounded-xl bg-amber-200 px-4 py-2 text-base font-bold text-amber-950">
          {live.more} more open {live.more === 1 ? "order is" : "orders are"} waiting behind these: the screen shows the oldest first.
        </p>
      ) : null}
      <main className="grid flex-1 grid-cols-1 gap-3 p-3 md:min-h-0 md:grid-cols-3">
        {lanes.map((lane) => (
          <QueueLane key={lane.status} lane={lane.status} title={lane.title} tickets={lane.tickets} fresh={live.fresh} station={station} onAct={act} onCancel={setCancelling}>
            {lane.status === "READY" ? <ClaimPanel shopSlug={shop.slug} inputRef={codeRef} movesSettled={settled} onCollected={(ticket) => live.apply(ticket)} /> : null}
          </QueueLane>
        ))}
      </main>

      <ShortcutsLegend />
      <ToastStack toasts={toasts} dismiss={dismiss} />
      <CancelDialog ticket={cancelling} onClose={() => setCancelling(null)} onConfirm={confirmCancel} />
    </div>
  );
}
