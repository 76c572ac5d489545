import type { Db } from "@/lib/db";
import type { BatchHandler } from "@/lib/kafka/consumer";
import type { AgentModel } from "../core/provider";
import { inventoryDeps, STOCK_EVENT_TYPES, stockTouched } from "../inventory/handlers";
import { coordinateShop, type CoordinatorDeps } from "./agent";
import type { KeyedThrottle } from "../core/throttle";

export const COORDINATOR_CONSUMER = "agents-coordinator";

/** The coordinator reads the same ledger usage as the inventory agent, with the same per-process cache. */
export function coordinatorDeps(model: AgentModel, now: () => Date = () => new Date()): CoordinatorDeps {
  const { usage } = inventoryDeps(model, now);
  return { model, now, usage };
}

/**
 * The inventory agent's stock events (orders reserved, released or collected, deliveries, transfers)
 * in its own consumer group: each batch looks once at every shop whose stock moved, as a receiver,
 * in the batch's transaction and in shop id order (the inventory agent takes the same per-shop
 * locks in the same order). Redelivered events are skipped by the consumer; a repeated look at
 * the same state proposes nothing new (one open transfer per receiver and ingredient). With a
 * model configured, `defer` takes the shop instead (the model call does not fit the consumer's
 * transaction), as in the inventory agent.
 */
export function coordinatorHandler(deps: CoordinatorDeps, defer?: (shopId: string, eventId: string) => void, throttle?: KeyedThrottle<string>): BatchHandler {
  return {
    types: STOCK_EVENT_TYPES,
    wants: (e) => stockTouched(e).length > 0,
    async handle(events, { tx }) {
      const lastEventOfShop = new Map<string, string>();
      for (const e of events) for (const shopId of stockTouched(e)) lastEventOfShop.set(shopId, e.id);
      for (const [shopId, eventId] of [...lastEventOfShop].sort(([a], [b]) => a.localeCompare(b))) {
        if (deps.model && defer) defer(shopId, eventId);
        // A shop looked at moments ago waits for the throttle's trailing run (in a transaction of its own, via defer).
        else if (!throttle || throttle.take(shopId, eventId)) await coordinateShop(tx, deps, shopId, eventId);
      }
    },
  };
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
