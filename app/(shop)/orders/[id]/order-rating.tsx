import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ratingForCustomer } from "@/lib/feedback/ratings";
import type { OrderView } from "@/lib/orders/view";
import type { OrderRating } from "@/components/orders/order-tracker";
import { rateOrderAction } from "@/app/(shop)/rating-actions";
import { isOrderCustomer } from "./customer";

/**
 * What the tracking page needs to offer "Rate this order" to the order's customer (owner or token
 * holder) only: the tracker shows the form once the order is collected, at load or live as the
 * barista hands it over. Null for anyone else (staff looking at it, a stranger).
 */
export async function orderRating(order: OrderView, token: string | null): Promise<OrderRating | null> {
  const user = await getSessionUser();
  if (!(await isOrderCustomer(order, user, token))) return null;
  const initial = order.status === "CLAIMED" ? await ratingForCustomer(db(), order.id, { user, token }) : null;
  return { token, initial, rateOrder: rateOrderAction };
}
