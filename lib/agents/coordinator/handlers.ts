import type { Db } from "@/lib/db";
import type { BatchHandler } from "@/lib/kafka/consumer";
import type { AgentModel } from "../core/provider";
import { inventoryDeps, stockEventsHandler } from "../inventory/handlers";
import { coordinateShop, type CoordinatorDeps } from "./agent";
import type { KeyedThrottle } from "../core/throttle";

export const COORDINATOR_CONSUMER = "agents-coordinator";

/** The coordinator reads the same ledger usage as the inventory agent, with the same per-process cache. */
export function coordinatorDeps(model: AgentModel, now: () => Date = () => new Date()): CoordinatorDeps & { forget: (shopId: string) => void } {
  const { usage, forget } = inventoryDeps(model, now);
  return { model, now, usage, forget };
}

/**
 * The inventory agent's stock events in the coordinator's own consumer group (stockEventsHandler):
 * each batch looks once at every shop whose stock moved, as a receiver. A repeated look at the same
 * state proposes nothing new (one open transfer per receiver and ingredient).
 */
export function coordinatorHandler(deps: CoordinatorDeps & { forget?: (shopId: string) => void }, later?: (shopId: string, eventId: string) => void, throttle?: KeyedThrottle<string>): BatchHandler {
  return stockEventsHandler((tx, shopId, eventId) => coordinateShop(tx, deps, shopId, eventId), { deferAll: Boolean(deps.model), later, throttle, calendarChanged: deps.forget });
}

/** One shop in a transaction of its own, long enough for two model calls. */
export function coordinateOnItsOwn(db: Db, deps: CoordinatorDeps, shopId: string, eventId: string | null) {
  return db.$transaction((tx) => coordinateShop(tx, deps, shopId, eventId), { timeout: 2 * (deps.model?.timeoutMs ?? 0) + 30_000 });
}

/**
 * Every active shop once, at start-up and then now and then: a neighbour whose stock grew (a
 * delivery) can help a short shop no event of its own has touched since.
 */
export async function sweepShops(db: Db, deps: CoordinatorDeps): Promise<number> {
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } });
  for (const shop of shops) await coordinateOnItsOwn(db, deps, shop.id, null);
  return shops.length;
}
