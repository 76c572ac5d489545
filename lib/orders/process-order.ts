import type { Station } from "@/lib/catalog/types";
import type { Prisma } from "@/lib/db";
import { addRequirements, lineRequirements, type Requirement } from "@/lib/inventory/requirements";
import { reserveStock } from "@/lib/inventory/reservations";
import type { OptionSnapshot } from "./build-order";
import { estimateReadyAt } from "./eta";
import { lockOrder, transitionOrder } from "./transition";

/**
 * The order processor's step for a placed order (inside the consumer's transaction): reserve the
 * stock its recipes need, then queue it with an ETA, or cancel it with a reason the customer sees
 * ("Out of oat milk") when stock ran out since it was placed. Orders that already moved on are
 * left alone, so a redelivered event changes nothing.
 */

/** Backlog is summed over at most this many open orders: deeper queues saturate the estimate. */
const BACKLOG_ORDERS = 200;
const ACTOR = "system:order-processor";

export type ProcessOutcome = { outcome: "queued"; etaAt: Date } | { outcome: "cancelled"; reason: string } | { outcome: "skipped"; status: string };

export async function processPlacedOrder(tx: Prisma.TransactionClient, orderId: string, now = new Date()): Promise<ProcessOutcome> {
  const order = await lockOrder(tx, orderId);
  if (!order) return { outcome: "skipped", status: "missing" };
  if (order.status !== "PLACED") return { outcome: "skipped", status: order.status };

  const items = await tx.orderItem.findMany({ where: { orderId }, select: { productId: true, quantity: true, station: true, options: true, product: { select: { prepSeconds: true } } } });
  const recipes = await tx.recipeLine.findMany({ where: { productId: { in: [...new Set(items.map((i) => i.productId))] } } });

  const needs: Requirement = new Map();
  const ownSeconds: Partial<Record<Station, number>> = {};
  for (const item of items) {
    const options = item.options as OptionSnapshot[];
    const scalePct = options.reduce((pct, o) => (pct * o.recipeScalePct) / 100, 100);
    const recipe = recipes.filter((r) => r.productId === item.productId);
    addRequirements(needs, lineRequirements(recipe, new Set(options.map((o) => o.optionId)), Math.round(scalePct), item.quantity));
    ownSeconds[item.station] = (ownSeconds[item.station] ?? 0) + item.product.prepSeconds * item.quantity;
  }

  // Reads first, the stock reservation last: every order of a shop needs the same stock rows,
  // and their locks are held from the reservation to the commit.
  const [shop, backlog] = await Promise.all([
    tx.shop.findUniqueOrThrow({ where: { id: order.shopId }, select: { basePrepMinutes: true } }),
    tx.$queryRaw<{ station: Station; seconds: number }[]>`
      SELECT i.station, sum(p.prep_seconds * i.quantity)::int AS seconds
      FROM (SELECT id FROM orders WHERE shop_id = ${order.shopId}::uuid AND status IN ('QUEUED', 'PREPARING') ORDER BY placed_at LIMIT ${BACKLOG_ORDERS}) o
      JOIN order_items i ON i.order_id = o.id AND i.status = 'PENDING'
      JOIN products p ON p.id = i.product_id
      GROUP BY i.station`,
  ]);
  const etaAt = estimateReadyAt({ now, basePrepMinutes: shop.basePrepMinutes, backlogSeconds: Object.fromEntries(backlog.map((b) => [b.station, b.seconds])), ownSeconds });
  const { short } = await reserveStock(tx, order.shopId, orderId, needs);
  if (short.length > 0) {
    const names = await tx.ingredient.findMany({ where: { id: { in: short } }, select: { name: true }, orderBy: { name: "asc" } });
    const reason = `Out of ${names.map((n) => n.name.toLowerCase()).join(" and ")}`;
    await transitionOrder(tx, order, "CANCELLED", { actor: "system", actorId: ACTOR, reason, now });
    return { outcome: "cancelled", reason };
  }

  await transitionOrder(tx, order, "QUEUED", { actor: "system", actorId: ACTOR, now, data: { etaAt } });
  return { outcome: "queued", etaAt };
}
