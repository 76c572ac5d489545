"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { OrderView } from "@/lib/orders/view";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/lib/ui/cn";
import { fetchInvoice, invoiceQueryKey } from "./invoice-query";
import { paymentState } from "./payment-labels";

/**
 * A crypto order's payment on the tracking page: polls the invoice (1 s) until its state is final.
 * "Pay the rest" / "Pay now" lead back to the checkout page's payment step, the only page that
 * loads the wallet code.
 */
export function PaymentStatus({ order }: { order: OrderView }) {
  const invoice = useQuery({
    queryKey: invoiceQueryKey(order.id),
    queryFn: () => fetchInvoice(order),
    refetchInterval: (query) => (query.state.data !== undefined && paymentState(query.state.data, order.status).final ? false : 1_000),
  });
  if (invoice.isPending) return null;
  const state = paymentState(invoice.data ?? null, order.status);
  const good = state.badge === "SETTLED" || state.badge === "PROCESSING";
  const bad = state.badge === "EXPIRED" || state.badge === "INVALID" || state.badge === "PARTIAL";
  return (
    <section aria-labelledby="payment-title" className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8 sm:p-6">
      <div className="flex items-center justify-between gap-3">
        <h2 id="payment-title" className="text-lg font-bold">
          Payment
        </h2>
        <p
          role="status"
          className={cn("rounded-full px-2.5 py-1 text-xs font-bold tracking-wide", good ? "bg-emerald-50 text-emerald-800" : bad ? "bg-amber-50 text-amber-900" : "bg-espresso/6 text-espresso/70")}
        >
          <span className="sr-only">Payment status: </span>
          {state.badge}
        </p>
      </div>
      <p className="mt-2 font-semibold">{state.title}</p>
      <p className="text-sm text-espresso/70">{state.detail}</p>
      {state.action ? (
        <Link href={`/shops/${order.shop.slug}/checkout?${new URLSearchParams({ order: order.id, ...(order.trackingToken ? { token: order.trackingToken } : {}) })}`} className={buttonClasses({ className: "mt-4" })}>
          {state.action}
        </Link>
      ) : null}
    </section>
  );
}
