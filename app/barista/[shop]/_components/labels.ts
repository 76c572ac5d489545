import type { Station } from "@/lib/catalog/types";
import type { Ticket } from "@/lib/queue/tickets";

/** How long a ticket may wait before it turns amber, then red. Tune per shop if needed. */
export const AGE_WARN_MS = 4 * 60_000;
export const AGE_LATE_MS = 8 * 60_000;
/** How long a new ticket stays highlighted. */
export const FRESH_MS = 6_000;

export const STATIONS: readonly { value: Station; label: string; short: string }[] = [
  { value: "ESPRESSO_BAR", label: "Espresso bar", short: "Bar" },
  { value: "BREW", label: "Brew", short: "Brew" },
  { value: "FOOD", label: "Food", short: "Food" },
];

export type PaymentBadge = { label: string; tone: "pickup" | "paid" | "confirming" | "alert" };

/**
 * What the barista needs to know about the money: pay at the counter, paid in crypto, joined on
 * the fast lane with the payment seen but not final yet, or a payment that was undone after the
 * order joined (a chain reorganisation, or refunded): collect at the counter or cancel.
 */
export function paymentBadge(ticket: Pick<Ticket, "paymentMethod" | "payment">): PaymentBadge {
  if (ticket.paymentMethod === "PAY_AT_PICKUP") return { label: "Pay at pickup", tone: "pickup" };
  switch (ticket.payment?.status) {
    case "SETTLED":
      return { label: "Paid · crypto", tone: "paid" };
    case "PROCESSING":
      return { label: "Fast lane · payment confirming", tone: "confirming" };
    case "REFUNDED":
      return { label: "Refunded", tone: "alert" };
    case undefined:
      return { label: "Crypto", tone: "paid" };
    default:
      return { label: "Payment undone · collect at counter", tone: "alert" };
  }
}

/** 245 000 ms → "04:05"; past an hour the minutes keep counting ("75:12"). */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

export type AgeLevel = "ok" | "warn" | "late";

export function ageLevel(ms: number): AgeLevel {
  return ms >= AGE_LATE_MS ? "late" : ms >= AGE_WARN_MS ? "warn" : "ok";
}
