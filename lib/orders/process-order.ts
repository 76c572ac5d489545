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
 *
 * An order for later (a pickup time) gets its stock now, so the promise holds, and then waits:
 * PLACED → SCHEDULED, its ETA the promised time; the release (schedule/release.ts) queues it at
 * its fire time. A crypto order for later gets here once paid, like any other.
 */

/** Backlog is summed over at most this many open orders per shop: deeper queues saturate the estimate. */
const BACKLOG_ORDERS = 200;
const ACTOR = "system:order-processor";

export type ProcessOutcome = { outcome: "queued"; etaAt: Date } | { outcome: "scheduled"; pickupAt: Date } | { outcome: "cancelled"; reason: string } | { outcome: "skipped"; status: string };

export async function processPlacedOrder(tx: Prisma.TransactionClient, orderId: string, now = new Date()): Promise<ProcessOutcome> {
  return (await processPlacedOrders(tx, [orderId], now)).get(orderId)!;
}

type ItemRow = { orderId: string; quantity: number; station: Station; options: OptionSnapshot[]; prepSeconds: number; recipe: RecipeLineDef[] };
type ShopRow = { id: string; basePrepMinutes: number; backlog: { station: Station; seconds: number }[] };
type StationSeconds = Partial<Record<Station, number>>;
/** What one placed order asks of its shop: ingredients, and preparation seconds per station. */
type Work = { order: OrderRef; needs: Requirement; ownSeconds: StationSeconds; pickupAt: Date | null };
type Plan = { reservations: { shopId: string; orderId: string; needs: Requirement }[]; queued: Move[]; short: { order: OrderRef; ingredientIds: string[] }[] };

/** Read → plan → write: lock the orders and read what they need, decide each one's fate, then carry it out. */
export async function processPlacedOrders(tx: Prisma.TransactionClient, orderIds: readonly string[], now = new Date()): Promise<Map<string, ProcessOutcome>> {
  const { placed, pickups, outcomes } = await lockPlacedOrders(tx, orderIds);
  if (placed.length === 0) return outcomes;
  // Reads first, the stock locks last: every order of a shop needs the same stock rows, and their
  // locks are held from the reservation to the commit.
  const shopIds = [...new Set(placed.map((o) => o.shopId))];
  const { items, shops } = await readOrderWork(tx, placed, shopIds);
  const work = orderWork(placed, items, pickups);
  const stock = await lockStock(tx, shopIds, [...new Set(work.flatMap((w) => [...w.needs.keys()]))]);
  const plan = planOrders(work, stock, shops, now);
  await carryOut(tx, plan, now, outcomes);
  return outcomes;
}

