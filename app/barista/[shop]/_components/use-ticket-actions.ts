"use client";

import { startTransition, useOptimistic, useRef } from "react";
import type { BaristaAction } from "@/lib/queue/actions";
import type { Ticket } from "@/lib/queue/tickets";
import { ticketAction, type TicketResult } from "../actions";

export type Intent = { action: "start" } | { action: "ready" } | { action: "recall" } | { action: "cancel"; reason: string } | { action: "item-done"; itemId: string };

const RECALL: Partial<Record<Ticket["status"], Ticket["status"]>> = { PREPARING: "QUEUED", READY: "PREPARING" };

/** What the ticket will look like if the server agrees, shown while it answers. */
function preview(ticket: Ticket, intent: Intent): Ticket | null {
  switch (intent.action) {
    case "start":
      return { ...ticket, status: "PREPARING" };
    case "ready":
      return { ...ticket, status: "READY", items: ticket.items.map((i) => ({ ...i, done: true })) };
    case "recall":
      return { ...ticket, status: RECALL[ticket.status] ?? ticket.status, items: ticket.status === "PREPARING" ? ticket.items.map((i) => ({ ...i, done: false })) : ticket.items };
    case "cancel":
      return null;
    case "item-done": {
      const items = ticket.items.map((i) => (i.id === intent.itemId ? { ...i, done: true } : i));
      return { ...ticket, items, status: items.every((i) => i.done) ? "READY" : "PREPARING" };
    }
  }
}

/**
 * Barista moves with optimistic UI: the ticket moves at once, the server's answer then wins (its
 * ticket, or on a conflict the ticket as it is now plus `notify` with the reason). Moves on one
 * ticket run one after another, each with the version the previous one produced, so a quick
 * "start, ready" is not refused as a conflict with ourselves.
 */
export function useTicketActions(shopSlug: string, tickets: Ticket[], apply: (ticket: Ticket, force?: boolean) => void, notify: (message: string) => void) {
  const [shown, show] = useOptimistic(tickets, (list: Ticket[], move: { ticket: Ticket; intent: Intent }) =>
    list.flatMap((t) => {
      if (t.id !== move.ticket.id) return [t];
      const next = preview(t, move.intent);
      return next ? [next] : [];
    }),
  );
  const chains = useRef(new Map<string, Promise<TicketResult | null>>());

  const run = (ticket: Ticket, intent: Intent): Promise<TicketResult | null> => {
    const before = chains.current.get(ticket.id);
    const promise = (async (): Promise<TicketResult | null> => {
      const previous = before ? await before : undefined;
      // The move before this one was refused: this one was meant for a ticket that is not there.
      if (previous === null || previous?.ok === false) return null;
      const version = Math.max(ticket.version, previous?.ok ? previous.data.version : -1);
      const action: BaristaAction = intent.action === "item-done" ? intent : intent.action === "cancel" ? { action: "cancel", version, reason: intent.reason } : { action: intent.action, version };
      let result: TicketResult;
      try {
        result = await ticketAction(shopSlug, ticket.id, action);
      } catch {
        notify("That did not reach the server. Check the connection and try again.");
        return null;
      }
      if (result.ok) apply(result.data);
      else {
        if (result.current) apply(result.current, true);
        else if (result.current === null) apply({ ...ticket, open: false, version: ticket.version + 1 });
        // A cancel reason that is too short is shown in the dialog instead.
        if (!(intent.action === "cancel" && result.error.code === "invalid")) notify(result.error.message);
      }
      return result;
    })();
    chains.current.set(ticket.id, promise);
    void promise.finally(() => {
      if (chains.current.get(ticket.id) === promise) chains.current.delete(ticket.id);
    });
    startTransition(async () => {
      show({ ticket, intent });
      await promise;
    });
    return promise;
  };

  /** Resolves once every move made so far has its server answer (a move waits for the one before it on its ticket). */
  const settled = () => Promise.allSettled([...chains.current.values()]);

  return { tickets: shown, run, settled };
}
