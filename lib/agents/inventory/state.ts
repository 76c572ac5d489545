import type { Prisma } from "@/lib/db";
import { USAGE_WINDOW_DAYS, type IngredientState } from "./cover";

type Tx = Prisma.TransactionClient;

export type Usage = Map<string, { used: number; usageDays: number }>;

/**
 * Net use per ingredient over the last 14 days from the stock ledger (reserved − released: what
 * orders took, collected or still waiting), and how many days of ledger the shop has (a new shop's
 * average is over its own days, not fourteen).
 */
export async function ledgerUsage(tx: Tx, shopId: string, now = new Date()): Promise<Usage> {
  const since = new Date(now.getTime() - USAGE_WINDOW_DAYS * 86_400_000);
  const rows = await tx.$queryRaw<{ ingredient_id: string; used: bigint; first_at: Date }[]>`
    SELECT ingredient_id,
      coalesce(sum(CASE kind WHEN 'RESERVE' THEN quantity WHEN 'RELEASE' THEN -quantity ELSE 0 END), 0)::bigint AS used,
      min(created_at) AS first_at
    FROM stock_movements WHERE shop_id = ${shopId}::uuid AND created_at >= ${since}
    GROUP BY ingredient_id`;
  const usage: Usage = new Map();
  for (const r of rows) usage.set(r.ingredient_id, { used: Math.max(0, Number(r.used)), usageDays: Math.min(USAGE_WINDOW_DAYS, Math.max(1, (now.getTime() - r.first_at.getTime()) / 86_400_000)) });
  return usage;
}

/** Every stocked ingredient of the shop with its supplier settings and the smallest amount a recipe takes of it. */
export async function loadShopStock(tx: Tx, shopId: string, usage: Usage): Promise<IngredientState[]> {
  // One after the other: a transaction's queries share one connection (pg refuses overlapping ones from v9).
  const stock = await tx.stock.findMany({ where: { shopId }, include: { ingredient: true }, orderBy: { ingredient: { name: "asc" } } });
  const suppliers = await tx.shopSupplier.findMany({ where: { shopId } });
  const smallest = await tx.$queryRaw<{ ingredient_id: string; smallest: number }[]>`
    SELECT r.ingredient_id, min(r.quantity)::int AS smallest FROM recipe_lines r
    JOIN shop_products sp ON sp.product_id = r.product_id AND sp.shop_id = ${shopId}::uuid
    GROUP BY r.ingredient_id`;
  const supplierOf = new Map(suppliers.map((s) => [s.ingredientId, s]));
  const smallestOf = new Map(smallest.map((r) => [r.ingredient_id, r.smallest]));
  return stock.map((s) => {
    const sup = supplierOf.get(s.ingredientId);
    const use = usage.get(s.ingredientId) ?? { used: 0, usageDays: 1 };
    return {
      ingredientId: s.ingredientId,
      slug: s.ingredient.slug,
      name: s.ingredient.name,
      unit: s.ingredient.unit,
      onHand: s.onHand,
      reserved: s.reserved,
      reorderLevel: s.reorderLevel,
      used: use.used,
      usageDays: use.usageDays,
      smallestUse: smallestOf.get(s.ingredientId) ?? null,
      supplier: sup ? { name: sup.supplierName, leadTimeDays: sup.leadTimeDays, packSize: sup.packSize, orderDays: sup.orderDays } : null,
    };
  });
}

/** What a stock-out takes off the menu: products whose base recipe needs it, and options that add it. */
export async function affectedMenuItems(tx: Tx, shopId: string, ingredientIds: string[]): Promise<Map<string, string[]>> {
  if (ingredientIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ ingredient_id: string; label: string }[]>`
    SELECT DISTINCT r.ingredient_id, CASE WHEN o.id IS NULL THEN p.name ELSE o.name || ' (option)' END AS label
    FROM recipe_lines r
    JOIN shop_products sp ON sp.product_id = r.product_id AND sp.shop_id = ${shopId}::uuid
    JOIN products p ON p.id = r.product_id
    LEFT JOIN options o ON o.id = r.option_id
    WHERE r.ingredient_id = ANY(${ingredientIds}::uuid[])
    ORDER BY 2`;
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.ingredient_id, [...(out.get(r.ingredient_id) ?? []), r.label]);
  return out;
}

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/**
 * Net use of one ingredient per weekday (the shop's local days) over the last 14 days from the
 * stock ledger, as `ledgerUsage` counts it: what a model may look up before sizing an order (a
 * Saturday rush the plain average hides).
 */
export async function weekdayUsage(tx: Tx, shopId: string, ingredientId: string, now = new Date()): Promise<Record<(typeof WEEKDAYS)[number], number>> {
  const since = new Date(now.getTime() - USAGE_WINDOW_DAYS * 86_400_000);
  const rows = await tx.$queryRaw<{ dow: number; used: bigint }[]>`
    SELECT extract(isodow FROM m.created_at AT TIME ZONE s.timezone)::int AS dow,
      coalesce(sum(CASE m.kind WHEN 'RESERVE' THEN m.quantity WHEN 'RELEASE' THEN -m.quantity ELSE 0 END), 0)::bigint AS used
    FROM stock_movements m JOIN shops s ON s.id = m.shop_id
    WHERE m.shop_id = ${shopId}::uuid AND m.ingredient_id = ${ingredientId}::uuid AND m.created_at >= ${since} AND m.created_at <= ${now}
    GROUP BY 1`;
  const out = Object.fromEntries(WEEKDAYS.map((d) => [d, 0])) as Record<(typeof WEEKDAYS)[number], number>;
  for (const r of rows) out[WEEKDAYS[r.dow - 1]!] = Math.max(0, Number(r.used));
  return out;
}
