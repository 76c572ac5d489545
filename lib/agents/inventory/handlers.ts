import type { BatchHandler } from "@/lib/kafka/consumer";
import type { Db, Prisma } from "@/lib/db";
import { assessShop, type InventoryDeps } from "./agent";
import { ledgerUsage, type Usage } from "./state";
import type { AgentModel } from "../core/provider";
import type { KeyedThrottle } from "../core/throttle";

export const INVENTORY_CONSUMER = "agents-inventory";

/** Recent use changes slowly; reading 14 days of ledger on every batch would not. */
const USAGE_TTL_MS = 5 * 60_000;

/** Deps with a per-process cache of each shop's ledger usage. */
export function inventoryDeps(model: AgentModel, now: () => Date = () => new Date()): InventoryDeps {
  const cache = new Map<string, { at: number; usage: Usage }>();
  return {
    model,
    now,
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

/**
 * Stock moves when orders are reserved, released or used, or delivered: each batch re-assesses
 * every shop it touched once, after the last of its events, in the batch's transaction (exactly
 * once). `later` takes a shop instead of the batch when (a) a language model is configured (a model
 * call does not fit in the consumer's 5 s transaction) or (b) `throttle` says the shop was assessed
 * moments ago (under a rush every partition's batch touches every shop): the worker assesses it in
 * a transaction of its own when its interval ends. Assessments are idempotent; the start-up sweep
 * catches any lost in a crash.
 */
export function inventoryHandler(deps: InventoryDeps, later?: (shopId: string, eventId: string) => void, throttle?: KeyedThrottle<string>): BatchHandler {
  return {
    types: ["order.status_changed", "inventory.delivery_received"],
    wants: (e) => e.type === "inventory.delivery_received" || (e.type === "order.status_changed" && MOVES_STOCK.has(e.payload.to)),
    async handle(events, { tx }) {
      const lastEventOfShop = new Map<string, string>();
      // Only the two types above reach this handler; the check narrows the payload for the compiler.
      for (const e of events) if (e.type === "order.status_changed" || e.type === "inventory.delivery_received") lastEventOfShop.set(e.payload.shopId, e.id);
      for (const [shopId, eventId] of lastEventOfShop) {
        if (deps.model && later) later(shopId, eventId);
        else if (!throttle || throttle.take(shopId, eventId)) await assessShop(tx, deps, shopId, eventId);
      }
    },
  };
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
