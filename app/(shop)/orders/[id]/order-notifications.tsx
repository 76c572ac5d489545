import { ReadyNotifications } from "@/components/orders/ready-notifications";
import { getSessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { hasEnded } from "@/lib/orders/state-machine";
import type { OrderView } from "@/lib/orders/view";
import { isOrderCustomer } from "./customer";

/** The tracking page's "Notify me when it's ready", for the order's customer while it is on its way, when this server sends Web Push. */
export async function OrderNotifications({ order, token }: { order: OrderView; token: string | null }) {
  const vapidPublicKey = env().VAPID_PUBLIC_KEY;
  if (!vapidPublicKey || hasEnded(order.status) || order.status === "READY") return null;
  if (!(await isOrderCustomer(order, await getSessionUser(), token))) return null;
  return <ReadyNotifications orderId={order.id} token={token} pickupCode={order.pickupCode} vapidPublicKey={vapidPublicKey} />;
}
