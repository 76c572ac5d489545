"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { hasEnded } from "@/lib/orders/state-machine";
import type { OrderView } from "@/lib/orders/view";
import { CancelOrderButton, type CancelOrder } from "./cancel-order-button";
import { OrderItems } from "./order-items";
import { PaymentStatus } from "./payment-status";
import { PickupCard } from "./pickup-card";
import { ReadyNotifications } from "./ready-notifications";
import { RateOrder, type RateOrder as RateOrderAction } from "@/components/feedback/rate-order";
import type { RatingView } from "@/lib/feedback/ratings";
import { StatusPanel } from "./status-panel";
import { shopClock } from "./status-labels";
import { putOrder, useLiveOrder } from "./use-live-order";

/** Set for the order's customer when this server sends Web Push: the page offers "Notify me when it's ready". */
export type ReadyNotify = { vapidPublicKey: string; token: string | null };

/** Set for the order's customer: "Rate this order" once it is collected (the rating given so far, if any). */
export type OrderRating = { token: string | null; initial: RatingView | null; rateOrder: RateOrderAction };

/**
 * The customer's tracking page: live status, pickup code and QR, the items, cancelling while
 * allowed, the ready notification, and the rating form the moment the order is collected.
 */
export function OrderTracker({ initialOrder, cancelOrder, notify = null, rating = null }: { initialOrder: OrderView; cancelOrder: CancelOrder; notify?: ReadyNotify | null; rating?: OrderRating | null }) {
  const client = useQueryClient();
  const { order, connection } = useLiveOrder(initialOrder);
  const ended = hasEnded(order.status);

  return (
    <>
      <Link href={`/shops/${order.shop.slug}`} className="text-sm font-medium text-espresso/75 hover:text-espresso">
        ← Back to menu
      </Link>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Your order</h1>
      <p className="mt-1.5 text-sm text-espresso/75">
        <span className="font-semibold text-espresso">{order.shop.name}</span> · placed at {shopClock(order.placedAt, order.shop.timezone)}
      </p>

      {/* One column on phones (status, code, items); on wide screens the code sits on the right. */}
      <div className="mt-6 grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-x-8">
        <div className="lg:col-start-1">
          <StatusPanel order={order} connection={connection} />
        </div>
        {ended ? null : (
          <div className="lg:sticky lg:top-6 lg:col-start-2 lg:row-span-3 lg:row-start-1 lg:self-start">
            <PickupCard shopSlug={order.shop.slug} pickupCode={order.pickupCode} customerName={order.customerName} />
          </div>
        )}
        {order.paymentMethod === "CRYPTO" ? (
          <div className="lg:col-start-1">
            <PaymentStatus order={order} />
          </div>
        ) : null}
        <div className="lg:col-start-1">
          <OrderItems order={order} />
        </div>
        {order.canCancel ? (
          <div className="lg:col-start-1">
            <CancelOrderButton order={order} cancelOrder={cancelOrder} onCancelled={(view) => putOrder(client, view)} />
          </div>
        ) : null}
        {/* Offered while the order is on its way: once it is ready (or over) there is nothing left to be told. */}
        {notify && !ended && order.status !== "READY" ? (
          <div className="lg:col-start-1">
            <ReadyNotifications orderId={order.id} token={notify.token} pickupCode={order.pickupCode} vapidPublicKey={notify.vapidPublicKey} />
          </div>
        ) : null}
        {rating && order.status === "CLAIMED" ? (
          <div className="lg:col-start-1">
            <RateOrder order={{ id: order.id, trackingToken: rating.token }} initial={rating.initial} rateOrder={rating.rateOrder} />
          </div>
        ) : null}
      </div>
    </>
  );
}
