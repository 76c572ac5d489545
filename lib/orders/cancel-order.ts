import { DomainError } from "@/lib/actions/result";
import { can } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db";
import { lockOrder, transitionOrder } from "./transition";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The customer cancels their order; allowed until preparation starts (see the state machine).
 * A guest order is cancelled by whoever holds its (unguessable) id; an account's order only by
 * that account.
 */
export async function cancelOrderByCustomer(db: Db, orderId: string, requester: SessionUser | null, now = new Date()): Promise<void> {
  if (!UUID.test(orderId)) throw new DomainError("not_found", "There is no such order.");
  await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new DomainError("not_found", "There is no such order.");
    const { userId } = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { userId: true } });
    if (userId && !can(requester, "order:cancel-own", { ownerId: userId })) {
      throw new DomainError(requester ? "forbidden" : "unauthenticated", requester ? "This order belongs to another account." : "Sign in to cancel this order.");
    }
    await transitionOrder(tx, order, "CANCELLED", { actor: "customer", actorId: requester?.id ?? "customer", reason: "At the customer's request", now });
  });
}
