import { orderApiPath } from "@/lib/orders/links";
import type { InvoiceView } from "@/lib/payments/invoices";

export type OrderRef = { id: string; trackingToken: string | null };

export const invoiceQueryKey = (orderId: string) => ["invoice", orderId] as const;

/** The order's latest invoice, or null when it has none yet. */
export async function fetchInvoice(order: OrderRef): Promise<InvoiceView | null> {
  const response = await fetch(orderApiPath(order, "/invoice"), { cache: "no-store" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error("We could not load the payment. Retrying…");
  return (await response.json()).invoice as InvoiceView;
}
