import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import type { OrderView } from "@/lib/orders/view";

/** True when the page is open by the order's customer (its owner signed in, or a guest with the token), not by staff. */
export async function isOrderCustomer(order: OrderView, user: SessionUser | null, token: string | null): Promise<boolean> {
  if (order.trackingToken) return order.trackingToken === token;
  return user !== null && (await db().order.count({ where: { id: order.id, userId: user.id } })) === 1;
}
