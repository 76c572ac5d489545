import type { BatchHandler } from "@/lib/kafka/consumer";
import type { Db, Prisma } from "@/lib/db";
import { assessShop, type InventoryDeps } from "./agent";
import { ledgerUsage, type Usage } from "./state";
import type { AgentModel } from "../core/provider";

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

/**
 * Stock moves when orders are reserved (queued), released (cancelled) or delivered: each batch
 * re-assesses every shop it touched once, after the last of its events, in the batch's
 * transaction (exactly once). With a language model configured, `defer` takes the shop instead:
 * a model call does not fit in the consumer's 5 s transaction, so the worker assesses deferred
 * shops in transactions of their own (assessments are idempotent; the start-up sweep catches any
 * lost in a crash).
 */
export function inventoryHandler(deps: InventoryDeps, defer?: (shopId: string, eventId: string) => void): BatchHandler {
  return {
    types: ["order.status_changed", "inventory.delivery_received"],
    async handle(events, { tx }) {
      const lastEventOfShop = new Map<string, string>();
      for (const e of events) {
        if (e.type === "order.status_changed" && !["QUEUED", "CANCELLED", "COLLECTED"].includes(e.payload.to)) continue;
        // Only the two types above reach this handler; the check narrows the payload for the compiler.
        if (e.type !== "order.status_changed" && e.type !== "inventory.delivery_received") continue;
        lastEventOfShop.set(e.payload.shopId, e.id);
      }
      for (const [shopId, eventId] of lastEventOfShop) {
        if (deps.model && defer) defer(shopId, eventId);
        else await assessShop(tx, deps, shopId, eventId);
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
