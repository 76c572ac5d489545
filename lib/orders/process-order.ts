import type { Station } from "@/lib/catalog/types";
import type { Prisma } from "@/lib/db";
import { addRequirements, lineRequirements, shortages, type RecipeLineDef, type Requirement } from "@/lib/inventory/requirements";
import { lockStock, reserveStockForOrders } from "@/lib/inventory/reservations";
import type { OptionSnapshot } from "./build-order";
import { estimateReadyAt } from "./eta";
import { transitionOrders, type Move, type OrderRef } from "./transition";

/**
 * The order processor's step for placed orders (inside the consumer's transaction): reserve the
 * stock their recipes need, then queue each with an ETA, or cancel it with a reason the customer
 * sees ("Out of oat milk") when stock ran out since it was placed. Orders that already moved on
 * are left alone, so a redelivered event changes nothing.
 *
 * A whole Kafka batch is processed at once, in a fixed number of statements: at a few hundred
 * orders a second, per-order round trips and stock-row locks were the processor's limit. Within a
 * batch, orders are taken in the order given (the events' order): an earlier order gets the stock
 * first, and later ones queue behind it in the ETA.
 */

/** Backlog is summed over at most this many open orders per shop: deeper queues saturate the estimate. */
const BACKLOG_ORDERS = 200;
const ACTOR = "system:order-processor";

export type ProcessOutcome = { outcome: "queued"; etaAt: Date } | { outcome: "cancelled"; reason: string } | { outcome: "skipped"; status: string };

export async function processPlacedOrder(tx: Prisma.TransactionClient, orderId: string, now = new Date()): Promise<ProcessOutcome> {
  return (await processPlacedOrders(tx, [orderId], now)).get(orderId)!;
}

type ItemRow = { orderId: string; quantity: number; station: Station; options: OptionSnapshot[]; prepSeconds: number; recipe: RecipeLineDef[] };

