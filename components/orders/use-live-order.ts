"use client";

import { skipToken, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useEventStream, type Connection } from "@/components/live/use-event-stream";
import { orderApiPath } from "@/lib/orders/links";
import type { OrderView } from "@/lib/orders/view";

export type { Connection };

export const orderQueryKey = (id: string) => ["order", id] as const;

/** Keeps the newest version: an event that arrives late never rolls the order back. */
export function putOrder(client: QueryClient, view: OrderView): void {
  client.setQueryData<OrderView>(orderQueryKey(view.id), (current) => (current && current.version > view.version ? current : view));
}

/**
 * One order, live: the server's render seeds the cache and the SSE stream
 * (/api/orders/:id/events) writes every change into it.
 */
export function useLiveOrder(initial: OrderView): { order: OrderView; connection: Connection } {
  const client = useQueryClient();
  const { id } = initial;
  const { data } = useQuery<OrderView>({ queryKey: orderQueryKey(id), queryFn: skipToken, initialData: initial, staleTime: Infinity });

  useEffect(() => {
    // A cached copy from an earlier visit may be older than what the server just rendered.
    putOrder(client, initial);
  }, [client, initial]);

  const connection = useEventStream(orderApiPath(initial, "/events"), {
    order: (data) => {
      const view = data as OrderView;
      if (view.id === id) putOrder(client, view);
    },
  });

  return { order: data ?? initial, connection };
}
