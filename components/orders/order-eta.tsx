"use client";

import type { OrderView } from "@/lib/orders/view";
import { shopClock } from "./status-labels";
import { useNow } from "@/components/live/use-now";

const WAITING = new Set<OrderView["status"]>(["PLACED", "QUEUED", "PREPARING"]);

/** "Ready in about 6 min · around 14:47", from etaAt, refreshed every 30 s. */
export function OrderEta({ order }: { order: OrderView }) {
  const now = useNow(30_000);
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
