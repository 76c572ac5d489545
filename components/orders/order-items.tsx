import type { OrderView } from "@/lib/orders/view";
import { formatMoney } from "@/lib/ui/money";
import { TotalsList } from "@/components/cart/totals-list";

const PAYMENT_LABELS: Record<OrderView["paymentMethod"], string> = { PAY_AT_PICKUP: "Pay at pickup", CRYPTO: "Crypto wallet" };

/** What was ordered, as it was priced then (snapshots), and the totals. */
export function OrderItems({ order }: { order: OrderView }) {
  return (
    <section aria-labelledby="items-title" className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8 sm:p-6">
      <h2 id="items-title" className="text-lg font-bold">
        Items
      </h2>
      <ul className="divide-y divide-espresso/8">
        {order.items.map((item) => (
          <li key={item.id} className="flex justify-between gap-4 py-3.5">
            <div className="min-w-0">
              <p className="font-semibold">
                <span className="tabular-nums">{item.quantity} ×</span> {item.productName}
              </p>
              {item.options.length > 0 ? <p className="mt-0.5 text-sm text-espresso/75">{item.options.map((o) => o.optionName).join(", ")}</p> : null}
              {item.notes ? <p className="mt-0.5 text-sm text-espresso/75 italic">“{item.notes}”</p> : null}
            </div>
            <p className="shrink-0 font-semibold tabular-nums">{formatMoney(item.lineTotalCents, order.currency)}</p>
          </li>
        ))}
      </ul>
      <TotalsList totals={order} currency={order.currency} className="border-t border-espresso/8 pt-4" />
      <dl className="mt-4 space-y-1 border-t border-espresso/8 pt-4 text-sm">
        <div className="flex justify-between gap-4">
          <dt className="text-espresso/75">Payment</dt>
          <dd>{PAYMENT_LABELS[order.paymentMethod]}</dd>
        </div>
        {order.receiptTo ? (
          <div className="flex justify-between gap-4">
            <dt className="text-espresso/75">Receipt</dt>
            <dd className="text-right">Emailed to {order.receiptTo} when you collect</dd>
          </div>
        ) : null}
        {order.notes ? (
          <div className="flex justify-between gap-4">
            <dt className="text-espresso/75">Note</dt>
            <dd className="text-right">{order.notes}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
