import type { Ticket } from "./tickets";

/** What the customer-facing status board may show of a ticket: a first name and the code, nothing else. */
export type BoardEntry = { id: string; name: string; code: string; lane: "preparing" | "ready" | null };

export function toBoardEntry(ticket: Ticket): BoardEntry {
  const lane = !ticket.open ? null : ticket.status === "READY" ? "ready" : "preparing";
  return { id: ticket.id, name: ticket.customerName.trim().split(/\s+/)[0] ?? "", code: ticket.pickupCode, lane };
}
