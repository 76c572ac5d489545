"use client";

import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useEventStream, type Connection } from "@/components/live/use-event-stream";
import type { Ticket } from "@/lib/queue/tickets";
import { FRESH_MS } from "./labels";
import { applySnapshot, applyTicket, emptyQueue, isUnseen, type QueueState } from "./queue-state";

export const queueQueryKey = (shopSlug: string) => ["queue", shopSlug] as const;

/**
 * The shop's queue, live: the server's render seeds the query cache, the staff stream
 * (/api/shops/:slug/queue/events) and our own action results write into it, newest version wins.
 * Tickets that arrive while we watch are `fresh` for a few seconds (and `onArrival` is told).
 */
export function useLiveQueue(shopSlug: string, initial: Ticket[], initialMore: number, onArrival: (ticket: Ticket) => void) {
  const client = useQueryClient();
  const key = queueQueryKey(shopSlug);
  const [seed] = useState(() => applySnapshot(emptyQueue(), initial));
  const { data } = useQuery<QueueState>({ queryKey: key, queryFn: skipToken, initialData: seed, staleTime: Infinity });
  /** Open tickets the last snapshot left out (a queue longer than QUEUE_SNAPSHOT_LIMIT). */
  const [more, setMore] = useState(initialMore);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const timers = useRef(new Map<string, number>());

  const update = useCallback((change: (state: QueueState) => QueueState) => client.setQueryData<QueueState>(queueQueryKey(shopSlug), (state) => change(state ?? emptyQueue())), [client, shopSlug]);

  const apply = useCallback((ticket: Ticket, force = false) => update((state) => applyTicket(state, ticket, force)), [update]);

  useEffect(() => {
    // A copy cached on an earlier visit may be older than what the server just rendered.
    update((state) => applySnapshot(state, initial));
  }, [update, initial]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const markFresh = (id: string) => {
    setFresh((current) => new Set(current).add(id));
    window.clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      window.setTimeout(() => {
        timers.current.delete(id);
        setFresh((current) => {
          const next = new Set(current);
          next.delete(id);
          return next;
        });
      }, FRESH_MS),
    );
  };

  const connection: Connection = useEventStream(`/api/shops/${encodeURIComponent(shopSlug)}/queue/events`, {
    snapshot: (payload) => {
      const { tickets, more: left } = payload as { tickets?: Ticket[]; more?: number };
      if (Array.isArray(tickets)) update((state) => applySnapshot(state, tickets));
      if (typeof left === "number") setMore(left);
    },
    ticket: (payload) => {
      const ticket = payload as Ticket;
      if (typeof ticket?.id !== "string" || typeof ticket.version !== "number") return;
      const held = client.getQueryData<QueueState>(key) ?? emptyQueue();
      if (ticket.open && ticket.status === "QUEUED" && isUnseen(held, ticket.id)) {
        markFresh(ticket.id);
        onArrival(ticket);
      }
      apply(ticket);
    },
  });

  return { tickets: Object.values((data ?? seed).byId), more, connection, apply, fresh };
}
