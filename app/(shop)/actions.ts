"use server";

import { DomainError, runAction, type ActionResult } from "@/lib/actions/result";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { cancelOrderByCustomer } from "@/lib/orders/cancel-order";
import type { PlaceOrderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { getOrderView, type OrderView } from "@/lib/orders/view";

/** Places an order from the checkout form; the same implementation as POST /api/orders. */
export async function placeOrderAction(input: PlaceOrderInput, idempotencyKey: string): Promise<ActionResult<{ orderId: string }>> {
  return runAction(async () => {
    const user = await getSessionUser();
    const { order } = await placeOrder(db(), input, { idempotencyKey, userId: user?.id ?? null });
    return { orderId: order.id };
  });
}

export async function cancelOrderAction(orderId: string): Promise<ActionResult<OrderView>> {
  return runAction(async () => {
    await cancelOrderByCustomer(db(), orderId, await getSessionUser());
    const view = await getOrderView(db(), orderId);
    if (!view) throw new DomainError("not_found", "There is no such order.");
    return view;
  });
}
