import type { Db } from "@/lib/db";
import { transitionOrders, type OrderRef } from "../transition";

/**
 * Releases orders for later whose fire time has come to the barista queue (SCHEDULED → QUEUED,
 * their ETA the promised pickup time), in one transaction with their order.status_changed events
 * (transition.ts writes them to the outbox). The database is the only record of what is due, so a
 * worker that dies mid-release loses nothing (its transaction rolls back and the next poll takes
 * the same orders) and releases nothing twice (a released order is no longer SCHEDULED; the row
 * locks, SKIP LOCKED and the version guard keep two processors, or a customer cancelling at that
 * moment, from both moving one order).
 */

export const RELEASE_ACTOR = "system:order-processor";
/** At most this many orders per transaction; a longer backlog is released over the next polls at once. */
const RELEASE_BATCH = 200;

export async function releaseDueOrders(db: Db, now = new Date(), limit = RELEASE_BATCH): Promise<OrderRef[]> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<(OrderRef & { pickupAt: Date })[]>`
      SELECT id, shop_id AS "shopId", status, version, pickup_code AS "pickupCode", pickup_at AS "pickupAt"
      FROM orders WHERE status = 'SCHEDULED' AND fire_at <= ${now}
      ORDER BY fire_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return [];
    return transitionOrders(
      tx,
      due.map(({ pickupAt, ...order }) => ({ order, to: "QUEUED" as const, etaAt: new Date(pickupAt) })),
      { actor: "system", actorId: RELEASE_ACTOR, now },
    );
  });
}

/**
 * Polls for due orders every `pollMs` until stopped; a burst (a full batch) is worked off without
 * waiting. Errors are logged and retried at the next poll.
 */
export function startReleaseLoop(db: Db, opts: { pollMs: number; onError(error: unknown): void; onReleased?(orders: OrderRef[]): void }): { stop(): Promise<void> } {
  let stopping = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopping) {
      let full = false;
      try {
        const released = await releaseDueOrders(db);
        if (released.length > 0) opts.onReleased?.(released);
        full = released.length >= RELEASE_BATCH;
      } catch (error) {
        opts.onError(error);
      }
      if (!full && !stopping) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
