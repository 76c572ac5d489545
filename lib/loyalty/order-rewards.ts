import type { Prisma } from "@/lib/db";
import { earnForOrder, returnFreeDrink } from "./ledger";

type Tx = Prisma.TransactionClient;

export type StatusChange = { orderId: string; to: string };

/**
 * What order status changes mean for loyalty, applied in the consumer's transaction: a collected
 * pay-at-pickup order earns its customer beans (crypto orders earn when their invoice settles,
 * lib/payments/apply.ts; an order the beans paid in full earns nothing), and a cancelled order
 * gives back the beans its free drink spent. Both happen once per order however often an event
 * is delivered (the ledger is unique per order and reason).
 */
export async function applyOrderRewards(tx: Tx, changes: readonly StatusChange[]): Promise<{ earned: number; returned: number }> {
  let earned = 0;
  let returned = 0;
  for (const { orderId } of changes.filter((c) => c.to === "CANCELLED")) {
    if (await returnFreeDrink(tx, orderId)) returned++;
  }
  const claimed = changes.filter((c) => c.to === "CLAIMED").map((c) => c.orderId);
  if (claimed.length > 0) {
    const orders = await tx.order.findMany({
      where: { id: { in: claimed }, userId: { not: null }, paymentMethod: "PAY_AT_PICKUP", totalCents: { gt: 0 } },
      select: { id: true, userId: true },
      orderBy: { id: "asc" },
    });
    for (const order of orders) if (await earnForOrder(tx, order.userId!, order.id)) earned++;
  }
  return { earned, returned };
}
