import type { InvoiceView } from "@/lib/payments/invoices";

/** "14:59": minutes and seconds left on a quote. */
export function countdownLabel(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export type PaymentState = {
  /** The state as the tracking page names it: PROCESSING, SETTLED, PARTIAL, EXPIRED… */
  badge: string;
  title: string;
  detail: string;
  /** A link back to the payment step, when there is something to pay. */
  action: "Pay now" | "Pay the rest" | "Get a new price" | null;
  /** No more changes to follow. */
  final: boolean;
};

type InvoiceFacts = Pick<InvoiceView, "status" | "exception" | "display" | "chainName" | "requiredConfirmations" | "payWith">;

/** What the tracking page says about a crypto order's payment (invoice states: lib/payments/invoice-state.ts). */
export function paymentState(invoice: InvoiceFacts | null, orderStatus: string): PaymentState {
  const pending = orderStatus === "PENDING_PAYMENT";
  if (!invoice) return { badge: "AWAITING PAYMENT", title: "Waiting for your payment", detail: "Choose a token and pay from your wallet.", action: pending ? "Pay now" : null, final: !pending };
  const { display } = invoice;
  switch (invoice.status) {
    case "NEW":
      if (invoice.exception === "PARTIAL") {
        return { badge: "PARTIAL", title: "Partly paid", detail: `We received ${display.paid}; ${display.remaining} is left to pay.`, action: invoice.payWith ? "Pay the rest" : null, final: false };
      }
      return { badge: "AWAITING PAYMENT", title: "Waiting for your payment", detail: `${display.due} on ${invoice.chainName}.`, action: invoice.payWith ? "Pay now" : null, final: false };
    case "PROCESSING":
      return { badge: "PROCESSING", title: "Payment seen", detail: `Your payment of ${display.paid} is on ${invoice.chainName}; waiting for ${invoice.requiredConfirmations} confirmation${invoice.requiredConfirmations === 1 ? "" : "s"}.`, action: null, final: false };
    case "SETTLED":
      return { badge: "SETTLED", title: "Paid", detail: invoice.exception === "OVERPAID" ? `Paid ${display.paid}, more than the ${display.due} due; ask the shop about the difference.` : `Paid ${display.paid} on ${invoice.chainName}.`, action: null, final: true };
    case "EXPIRED":
      return {
        badge: "EXPIRED",
        title: "Payment expired",
        detail: invoice.exception === "PARTIAL" ? `The price ran out with ${display.paid} of ${display.due} paid. The shop can refund what arrived.` : "The price ran out before a payment arrived. Nothing was charged.",
        action: pending && invoice.exception !== "PARTIAL" ? "Get a new price" : null,
        final: !pending,
      };
    case "INVALID":
      return { badge: "INVALID", title: "Payment not confirmed", detail: "Your payment was not confirmed on the network. Contact the shop.", action: null, final: true };
    case "REFUNDED":
      return { badge: "REFUNDED", title: "Refunded", detail: "Your payment was sent back to your wallet.", action: null, final: true };
  }
}
