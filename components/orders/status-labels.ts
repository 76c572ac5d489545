import type { OrderStatus } from "@/lib/orders/state-machine";

/** The headline for each status, as the customer reads it: "Status: In the queue". */
export const STATUS_TITLES: Record<OrderStatus, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  PLACED: "Placed",
  SCHEDULED: "Scheduled",
  QUEUED: "In the queue",
  PREPARING: "Being prepared",
  READY: "Ready for pickup",
  CLAIMED: "Collected",
  CANCELLED: "Cancelled",
  REFUNDING: "Refund being sent",
  REFUNDED: "Refunded",
};

/** The happy path, step by step. */
export const STATUS_STEPS: readonly { status: OrderStatus; label: string }[] = [
  { status: "PLACED", label: "Placed" },
  { status: "QUEUED", label: "In the queue" },
  { status: "PREPARING", label: "Being prepared" },
  { status: "READY", label: "Ready" },
  { status: "CLAIMED", label: "Collected" },
];

/** "14:41" in the shop's own timezone (24-hour, like its opening hours). */
export function shopClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}
