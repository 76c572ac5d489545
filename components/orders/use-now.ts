"use client";

import { useSyncExternalStore } from "react";

/**
 * The current time, refreshed every 30 s while anything shows it, for "ready in about 6 min".
 * Null during server rendering and hydration, so relative times never mismatch the server's HTML.
 */
const TICK_MS = 30_000;
let now = 0;
let timer: number | undefined;
const listeners = new Set<() => void>();

function tick() {
  now = Date.now();
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    now = Date.now();
    timer = window.setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.clearInterval(timer);
  };
}

export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now || Date.now(),
    () => null,
  );
}
