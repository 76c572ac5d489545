import type { BatchHandler, ConsumedEvent } from "@/lib/kafka/consumer";
import type { EventType } from "@/lib/kafka/events";
import type { Db, Prisma } from "@/lib/db";
import { assessShop, type InventoryDeps } from "./agent";
import { ledgerUsage, type Usage } from "./state";
import type { AgentModel } from "../core/provider";
import type { KeyedThrottle } from "../core/throttle";

export const INVENTORY_CONSUMER = "agents-inventory";

/** Recent use changes slowly; reading 14 days of ledger on every batch would not. */
const USAGE_TTL_MS = 5 * 60_000;

/** Deps with a per-process cache of each shop's ledger usage (dropped for a shop whose calendar changed: `forget`). */
export function inventoryDeps(model: AgentModel, now: () => Date = () => new Date()): InventoryDeps & { forget: (shopId: string) => void } {
  const cache = new Map<string, { at: number; usage: Usage }>();
  return {
    model,
    now,
    forget: (shopId) => void cache.delete(shopId),
    async usage(tx: Prisma.TransactionClient, shopId: string) {
      const hit = cache.get(shopId);
      if (hit && now().getTime() - hit.at < USAGE_TTL_MS) return hit.usage;
      const usage = await ledgerUsage(tx, shopId, now());
      cache.set(shopId, { at: now().getTime(), usage });
      return usage;
    },
  };
}

/** Order statuses that move stock: reserved (scheduled or queued), released (cancelled), used (claimed). */
const MOVES_STOCK = new Set(["SCHEDULED", "QUEUED", "CANCELLED", "CLAIMED"]);

/** The events that move a shop's stock (or what is coming to it): the inventory agent's and the coordinator's input. */
export const STOCK_EVENT_TYPES = ["order.status_changed", "inventory.delivery_received", "inventory.transfer_changed", "inventory.suppliers_changed", "inventory.calendar_changed"] as const satisfies readonly EventType[];

/** The shops whose stock an event moved: an order's shop when it is reserved, released or used; a delivery's shop; both ends of a transfer; a shop whose supplier settings or calendar changed. */
export function stockTouched(e: ConsumedEvent): string[] {
  switch (e.type) {
    case "order.status_changed":
      return MOVES_STOCK.has(e.payload.to) ? [e.payload.shopId] : [];
    case "inventory.delivery_received":
    case "inventory.suppliers_changed":
    case "inventory.calendar_changed":
      return [e.payload.shopId];
    case "inventory.transfer_changed":
      return [e.payload.toShopId, e.payload.fromShopId];
    default:
      return [];
  }
}

/** Looks at one shop inside the caller's transaction, after the event that made it worth a look. */
export type ShopLook = (tx: Prisma.TransactionClient, shopId: string, eventId: string) => Promise<unknown>;

/**
 * The stock agents' batch handler (the inventory agent and the coordinator, each in its own
 * consumer group): stock moves when orders are reserved, released or used, when deliveries arrive,
 * and when transfers are proposed, sent or received. Each batch looks once at every shop it
 * touched, after the last of its events, in the batch's transaction (exactly once) and in shop id
 * order (both agents take the same per-shop locks in the same order: no deadlock); other events are
 * acknowledged without a transaction. `later` takes a shop instead of the batch when (a) `deferAll`
 * (a language model is configured: a model call does not fit in the consumer's 5 s transaction) or
 * (b) `throttle` says the shop was looked at moments ago (under a rush every partition's batch
 * touches every shop): the worker looks at it in a transaction of its own. An order event for a
 * shop already inside its interval is handed to that trailing look in `wants`, before any
 * transaction: under a rush most order events cost no transaction and no processed-events row.
 * Looks are idempotent; the start-up sweep catches any lost in a crash.
 */
export function stockEventsHandler(
  look: ShopLook,
  opts: { deferAll: boolean; later?: (shopId: string, eventId: string) => void; throttle?: KeyedThrottle<string>; /** A shop's calendar changed: drop what was cached of its use. */ calendarChanged?: (shopId: string) => void },
): BatchHandler {
  return {
    types: STOCK_EVENT_TYPES,
    wants: (e) => {
      const shops = stockTouched(e);
      if (e.type !== "order.status_changed" || !opts.throttle || opts.deferAll) return shops.length > 0;
      return shops.some((shopId) => !opts.throttle!.deferIfBusy(shopId, e.id));
    },
    async handle(events, { tx }) {
      for (const e of events) if (e.type === "inventory.calendar_changed") opts.calendarChanged?.(e.payload.shopId);
      const lastEventOfShop = new Map<string, string>();
      for (const e of events) for (const shopId of stockTouched(e)) lastEventOfShop.set(shopId, e.id);
      for (const [shopId, eventId] of [...lastEventOfShop].sort(([a], [b]) => a.localeCompare(b))) {
        if (opts.deferAll && opts.later) opts.later(shopId, eventId);
        else if (!opts.throttle || opts.throttle.take(shopId, eventId)) await look(tx, shopId, eventId);
      }
    },
  };
}

/** The inventory agent's handler: assesses each touched shop (stock-outs, purchase orders). */
export function inventoryHandler(deps: InventoryDeps & { forget?: (shopId: string) => void }, later?: (shopId: string, eventId: string) => void, throttle?: KeyedThrottle<string>): BatchHandler {
  return stockEventsHandler((tx, shopId, eventId) => assessShop(tx, deps, shopId, eventId), { deferAll: Boolean(deps.model), later, throttle, calendarChanged: deps.forget });
}

/**
 * Assesses every active shop once (at start-up and then now and then): a shop no event has
 * touched yet (seeded stock, a new shop) is looked at too, and undecided proposals expire.
 */
export async function sweepShops(db: Db, deps: InventoryDeps): Promise<number> {
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true } });
  for (const shop of shops) await assessOnItsOwn(db, deps, shop.id, null);
  return shops.length;
}

/** One shop's assessment in a transaction of its own, long enough for two model calls. */
export function assessOnItsOwn(db: Db, deps: InventoryDeps, shopId: string, eventId: string | null) {
  return db.$transaction((tx) => assessShop(tx, deps, shopId, eventId), { timeout: 2 * (deps.model?.timeoutMs ?? 0) + 30_000 });
}
