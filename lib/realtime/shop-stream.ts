import type { Db } from "@/lib/db";
import type { SendEvent } from "@/lib/http/sse";
import type { OrderStatus } from "@/lib/orders/state-machine";
import { ticketChangesSince, ticketsNow, type Ticket } from "@/lib/queue/tickets";
import { coalesced } from "./coalesce";
import { orderChanges } from "./order-changes";

/**
 * At a few hundred orders a second, a read per change kept the app busy with reads that found one
 * ticket each; spaced reads find a handful.
 */
const CATCH_UP_GAP_MS = 25;
const NOT_YET_QUEUED: ReadonlySet<OrderStatus> = new Set(["PENDING_PAYMENT", "PLACED", "SCHEDULED"]);
/** How many of the latest sent change seqs a stream remembers, to tell a late commit from one it sent. */
const SENT_SEQS_KEPT = 4_096;

/** Where a stream starts: the first event's data and the change seq it is current as of. */
export type StreamSnapshot = { seq: number; data: unknown };

export type ShopStreamOptions<T> = {
  shopId: string;
  /** The Last-Event-ID to resume after (staff screens), or null to start with a snapshot. */
  resumeFrom: number | null;
  snapshot: () => Promise<StreamSnapshot>;
  /** Shapes what leaves (the public status board sends only names and lanes). */
  project: (ticket: Ticket) => T;
  send: SendEvent;
};

/**
 * Feeds one shop's live queue into an SSE stream: a `snapshot` first (or, when a staff screen
 * reconnects with Last-Event-ID, exactly the changes after it), then a `ticket` event per change.
 * Event ids are change seqs; every read asks the database for the changes after the last one
 * sent, so nothing is skipped and nothing is sent twice, however notifications bunch up.
 *
 * A seq is taken when a change is written, not when it commits: the order processor's batches run
 * side by side, so a change with seq 100 can commit after one with 101 was read and sent, and
 * "after 101" never finds it (a ticket missing from the barista's screen until a reload: bench
 * runs saw 2 in 2,010). Its own notification still arrives: every notified change the stream has
 * not sent is remembered, and once a read that started after the notification has finished
 * without sending it (its seq was already behind, or the read was under way when it committed),
 * that order is read again by id and sent. Clients keep the newest version of a ticket, so the
 * order of arrival does not matter; a change that was no ticket (cancelled before it was queued)
 * is read and dropped.
 */
export async function openShopStream<T>(db: Db, { shopId, resumeFrom, snapshot, project, send }: ShopStreamOptions<T>): Promise<() => void> {
  const feed = orderChanges();
  await feed.ready();

  // Subscribe before reading, so a change that commits while the first read runs is not lost: it
  // only marks that a catch-up is due once the first read has been sent.
  let sent = -1;
  let started = false;
  let missedWhileStarting = false;
  const sentSeqs = new Set<number>();
  const sendTicket = (ticket: Ticket) => {
    sentSeqs.add(ticket.seq);
    if (sentSeqs.size > SENT_SEQS_KEPT) sentSeqs.delete(sentSeqs.values().next().value!);
    send({ event: "ticket", id: ticket.seq, data: project(ticket) });
  };
  // Notified changes not sent yet, with how many reads had started when each was heard.
  let reads = 0;
  const heard = new Map<number, { orderId: string; readsBefore: number }>();
  const lateOrders = new Set<string>();
  const catchUpLate = coalesced(async () => {
    const ids = [...lateOrders];
    lateOrders.clear();
    for (const ticket of await ticketsNow(db, shopId, ids)) sendTicket(ticket);
  });
  /** After read number `read`: what it should have sent and did not is read again by order id. */
  const settleHeard = (read: number) => {
    for (const [seq, h] of heard) {
      if (sentSeqs.has(seq)) heard.delete(seq);
      else if (h.readsBefore < read) {
        heard.delete(seq);
        lateOrders.add(h.orderId);
      }
    }
    if (lateOrders.size > 0) catchUpLate();
  };
  const catchUp = coalesced(
    async () => {
      const read = ++reads;
      for (const ticket of await ticketChangesSince(db, shopId, sent)) {
        sent = ticket.seq;
        sendTicket(ticket);
      }
      settleHeard(read);
    },
    { gapMs: CATCH_UP_GAP_MS },
  );
  const unsubscribe = feed.subscribe({
    shopId,
    onChange: (change) => {
      // An order that is not queued yet is no ticket: a read for it would find nothing to send.
      if (NOT_YET_QUEUED.has(change.status) || sentSeqs.has(change.seq)) return;
      heard.set(change.seq, { orderId: change.id, readsBefore: reads });
      if (!started) missedWhileStarting = true;
      else catchUp();
    },
    onResync: () => (started ? catchUp() : (missedWhileStarting = true)),
  });

  const firstRead = ++reads;
  try {
    if (resumeFrom !== null) {
      sent = resumeFrom;
      for (const ticket of await ticketChangesSince(db, shopId, sent)) {
        sent = ticket.seq;
        sendTicket(ticket);
      }
    } else {
      const first = await snapshot();
      sent = first.seq;
      send({ event: "snapshot", id: first.seq, data: first.data });
    }
  } catch (error) {
    unsubscribe();
    throw error;
  }
  started = true;
  settleHeard(firstRead);
  if (missedWhileStarting) catchUp();
  return unsubscribe;
}
