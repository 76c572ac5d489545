import type { ConsumedEvent } from "@/lib/kafka/consumer";

/**
 * What an integration can subscribe to: alerts the platform already produces, read off the event
 * stream, the agents' alerts and proposals (lib/integrations/agents.ts), plus the daily sales
 * summary (scheduled, not an event). Admins pick from these.
 */
export const INTEGRATION_EVENTS = {
  "order.cancelled": "Order cancelled",
  "order.refunded": "Order refunded",
  "payment.undone": "Payment undone (chain reorganisation)",
  "daily.summary": "Daily sales summary",
  "agent.alert": "Agents' alerts (stock-outs, bad-rating runs, busier than forecast)",
  "agent.proposal": "Agents' proposals to approve (purchase orders, transfers)",
} as const;

export type IntegrationEvent = keyof typeof INTEGRATION_EVENTS;
export const INTEGRATION_EVENT_KINDS = Object.keys(INTEGRATION_EVENTS) as IntegrationEvent[];

/** What a domain event means to integrations, or null when it means nothing to them. */
export type Alert =
  | { kind: "order.cancelled"; eventId: string; shopId: string; orderId: string; reason: string | null }
  | { kind: "order.refunded"; eventId: string; shopId: string; orderId: string }
  | { kind: "payment.undone"; eventId: string; shopId: string; orderId: string; invoiceId: string; chainId: number; token: string };

export function alertOf(event: ConsumedEvent): Alert | null {
  if (event.type === "order.status_changed") {
    const p = event.payload;
    if (p.to === "CANCELLED") return { kind: "order.cancelled", eventId: event.id, shopId: p.shopId, orderId: p.orderId, reason: p.reason ?? null };
    if (p.to === "REFUNDED") return { kind: "order.refunded", eventId: event.id, shopId: p.shopId, orderId: p.orderId };
    return null;
  }
  if (event.type === "invoice.status_changed") {
    const p = event.payload;
    // A settled payment taken back by a reorganisation (lib/payments/watcher.ts): the order is already queued.
    if (p.from === "SETTLED" && (p.to === "NEW" || p.to === "INVALID")) return { kind: "payment.undone", eventId: event.id, shopId: p.shopId, orderId: p.orderId, invoiceId: p.invoiceId, chainId: p.chainId, token: p.token };
    return null;
  }
  return null;
}
