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

export async function seedSuppliers(db: SeedTx, shopIds: Iterable<string>, ingredientIds: Map<string, string>): Promise<number> {
  const data = [...shopIds].flatMap((shopId) =>
    INGREDIENTS.flatMap((ingredient) => {
      const ingredientId = ingredientIds.get(ingredient.slug);
      if (!ingredientId) return [];
      const s = supplierFor(ingredient.slug, ingredient.unit);
      return [{ shopId, ingredientId, supplierName: s.name, leadTimeDays: s.leadTimeDays, packSize: s.packSize }];
    }),
  );
  return (await db.shopSupplier.createMany({ data, skipDuplicates: true })).count;
}
