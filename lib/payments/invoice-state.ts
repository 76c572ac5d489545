/**
 * The invoice state machine, after BTCPay Server's: derived from the invoice's payments every
 * time something changes (a payment seen, a confirmation, a reorg, the clock), never patched by
 * hand, so replaying the watcher gives the same answer. Pure.
 *
 *   NEW ──paid in full──► PROCESSING ──confirmed──► SETTLED ──refund──► REFUNDED
 *    │                        │                        │
 *    └─expired unpaid─► EXPIRED└─payment vanished after expiry, or unconfirmed an hour past it─► INVALID
 *
 * A chain reorganisation can take a payment away after it confirmed (deeper than the required
 * confirmations): SETTLED is kept only while confirmed payments cover the amount. Otherwise a settled
 * invoice goes where a PROCESSING one would: back to PROCESSING when the transaction is mined again,
 * to NEW before the deadline, to INVALID after it. Its order was released already, so the barista's
 * ticket turns red ("Payment undone"), as on the fast lane.
 *
 * Exceptions flag what is unusual: PARTIAL (less than due; "pay the rest"), OVERPAID, LATE (money
 * mined after expiry: recorded, not counted, for the manager to refund). An EXPIRED invoice is not
 * final: a payment mined before the deadline but read later still counts.
 */

export type InvoiceStatus = "NEW" | "PROCESSING" | "SETTLED" | "EXPIRED" | "INVALID" | "REFUNDED";
export type InvoiceException = "PARTIAL" | "OVERPAID" | "LATE";
export type PaymentStatus = "SEEN" | "CONFIRMED" | "UNDONE" | "MISMATCHED";

export type PaymentFact = { amount: bigint; status: PaymentStatus; late: boolean };
export type InvoiceFacts = { status: InvoiceStatus; amountDue: bigint; expiresAt: Date; fastLane: boolean; payments: readonly PaymentFact[] };
export type DerivedInvoice = {
  status: InvoiceStatus;
  exception: InvoiceException | null;
  amountPaid: bigint;
  amountConfirmed: bigint;
  /** What is left to pay (0 when paid in full or more). */
  remaining: bigint;
  /** Whether the order may join the queue: settled, or seen for a fast-lane invoice. */
  release: boolean;
};

/** A payment seen in full must confirm within this long after the invoice's expiry, or the invoice is INVALID. */
export const CONFIRMATION_WINDOW_MS = 60 * 60 * 1000;

const FINAL: readonly InvoiceStatus[] = ["REFUNDED", "INVALID"];
/** Statuses in which the invoice was paid in full: losing the money after the deadline makes it INVALID. */
const WAS_PAID: readonly InvoiceStatus[] = ["PROCESSING", "SETTLED"];

export function deriveInvoice(invoice: InvoiceFacts, now: Date): DerivedInvoice {
  const live = invoice.payments.filter((p) => p.status === "SEEN" || p.status === "CONFIRMED");
  const counted = live.filter((p) => !p.late);
  const amountPaid = sum(counted);
  const amountConfirmed = sum(counted.filter((p) => p.status === "CONFIRMED"));
  const latePaid = live.some((p) => p.late);
  const due = invoice.amountDue;
  const exception: InvoiceException | null = amountPaid > due ? "OVERPAID" : latePaid ? "LATE" : amountPaid > 0n && amountPaid < due ? "PARTIAL" : null;
  const remaining = amountPaid >= due ? 0n : due - amountPaid;
  const expired = now.getTime() > invoice.expiresAt.getTime();

  let status: InvoiceStatus;
  if (FINAL.includes(invoice.status)) {
    status = invoice.status;
  } else if (amountPaid >= due) {
    if (amountConfirmed >= due) status = "SETTLED";
    // Settled once, then reorganised and mined again: it confirms again (it was in time).
    else if (invoice.status === "SETTLED") status = "PROCESSING";
    else status = now.getTime() > invoice.expiresAt.getTime() + CONFIRMATION_WINDOW_MS ? "INVALID" : "PROCESSING";
  } else if (expired) {
    // Paid in full, then undone by a reorg after the deadline: it was paid and is no longer.
    status = WAS_PAID.includes(invoice.status) ? "INVALID" : "EXPIRED";
  } else {
    status = "NEW";
  }
  const release = status === "SETTLED" || (invoice.fastLane && status === "PROCESSING");
  return { status, exception, amountPaid, amountConfirmed, remaining, release };
}

function sum(payments: readonly PaymentFact[]): bigint {
  return payments.reduce((total, p) => total + p.amount, 0n);
}
