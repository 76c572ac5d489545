import type { Db } from "@/lib/db";
import { authorizeOrder, type OrderViewer } from "./access";
import { lockOrder, transitionOrder } from "./transition";

/**
 * The customer cancels their order; allowed until preparation starts (see the state machine).
 * An account's order by that account, a guest order with its tracking token (access.ts).
 */
export async function cancelOrderByCustomer(db: Db, orderId: string, viewer: OrderViewer, now = new Date()): Promise<void> {
  await authorizeOrder(db, orderId, viewer, "cancel");
  await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new Error(`order ${orderId} vanished while being cancelled`);
    await transitionOrder(tx, order, "CANCELLED", { actor: "customer", actorId: viewer.user?.id ?? "customer", reason: "At the customer's request", now });
  });
}
