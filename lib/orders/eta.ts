import type { Station } from "@/lib/catalog/types";

/**
 * When an order should be ready. Stations (espresso bar, brew, food) work in parallel; within a
 * station, work queues up. So the order is ready when its slowest station has worked through
 * what is ahead of it plus its own items, after the shop's base handling time. Pure.
 */
export function estimateReadyAt(input: {
  now: Date;
  basePrepMinutes: number;
  /** Seconds of unfinished work already queued per station. */
  backlogSeconds: Partial<Record<Station, number>>;
  /** Seconds of this order's own work per station. */
  ownSeconds: Partial<Record<Station, number>>;
}): Date {
  let slowest = 0;
  for (const [station, own] of Object.entries(input.ownSeconds) as [Station, number][]) {
    slowest = Math.max(slowest, (input.backlogSeconds[station] ?? 0) + own);
  }
  return new Date(input.now.getTime() + (input.basePrepMinutes * 60 + slowest) * 1000);
}
