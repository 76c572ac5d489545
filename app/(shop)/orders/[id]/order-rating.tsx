import { RateOrder } from "@/components/feedback/rate-order";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ratingForCustomer } from "@/lib/feedback/ratings";
import type { OrderView } from "@/lib/orders/view";
import { rateOrderAction } from "@/app/(shop)/rating-actions";
import { isOrderCustomer } from "./customer";

/** The tracking page's rating form, for a collected order, shown to its customer (owner or token holder) only. */
export async function OrderRating({ order, token }: { order: OrderView; token: string | null }) {
  if (order.status !== "CLAIMED") return null;
  const user = await getSessionUser();
  if (!(await isOrderCustomer(order, user, token))) return null;
  const initial = await ratingForCustomer(db(), order.id, { user, token });
  return (
    <div className="mx-auto mt-8 max-w-xl">
      <RateOrder order={{ id: order.id, trackingToken: token }} initial={initial} rateOrder={rateOrderAction} />
    </div>
  );
}
