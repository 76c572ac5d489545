"use client";

import { skipToken, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { OrderView } from "@/lib/orders/view";

export type Connection = "connecting" | "live" | "reconnecting";

export const orderQueryKey = (id: string) => ["order", id] as const;

/** Keeps the newest version: an event that arrives late never rolls the order back. */
export function putOrder(client: QueryClient, view: OrderView): void {
  client.setQueryData<OrderView>(orderQueryKey(view.id), (current) => (current && current.version > view.version ? current : view));
}

/**
 * One order, live: the server's render seeds the cache and the SSE stream
 * (/api/orders/:id/events) writes every change into it. EventSource reconnects by itself
 * (sending Last-Event-ID); if the server refuses outright, we retry with a growing pause.
 */
export function useLiveOrder(initial: OrderView): { order: OrderView; connection: Connection } {
  const client = useQueryClient();
  const { id } = initial;
  const { data } = useQuery<OrderView>({ queryKey: orderQueryKey(id), queryFn: skipToken, initialData: initial, staleTime: Infinity });
  const [connection, setConnection] = useState<Connection>("connecting");

  useEffect(() => {
    // A cached copy from an earlier visit may be older than what the server just rendered.
    putOrder(client, initial);
  }, [client, initial]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: number | undefined;
    let failures = 0;

    const connect = () => {
      source = new EventSource(`/api/orders/${encodeURIComponent(id)}/events`);
      source.addEventListener("open", () => {
        failures = 0;
        setConnection("live");
      });
      source.addEventListener("order", (event) => {
        try {
          const view = JSON.parse((event as MessageEvent<string>).data) as OrderView;
          if (view.id === id) putOrder(client, view);
        } catch {
          // A malformed event is skipped; the next one carries the whole order again.
        }
      });
      source.addEventListener("error", () => {
        setConnection("reconnecting");
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = window.setTimeout(connect, Math.min(30_000, 1_000 * 2 ** failures++));
        }
      });
    };

    connect();
    return () => {
      window.clearTimeout(retry);
      source?.close();
    };
  }, [client, id]);

  return { order: data ?? initial, connection };
}
