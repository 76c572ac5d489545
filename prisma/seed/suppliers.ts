import { INGREDIENTS } from "./catalog";
import type { SeedTx } from "./db";

/**
 * Demo supplier settings (the inventory agent orders by them): one supplier per kind of
 * ingredient, with a lead time and a pack size in the ingredient's unit. Rows that exist are left
 * alone (a manager may have changed them).
 */
const SUPPLIERS: { match: RegExp; name: string; leadTimeDays: number; packSize: number }[] = [
  { match: /^oat-milk$|^almond-milk$/, name: "Plant Milk Wholesale", leadTimeDays: 2, packSize: 6_000 },
  { match: /milk$/, name: "Hudson Valley Dairy", leadTimeDays: 1, packSize: 4_000 },
  { match: /beans$/, name: "Go Coffee Roastery", leadTimeDays: 3, packSize: 1_000 },
  { match: /syrup$|sauce$/, name: "Barista Syrups Co.", leadTimeDays: 4, packSize: 750 },
  { match: /^cup-|lid|sleeve|straw/, name: "EcoPack Supply", leadTimeDays: 5, packSize: 500 },
];
/** Everything else: a food wholesaler, by the case (12 pieces) or the kilo/litre. */
export function supplierFor(slug: string, unit: string): { name: string; leadTimeDays: number; packSize: number } {
  return SUPPLIERS.find((s) => s.match.test(slug)) ?? { name: "Metro Foodservice", leadTimeDays: 2, packSize: unit === "PIECE" ? 12 : 1_000 };
}

/**
 * Demo pack prices in cents (the beverage inventor's ingredient costs): wholesale prices of a
 * pack of the size above. Unknown slugs get a food wholesaler's price by unit.
 */
const PACK_PRICES_CENTS: Record<string, number> = {
  "espresso-beans": 1_800, // 1 kg
  "filter-beans": 1_500,
  "cold-brew-concentrate": 900, // 1 L
  "whole-milk": 560, // 4 L
  "skim-milk": 520,
  "oat-milk": 2_400, // 6 L
  "almond-milk": 2_700,
  "vanilla-syrup": 950, // 750 ml
  "caramel-syrup": 950,
  "hazelnut-syrup": 990,
  "chocolate-sauce": 1_150,
  "chai-concentrate": 600, // 1 L
  "matcha-powder": 6_500, // 1 kg
  "black-tea-bags": 360, // 12
  ice: 40, // 1 kg
  "cup-4oz": 2_500, // 500
  "cup-8oz": 3_500,
  "cup-12oz": 4_200,
  "cup-16oz": 4_800,
  "butter-croissant": 1_080, // 12
  "pain-au-chocolat": 1_260,
  "blueberry-muffin": 1_200,
  "banana-bread-slice": 1_140,
  "everything-bagel": 780,
  "cream-cheese": 950, // 1 kg
  "brioche-bun": 840,
  eggs: 540,
  "cheddar-slices": 600,
  "sourdough-slices": 480,
  avocado: 900,
  "greek-yogurt": 650,
  granola: 1_100,
  "mixed-berries": 1_300,
};
export function packPriceFor(slug: string, unit: string): number {
  return PACK_PRICES_CENTS[slug] ?? (unit === "PIECE" ? 1_200 : 1_000);
}

export async function seedSuppliers(db: SeedTx, shopIds: Iterable<string>, ingredientIds: Map<string, string>): Promise<number> {
  const data = [...shopIds].flatMap((shopId) =>
    INGREDIENTS.flatMap((ingredient) => {
      const ingredientId = ingredientIds.get(ingredient.slug);
      if (!ingredientId) return [];
      const s = supplierFor(ingredient.slug, ingredient.unit);
      return [{ shopId, ingredientId, supplierName: s.name, leadTimeDays: s.leadTimeDays, packSize: s.packSize, packPriceCents: packPriceFor(ingredient.slug, ingredient.unit) }];
    }),
  );
  const created = (await db.shopSupplier.createMany({ data, skipDuplicates: true })).count;
  // Rows seeded before pack prices existed get theirs; a price someone set is left alone.
  const prices = JSON.stringify(data.map((r) => ({ shop_id: r.shopId, ingredient_id: r.ingredientId, price: r.packPriceCents })));
  await db.$executeRaw`
    UPDATE shop_suppliers s SET pack_price_cents = p.price
    FROM jsonb_to_recordset(${prices}::jsonb) AS p(shop_id uuid, ingredient_id uuid, price int)
    WHERE s.shop_id = p.shop_id AND s.ingredient_id = p.ingredient_id AND s.pack_price_cents IS NULL`;
  return created;
}
