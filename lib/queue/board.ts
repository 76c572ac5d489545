import { createHmac } from "node:crypto";
import type { Ticket } from "./tickets";

/**
 * What the customer-facing status board may show of an order: the name it is called by (first
 * name and initial) and its lane. Not the order id (a guest's tracking link used to be just that),
 * not the pickup code (the proof of pickup), not notes or items. `key` tells the screen which
 * entry a change is about: a keyed hash of the order id, which nobody can turn back into the id.
 */
export type BoardEntry = { key: string; name: string; lane: "preparing" | "ready" | null };

/** "Margaret Hamilton" → "Margaret H."; one word stays as it is. */
export function boardName(customerName: string): string {
  const [first = "", ...rest] = customerName.trim().split(/\s+/);
  const initial = rest.at(-1)?.[0];
  return initial ? `${first} ${initial.toUpperCase()}.` : first;
}

export function boardKey(orderId: string, secret: string): string {
  return createHmac("sha256", secret).update(`board:${orderId}`).digest("base64url").slice(0, 16);
}

export function toBoardEntry(ticket: Ticket, secret: string): BoardEntry {
  const lane = !ticket.open ? null : ticket.status === "READY" ? "ready" : "preparing";
  return { key: boardKey(ticket.id, secret), name: boardName(ticket.customerName), lane };
}