export async function processPlacedOrders(tx: Prisma.TransactionClient, orderIds: readonly string[], now = new Date()): Promise<Map<string, ProcessOutcome>> {
  const outcomes = new Map<string, ProcessOutcome>();
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return outcomes;

  // Locked in id order, so two batches sharing orders cannot deadlock.
  const locked = await tx.$queryRaw<OrderRef[]>`
    SELECT id, shop_id AS "shopId", status, version, pickup_code AS "pickupCode" FROM orders WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const byId = new Map(locked.map((o) => [o.id, o]));
  const placed: OrderRef[] = [];
  for (const id of ids) {
    const order = byId.get(id);
    if (!order) outcomes.set(id, { outcome: "skipped", status: "missing" });
    else if (order.status !== "PLACED") outcomes.set(id, { outcome: "skipped", status: order.status });
    else placed.push(order);
  }
  if (placed.length === 0) return outcomes;

  // Reads first, the stock locks last: every order of a shop needs the same stock rows, and their
  // locks are held from the reservation to the commit.
  const shopIds = [...new Set(placed.map((o) => o.shopId))];
  const [items, shops] = await Promise.all([
    tx.$queryRaw<ItemRow[]>`
      SELECT i.order_id AS "orderId", i.quantity, i.station, i.options, p.prep_seconds AS "prepSeconds",
        (SELECT coalesce(json_agg(json_build_object('ingredientId', r.ingredient_id, 'optionId', r.option_id, 'quantity', r.quantity, 'scalesWithSize', r.scales_with_size)), '[]')
         FROM recipe_lines r WHERE r.product_id = i.product_id) AS recipe
      FROM order_items i JOIN products p ON p.id = i.product_id
      WHERE i.order_id = ANY(${placed.map((o) => o.id)}::uuid[])`,
    // Each shop's base time and the work already queued per station (over its oldest open orders).
    tx.$queryRaw<{ id: string; basePrepMinutes: number; backlog: { station: Station; seconds: number }[] }[]>`
      SELECT s.id, s.base_prep_minutes AS "basePrepMinutes",
        (SELECT coalesce(json_agg(json_build_object('station', b.station, 'seconds', b.seconds)), '[]') FROM (
           SELECT i.station, sum(p.prep_seconds * i.quantity)::int AS seconds
           -- One ordered index range per status (orders_shop_id_status_placed_at_idx): an IN list
           -- would fetch and sort every open order of the shop.
           FROM (SELECT id FROM (
                   (SELECT id, placed_at FROM orders WHERE shop_id = s.id AND status = 'QUEUED' ORDER BY placed_at LIMIT ${BACKLOG_ORDERS})
                   UNION ALL
                   (SELECT id, placed_at FROM orders WHERE shop_id = s.id AND status = 'PREPARING' ORDER BY placed_at LIMIT ${BACKLOG_ORDERS})
                 ) open ORDER BY placed_at LIMIT ${BACKLOG_ORDERS}) o
           JOIN order_items i ON i.order_id = o.id AND i.status = 'PENDING'
           JOIN products p ON p.id = i.product_id
           GROUP BY i.station) b) AS backlog
      FROM shops s WHERE s.id = ANY(${shopIds}::uuid[])`,
  ]);

  const itemsOf = groupBy(items, (i) => i.orderId);
  const needsOf = new Map<string, Requirement>();
  const ownSecondsOf = new Map<string, Partial<Record<Station, number>>>();
  for (const order of placed) {
    const needs: Requirement = new Map();
    const own: Partial<Record<Station, number>> = {};
    for (const item of itemsOf.get(order.id) ?? []) {
      const scalePct = item.options.reduce((pct, o) => (pct * o.recipeScalePct) / 100, 100);
      addRequirements(needs, lineRequirements(item.recipe, new Set(item.options.map((o) => o.optionId)), Math.round(scalePct), item.quantity));
      own[item.station] = (own[item.station] ?? 0) + item.prepSeconds * item.quantity;
    }
    needsOf.set(order.id, needs);
    ownSecondsOf.set(order.id, own);
  }

  // Each shop's stock, walked in order: an order that fits takes its share, one that does not is cancelled.
  const available = await lockStock(tx, shopIds, [...new Set([...needsOf.values()].flatMap((n) => [...n.keys()]))]);
  const basePrep = new Map(shops.map((s) => [s.id, s.basePrepMinutes]));
  const queueSeconds = new Map<string, Partial<Record<Station, number>>>(shopIds.map((id) => [id, {}]));
  for (const shop of shops) for (const b of shop.backlog) queueSeconds.get(shop.id)![b.station] = b.seconds;
  const reservations: { shopId: string; orderId: string; needs: Requirement }[] = [];
  const queued: Move[] = [];
  const short: { order: OrderRef; ingredientIds: string[] }[] = [];
  for (const order of placed) {
    const needs = needsOf.get(order.id)!;
    const stock = available.get(order.shopId) ?? new Map<string, number>();
    const missing = shortages(needs, stock);
    if (missing.length > 0) {
      short.push({ order, ingredientIds: missing });
      continue;
    }
    for (const [ingredientId, qty] of needs) stock.set(ingredientId, stock.get(ingredientId)! - qty);
    reservations.push({ shopId: order.shopId, orderId: order.id, needs });
    const own = ownSecondsOf.get(order.id)!;
    const ahead = queueSeconds.get(order.shopId)!;
    const etaAt = estimateReadyAt({ now, basePrepMinutes: basePrep.get(order.shopId) ?? 0, backlogSeconds: ahead, ownSeconds: own });
    for (const [station, seconds] of Object.entries(own) as [Station, number][]) ahead[station] = (ahead[station] ?? 0) + seconds;
    queued.push({ order, to: "QUEUED", etaAt });
    outcomes.set(order.id, { outcome: "queued", etaAt });
  }

  await reserveStockForOrders(tx, reservations);
  const cancelled: Move[] = [];
  if (short.length > 0) {
    const names = new Map(
      (await tx.ingredient.findMany({ where: { id: { in: [...new Set(short.flatMap((s) => s.ingredientIds))] } }, select: { id: true, name: true } })).map((i) => [i.id, i.name.toLowerCase()]),
    );
    for (const { order, ingredientIds } of short) {
      const reason = `Out of ${ingredientIds.map((id) => names.get(id)!).sort().join(" and ")}`;
      cancelled.push({ order, to: "CANCELLED", reason });
      outcomes.set(order.id, { outcome: "cancelled", reason });
    }
  }
  await transitionOrders(tx, [...queued, ...cancelled], { actor: "system", actorId: ACTOR, now });
  return outcomes;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
