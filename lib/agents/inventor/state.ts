import type { Prisma } from "@/lib/db";
import type { PantryItem } from "./compose";

type Tx = Prisma.TransactionClient;

/**
 * Every catalog ingredient as the inventor sees it in one shop: what is available there (on hand
 * − reserved; no stock row = 0), its supplier's pack size and pack price (null = no supplier or
 * no price), and whether any drink uses it (a product not made at the food station, or an option
 * of one). The pure core decides what is stocked.
 */
export async function loadPantry(tx: Tx, shopId: string): Promise<PantryItem[]> {
  const rows = await tx.$queryRaw<{ id: string; slug: string; name: string; unit: PantryItem["unit"]; available: number; pack_size: number | null; pack_price_cents: number | null; for_drinks: boolean }[]>`
    SELECT i.id::text, i.slug, i.name, i.unit::text AS unit,
      coalesce(s.on_hand - s.reserved, 0)::int AS available,
      sup.pack_size, sup.pack_price_cents,
      EXISTS (SELECT 1 FROM recipe_lines r JOIN products p ON p.id = r.product_id WHERE r.ingredient_id = i.id AND p.station <> 'FOOD') AS for_drinks
    FROM ingredients i
    LEFT JOIN stock s ON s.ingredient_id = i.id AND s.shop_id = ${shopId}::uuid
    LEFT JOIN shop_suppliers sup ON sup.ingredient_id = i.id AND sup.shop_id = ${shopId}::uuid
    ORDER BY i.slug`;
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, unit: r.unit, available: r.available, packSize: r.pack_size, packPriceCents: r.pack_price_cents, forDrinks: r.for_drinks }));
}

/**
 * Names a new drink may not take: every product's (the catalog is shared by the shops), and every
 * new drink still proposed, ever approved (tasted, or on the menu), or rejected in the last 90
 * days, at this shop (a manager who said no is not asked the same again).
 */
export async function takenNames(tx: Tx, shopId: string, now = new Date()): Promise<Set<string>> {
  // One after the other: a transaction's queries share one connection (pg refuses overlapping ones from v9).
  const products = await tx.product.findMany({ select: { name: true } });
  const proposals = await tx.$queryRaw<{ name: string }[]>`
    SELECT payload->>'name' AS name FROM agent_proposals
    WHERE shop_id = ${shopId}::uuid AND kind = 'new_drink' AND payload->>'name' IS NOT NULL
      AND (status IN ('PENDING', 'APPROVED') OR (status = 'REJECTED' AND decided_at > ${new Date(now.getTime() - 90 * 86_400_000)}))`;
  return new Set([...products.map((p) => p.name), ...proposals.map((p) => p.name)]);
}
