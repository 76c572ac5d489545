import type { Station } from "@/lib/catalog/types";
import type { Ticket } from "@/lib/queue/tickets";

/**
 * The screen's copy of the queue. Changes arrive from the stream and from our own actions, in any
 * order: a ticket is only ever replaced by a newer version, and closed tickets are remembered (by
 * version) so a late event cannot bring one back.
 */
export type QueueState = { byId: Record<string, Ticket>; closed: Record<string, number> };

export type Lane = "QUEUED" | "PREPARING" | "READY";
export const LANES: readonly { status: Lane; title: string }[] = [
  { status: "QUEUED", title: "Queued" },
  { status: "PREPARING", title: "Preparing" },
  { status: "READY", title: "Ready" },
];

export type StationFilter = Station | "ALL";

export function emptyQueue(): QueueState {
  return { byId: {}, closed: {} };
}

function seenVersion(state: QueueState, id: string): number {
  return state.byId[id]?.version ?? state.closed[id] ?? -1;
}

/** Applies one ticket if it is newer than what we hold (or always, with `force`: the server's word on a conflict). */
export function applyTicket(state: QueueState, ticket: Ticket, force = false): QueueState {
  if (!force && ticket.version <= seenVersion(state, ticket.id)) return state;
  const byId = { ...state.byId };
  const closed = { ...state.closed };
  if (ticket.open) {
    byId[ticket.id] = ticket;
    delete closed[ticket.id];
  } else {
    delete byId[ticket.id];
    closed[ticket.id] = ticket.version;
  }
  return { byId, closed };
}

/** A full snapshot: what it lists is open (unless we already hold something newer), anything else is gone. */
export function applySnapshot(state: QueueState, tickets: Ticket[]): QueueState {
  let next: QueueState = { byId: {}, closed: state.closed };
  for (const ticket of tickets) {
    const held = state.byId[ticket.id];
    next = applyTicket(next, held && held.version > ticket.version ? held : ticket);
  }
  return next;
}

/** Whether this ticket is new to us: not held and never seen closed. */
export function isUnseen(state: QueueState, id: string): boolean {
  return !(id in state.byId) && !(id in state.closed);
}

function since(ticket: Ticket): string {
  return ticket.queuedAt ?? ticket.placedAt;
}

/**
 * The lane's tickets, oldest first, an order for later by its promised time (it joins the queue
 * shortly before); ready ones by how long they have waited on the counter.
 */
export function laneTickets(tickets: readonly Ticket[], lane: Lane, station: StationFilter): Ticket[] {
  const key = (t: Ticket) => (lane === "READY" ? (t.readyAt ?? since(t)) : (t.pickupAt ?? since(t)));
  return tickets.filter((t) => t.status === lane && (station === "ALL" || t.stations.includes(station))).sort((a, b) => key(a).localeCompare(key(b)));
}

/** The oldest ticket that can move on (queued or preparing), for a bump with nothing focused. */
export function oldestBumpable(tickets: readonly Ticket[], station: StationFilter): Ticket | undefined {
  return [...laneTickets(tickets, "QUEUED", station), ...laneTickets(tickets, "PREPARING", station)].sort((a, b) => since(a).localeCompare(since(b)))[0];
}
