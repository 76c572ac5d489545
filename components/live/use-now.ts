"use client";

import { useSyncExternalStore } from "react";

/**
 * The current time, refreshed every `tickMs` while anything shows it: one shared timer per
 * interval (ticket ages tick every second, "ready in about 6 min" every 30 s). Null during server
 * rendering and hydration, so relative times never mismatch the server's HTML.
 */
type Clock = { now: number; timer?: number; listeners: Set<() => void>; subscribe(listener: () => void): () => void };

const clocks = new Map<number, Clock>();

function clock(tickMs: number): Clock {
  let c = clocks.get(tickMs);
  if (!c) {
    const created: Clock = {
      now: 0,
      listeners: new Set(),
      subscribe(listener) {
        created.listeners.add(listener);
        if (created.listeners.size === 1) {
          created.now = Date.now();
          created.timer = window.setInterval(() => {
            created.now = Date.now();
            for (const l of created.listeners) l();
          }, tickMs);
        }
        return () => {
          created.listeners.delete(listener);
          if (created.listeners.size === 0) window.clearInterval(created.timer);
        };
      },
    };
    clocks.set(tickMs, created);
    c = created;
  }
  return c;
}

export function useNow(tickMs: number): number | null {
  const c = clock(tickMs);
  return useSyncExternalStore(
    c.subscribe,
    () => c.now || Date.now(),
    () => null,
  );
}