/** Locks the orders (in id order, so two batches sharing orders cannot deadlock); those no longer PLACED are skipped. */
async function lockPlacedOrders(
  tx: Prisma.TransactionClient,
  orderIds: readonly string[],
): Promise<{ placed: OrderRef[]; pickups: Map<string, Date>; outcomes: Map<string, ProcessOutcome> }> {
  const outcomes = new Map<string, ProcessOutcome>();
  const pickups = new Map<string, Date>();
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return { placed: [], pickups, outcomes };
  const locked = await tx.$queryRaw<(OrderRef & { pickupAt: Date | null })[]>`
    SELECT id, shop_id AS "shopId", status, version, pickup_code AS "pickupCode", pickup_at AS "pickupAt" FROM orders WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const byId = new Map(
    locked.map(({ pickupAt, ...o }) => {
      if (pickupAt) pickups.set(o.id, new Date(pickupAt));
      return [o.id, o];
    }),
  );
  const placed: OrderRef[] = [];
  for (const id of ids) {
    const order = byId.get(id);
    if (!order) outcomes.set(id, { outcome: "skipped", status: "missing" });
    else if (order.status !== "PLACED") outcomes.set(id, { outcome: "skipped", status: order.status });
    else placed.push(order);
  }
  return { placed, pickups, outcomes };
}

/** The orders' items with their recipes, and each shop's base time and the work already queued per station. */
async function readOrderWork(tx: Prisma.TransactionClient, placed: readonly OrderRef[], shopIds: readonly string[]): Promise<{ items: ItemRow[]; shops: ShopRow[] }> {
  // One after the other: a transaction's queries share one connection (pg refuses overlapping ones from v9).
  const items = await tx.$queryRaw<ItemRow[]>`
      SELECT i.order_id AS "orderId", i.quantity, i.station, i.options, p.prep_seconds AS "prepSeconds",
        (SELECT coalesce(json_agg(json_build_object('ingredientId', r.ingredient_id, 'optionId', r.option_id, 'quantity', r.quantity, 'scalesWithSize', r.scales_with_size)), '[]')
         FROM recipe_lines r WHERE r.product_id = i.product_id) AS recipe
      FROM order_items i JOIN products p ON p.id = i.product_id
      WHERE i.order_id = ANY(${placed.map((o) => o.id)}::uuid[])`;
  // The backlog is summed over each shop's oldest open orders.
  const shops = await tx.$queryRaw<ShopRow[]>`
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
      FROM shops s WHERE s.id = ANY(${shopIds}::uuid[])`;
  return { items, shops };
}

/** Each order's ingredients (its recipes, scaled by size and options) and preparation seconds per station. Pure. */
function orderWork(placed: readonly OrderRef[], items: readonly ItemRow[], pickups: ReadonlyMap<string, Date>): Work[] {
  const itemsOf = groupBy(items, (i) => i.orderId);
  return placed.map((order) => {
    const needs: Requirement = new Map();
    const ownSeconds: StationSeconds = {};
    for (const item of itemsOf.get(order.id) ?? []) {
      const scalePct = item.options.reduce((pct, o) => (pct * o.recipeScalePct) / 100, 100);
      addRequirements(needs, lineRequirements(item.recipe, new Set(item.options.map((o) => o.optionId)), Math.round(scalePct), item.quantity));
      ownSeconds[item.station] = (ownSeconds[item.station] ?? 0) + item.prepSeconds * item.quantity;
    }
    return { order, needs, ownSeconds, pickupAt: pickups.get(order.id) ?? null };
  });
}

/**
 * Each shop's stock, walked in the orders' order: an order that fits takes its share and queues
 * behind the work ahead of it (its ETA), one that does not is short. Pure; `stock` is used up.
 */
function planOrders(work: readonly Work[], stock: Map<string, Map<string, number>>, shops: readonly ShopRow[], now: Date): Plan {
  const basePrep = new Map(shops.map((s) => [s.id, s.basePrepMinutes]));
  const queueSeconds = new Map<string, StationSeconds>(shops.map((s) => [s.id, Object.fromEntries(s.backlog.map((b) => [b.station, b.seconds]))]));
  const plan: Plan = { reservations: [], queued: [], short: [] };
  for (const { order, needs, ownSeconds, pickupAt } of work) {
    const available = stock.get(order.shopId) ?? new Map<string, number>();
    const missing = shortages(needs, available);
    if (missing.length > 0) {
      plan.short.push({ order, ingredientIds: missing });
      continue;
    }
    for (const [ingredientId, qty] of needs) available.set(ingredientId, available.get(ingredientId)! - qty);
    plan.reservations.push({ shopId: order.shopId, orderId: order.id, needs });
    if (pickupAt) {
      // Waits outside the queue (not work ahead of anyone yet) until its fire time.
      plan.queued.push({ order, to: "SCHEDULED", etaAt: pickupAt });
      continue;
    }
    let ahead = queueSeconds.get(order.shopId);
    if (!ahead) queueSeconds.set(order.shopId, (ahead = {}));
    const etaAt = estimateReadyAt({ now, basePrepMinutes: basePrep.get(order.shopId) ?? 0, backlogSeconds: ahead, ownSeconds });
    for (const [station, seconds] of Object.entries(ownSeconds) as [Station, number][]) ahead[station] = (ahead[station] ?? 0) + seconds;
    plan.queued.push({ order, to: "QUEUED", etaAt });
  }
  return plan;
}

/** Reserves the stock, names what the short orders lack, and moves every order in one go. */
async function carryOut(tx: Prisma.TransactionClient, plan: Plan, now: Date, outcomes: Map<string, ProcessOutcome>): Promise<void> {
  await reserveStockForOrders(tx, plan.reservations);
  for (const { order, to, etaAt } of plan.queued) outcomes.set(order.id, to === "SCHEDULED" ? { outcome: "scheduled", pickupAt: etaAt! } : { outcome: "queued", etaAt: etaAt! });
  const cancelled: Move[] = [];
  if (plan.short.length > 0) {
    const names = new Map(
      (await tx.ingredient.findMany({ where: { id: { in: [...new Set(plan.short.flatMap((s) => s.ingredientIds))] } }, select: { id: true, name: true } })).map((i) => [i.id, i.name.toLowerCase()]),
    );
    for (const { order, ingredientIds } of plan.short) {
      const reason = `Out of ${ingredientIds.map((id) => names.get(id)!).sort().join(" and ")}`;
      cancelled.push({ order, to: "CANCELLED", reason });
      outcomes.set(order.id, { outcome: "cancelled", reason });
    }
  }
  await transitionOrders(tx, [...plan.queued, ...cancelled], { actor: "system", actorId: ACTOR, now });
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
