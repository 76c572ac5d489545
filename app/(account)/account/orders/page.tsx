import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { BeanCard } from "@/components/account/bean-card";
import { buttonClasses } from "@/components/ui/button";
import { requireSignedIn } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { beanBalance, beanHistory } from "@/lib/loyalty/ledger";
import { formatMoney } from "@/lib/ui/money";
import { ReorderButton } from "./_components/reorder-button";
import { formatPlacedAt, itemsSummary, STATUS_LABELS } from "./format";
import { listCustomerOrders, ORDERS_PAGE_SIZE } from "@/lib/orders/customer-orders";
import { RateOrder } from "@/components/feedback/rate-order";
import { ratingFormFor, ratingsOfOrders } from "@/lib/feedback/ratings";
import { rateOrderAction } from "@/app/(shop)/rating-actions";

export const metadata: Metadata = { title: "My orders" };

export default async function MyOrdersPage() {
  const user = await requireSignedIn("/account/orders");
  const [orders, balance, history] = await Promise.all([listCustomerOrders(db(), user.id), beanBalance(db(), user.id), beanHistory(db(), user.id, 5)]);
  const ratings = await ratingsOfOrders(db(), user.id, orders.filter((o) => o.status === "CLAIMED").map((o) => o.id));
  const rateable = ratingFormFor(orders, ratings);
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">My orders</h1>
      <div className="mt-6">
        <BeanCard balance={balance} history={history} />
      </div>
      {orders.length === 0 ? (
        <div className="mt-8 rounded-2xl bg-white p-8 text-center ring-1 ring-espresso/10">
          <p className="font-semibold">You have no orders yet.</p>
          <p className="mt-1 text-espresso/70">Orders you place while signed in show up here.</p>
          <Link href="/" className={buttonClasses({ className: "mt-5" })}>
            Find a shop
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-2 text-espresso/70">{orders.length === ORDERS_PAGE_SIZE ? `Your ${ORDERS_PAGE_SIZE} most recent orders.` : "Newest first."}</p>
          <ol aria-label="Orders" className="mt-6 grid gap-3">
            {orders.map((order) => {
              const placed = formatPlacedAt(order.placedAt, order.shop.timezone);
              return (
                <li key={order.id}>
                  <article aria-label={`${order.shop.name}, ${placed}`} className="flex flex-wrap items-start justify-between gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10">
                    <div className="min-w-0 flex-1">
                      <h2 className="font-semibold">{order.shop.name}</h2>
                      <p className="text-sm text-espresso/75">
                        <time dateTime={order.placedAt.toISOString()}>{placed}</time> · {STATUS_LABELS[order.status]}
                      </p>
                      <p className="mt-2 text-sm">{itemsSummary(order.items)}</p>
                      <p className="mt-1 text-sm font-semibold">{formatMoney(order.totalCents, order.currency)}</p>
                    </div>
                    <div className="flex flex-col items-end gap-2">
                      <Link href={`/orders/${order.id}`} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                        View order
                      </Link>
                      <ReorderButton orderId={order.id} idempotencyKey={randomUUID()} label={`Order again: ${itemsSummary(order.items)} at ${order.shop.name}`} />
                    </div>
                    {rateable.has(order.id) ? (
                      <div className="w-full">
                        <RateOrder order={{ id: order.id, trackingToken: null }} initial={ratings.get(order.id) ?? null} rateOrder={rateOrderAction} />
                      </div>
                    ) : null}
                  </article>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
