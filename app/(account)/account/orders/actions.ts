"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { DomainError } from "@/lib/errors";
import { authorize, requireUser } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { cachedShopMenu } from "@/lib/catalog/menu-cache";
import { placeOrder } from "@/lib/orders/place-order";
import { getReorderSource } from "@/lib/orders/customer-orders";
import { reorderInput } from "./reorder";

const reorderForm = z.object({
  orderId: z.uuid({ error: "There is no such order." }),
  idempotencyKey: z.string().min(8).max(128),
});

export type ReorderState = ActionResult<{ orderId: string }> | null;

/**
 * "Order again": places a new order with the same items as one of the user's past orders and
 * opens its tracking page. The form's idempotency key makes a double click place one order.
 */
export async function reorderAction(_previous: ReorderState, form: FormData): Promise<ReorderState> {
  const result = await runAction(async () => {
    const user = requireUser(await getSessionUser());
    const { orderId, idempotencyKey } = reorderForm.parse({ orderId: form.get("orderId"), idempotencyKey: form.get("idempotencyKey") });
    const source = await getReorderSource(db(), orderId);
    if (!source) throw new DomainError("not_found", "There is no such order.");
    authorize(user, "order:view-own", { ownerId: source.userId });
    const input = reorderInput(source, user.name, await cachedShopMenu(db(), source.shopSlug));
    const { order } = await placeOrder(db(), input, { userId: user.id, idempotencyKey });
    return { orderId: order.id };
  });
  if (result.ok) redirect(`/orders/${result.data.orderId}`);
  return result;
}
