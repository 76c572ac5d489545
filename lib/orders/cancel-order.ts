import { DomainError } from "@/lib/actions/result";
import type { Db } from "@/lib/db";
import { lockOrder, transitionOrder } from "./transition";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer cancels their order; allowed until preparation starts (see the state machine). */
export async function cancelOrderByCustomer(db: Db, orderId: string, now = new Date()): Promise<void> {
  if (!UUID.test(orderId)) throw new DomainError("not_found", "There is no such order.");
  await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new DomainError("not_found", "There is no such order.");
    await transitionOrder(tx, order, "CANCELLED", { actor: "customer", actorId: "customer", reason: "Cancelled by the customer", now });
  });
}
