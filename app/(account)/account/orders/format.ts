import type { OrderStatus } from "@/lib/orders/state-machine";

export const STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  PLACED: "Placed",
  SCHEDULED: "Scheduled",
  QUEUED: "In the queue",
  PREPARING: "Being made",
  READY: "Ready for pickup",
  CLAIMED: "Picked up",
  CANCELLED: "Cancelled",
  REFUNDING: "Refund being sent",
  REFUNDED: "Refunded",
};

/** "Nov 25, 2026, 9:41 AM" in the shop's time zone (where the order was picked up). */
export function formatPlacedAt(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** "2× Latte, Croissant". */
export function itemsSummary(items: readonly { productName: string; quantity: number }[]): string {
  return items.map((i) => (i.quantity > 1 ? `${i.quantity}× ${i.productName}` : i.productName)).join(", ");
}
