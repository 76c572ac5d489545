import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { LOCAL_CHAIN_ID } from "@/lib/env/schema";
import { seedAccounts, type AccountsCreated } from "./accounts";
import { lockSeed } from "./db";
import { seedCatalog, type CatalogCreated } from "./catalog";
import { seedHistory, type HistoryCreated } from "./history";
import { SHOPS, seedShopProducts, seedShops, seedStock, type ShopsCreated } from "./shops";
import { seedSuppliers } from "./suppliers";
import { seedRatings } from "./ratings";

export { DEMO_ACCOUNTS, type DemoAccount } from "./accounts";
export { SHOPS } from "./shops";

export type SeedOptions = {
  /** The moment history ends at (default: the current time). Fix it for reproducible data. */
  now?: Date;
  /** Days of past orders per shop (default 30; 0 for none). Only shops without orders get any. */
  historyDays?: number;
  /**
   * Give the shops anvil's public test accounts as receiving wallets (default: only when every
   * payment chain is the local one). Never on a real network: anyone holds those keys.
   */
  anvilWallets?: boolean;
};

export type SeedSummary = {
  shops: { slug: string; name: string; id: string; ordersCreated: number }[];
  /** Rows inserted by this run; all zero when the database was already seeded. */
  created: ShopsCreated & { shopSuppliers: number; ratings: number } & CatalogCreated & AccountsCreated & HistoryCreated;
  durationMs: number;
};

export const DEFAULT_HISTORY_DAYS = 30;

/**
 * Seeds the demo data: shops, menu, stock, one account per role and a month of past orders.
 * Idempotent: a second run only fills in what is missing and overwrites nothing.
 */
export async function seed(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const historyDays = opts.historyDays ?? DEFAULT_HISTORY_DAYS;
  if (!Number.isInteger(historyDays) || historyDays < 0) throw new RangeError(`historyDays must be a non-negative integer, got ${historyDays}`);

  // One transaction: a failed seed leaves nothing behind, and concurrent seeds queue on the lock.
  const { shops, catalog, shopProducts, stock, shopSuppliers, accounts, history, ratings } = await db.$transaction(
    async (tx) => {
      await lockSeed(tx);
      const shops = await seedShops(tx, opts.anvilWallets ?? env().PAYMENT_CHAIN_IDS.every((id) => id === LOCAL_CHAIN_ID));
      const catalog = await seedCatalog(tx);
      const shopProducts = await seedShopProducts(tx, shops.ids, catalog.ids.products);
      const stock = await seedStock(tx, shops.ids, catalog.ids.ingredients, now);
      const shopSuppliers = await seedSuppliers(tx, shops.ids.values(), catalog.ids.ingredients);
      const accounts = await seedAccounts(tx, [...shops.ids.values()]);
      const history = await seedHistory(tx, { shopIds: shops.ids, accounts: accounts.ids, now, historyDays });
      const ratings = await seedRatings(tx, shops.ids.values(), now);
      return { shops, catalog, shopProducts, stock, shopSuppliers, accounts, history, ratings };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  return {
    shops: SHOPS.flatMap((s) => {
      const id = shops.ids.get(s.slug);
      return id ? [{ slug: s.slug, name: s.name, id, ordersCreated: history.perShop.get(s.slug) ?? 0 }] : [];
    }),
    created: { ...shops.created, shopProducts, ...stock, shopSuppliers, ...catalog.created, ...accounts.created, ...history.created, ratings },
    durationMs: Math.round(performance.now() - started),
  };
}
