"use client";

import type { OrderView } from "@/lib/orders/view";
import { shopClock } from "./status-labels";
import { useNow } from "@/components/live/use-now";

const WAITING = new Set<OrderView["status"]>(["PLACED", "QUEUED", "PREPARING"]);
const PROMISED = new Set<OrderView["status"]>(["PENDING_PAYMENT", "PLACED", "SCHEDULED", "QUEUED", "PREPARING"]);

/**
 * "Ready in about 6 min · around 14:47", from etaAt, refreshed every 30 s; for an order for later,
 * the time promised: "Ready at 08:15" (the shop's time).
 */
export function OrderEta({ order }: { order: OrderView }) {
  const now = useNow(30_000);
  if (order.pickupAt) {
    if (!PROMISED.has(order.status)) return null;
    return (
      <p className="text-[0.95rem] text-espresso/75">
        <strong className="font-semibold text-espresso">Ready at {shopClock(order.pickupAt, order.shop.timezone)}</strong>
        {order.status === "SCHEDULED" || order.status === "PLACED" ? " · we start on it in time for your pickup" : null}
      </p>
    );
  }
  if (!order.etaAt || !WAITING.has(order.status)) return null;
  const at = shopClock(order.etaAt, order.shop.timezone);
  if (now === null) return <p className="text-[0.95rem] text-espresso/70">Ready around {at}</p>;
  const minutes = Math.ceil((Date.parse(order.etaAt) - now) / 60_000);
  return (
    <p className="text-[0.95rem] text-espresso/70">
      {minutes > 1 ? (
        <>
          Ready in about <strong className="font-semibold text-espresso">{minutes} min</strong> · around {at}
        </>
      ) : (
        <strong className="font-semibold text-espresso">Almost ready</strong>
      )}
    </p>
  );
}
