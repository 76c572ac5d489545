import { v7 as uuidv7 } from "uuid";
import type { Prisma } from "@/lib/db";
import { formatDelta } from "@/lib/ui/money";
import type { Row, TableName } from "./tables";

type Tx = Prisma.TransactionClient;

/** The delivery kind and the connections' one subscription. */
export const AIRTABLE_MIRROR = "catalog.mirror";

export type MirrorMessage = { type: "mirror"; summary: string; text: string; tables: Record<TableName, Row[]> };
export type AirtableTest = { type: "test"; summary: string; text: string };
export type AirtableMessage = MirrorMessage | AirtableTest;

const UNIT = { GRAM: "g", MILLILITER: "ml", PIECE: "piece" } as const;

/**
 * The mirror as it should be for shops `shopIds` (all active shops when empty), read in one go: a
 * Menu row per shop and product it sells (its price, availability and options), an Options row per
 * shop and option of those products (its difference and availability), a Recipes row per recipe
 * line of those products. Prices are the shop's own where it overrides the catalog, in currency
 * units with two decimals (Airtable's number field); amounts stay integer cents everywhere else.
 */
export async function mirrorTables(tx: Tx, shopIds: readonly string[]): Promise<Record<TableName, Row[]>> {
  const shops = await tx.shop.findMany({
    where: { active: true, ...(shopIds.length > 0 ? { id: { in: [...shopIds] } } : {}) },
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      name: true,
      currency: true,
      options: { select: { optionId: true, available: true, priceDeltaOverrideCents: true } },
      products: {
        where: { product: { active: true } },
        select: {
          available: true,
          priceOverrideCents: true,
          product: {
            select: {
              id: true,
              slug: true,
              name: true,
              basePriceCents: true,
              sortOrder: true,
              category: { select: { name: true, sortOrder: true } },
              optionGroups: { orderBy: { sortOrder: "asc" }, select: { optionGroup: { select: { slug: true, name: true, options: { where: { active: true }, orderBy: { sortOrder: "asc" }, select: { id: true, slug: true, name: true, priceDeltaCents: true } } } } } },
            },
          },
        },
      },
    },
  });
  const menu: Row[] = [];
  const options = new Map<string, Row>();
  const productIds = new Set<string>();
  for (const shop of shops) {
    const own = new Map(shop.options.map((o) => [o.optionId, o]));
    const listings = [...shop.products].sort((a, b) => a.product.category.sortOrder - b.product.category.sortOrder || a.product.sortOrder - b.product.sortOrder || a.product.slug.localeCompare(b.product.slug));
    for (const { product, available, priceOverrideCents } of listings) {
      productIds.add(product.id);
      const groups: string[] = [];
      for (const { optionGroup: group } of product.optionGroups) {
        const offered: string[] = [];
        for (const option of group.options) {
          const override = own.get(option.id);
          const delta = override?.priceDeltaOverrideCents ?? option.priceDeltaCents;
          const optionAvailable = override?.available ?? true;
          if (optionAvailable) offered.push(delta === 0 ? option.name : `${option.name} (${formatDelta(delta, shop.currency)})`);
          options.set(`${shop.slug}/${group.slug}/${option.slug}`, { Key: `${shop.slug}/${group.slug}/${option.slug}`, Shop: shop.name, Group: group.name, Option: option.name, "Price difference": delta / 100, Currency: shop.currency, Available: optionAvailable });
        }
        groups.push(`${group.name}: ${offered.length > 0 ? offered.join(", ") : "none available"}`);
      }
      menu.push({ Key: `${shop.slug}/${product.slug}`, Shop: shop.name, Product: product.name, Category: product.category.name, Price: (priceOverrideCents ?? product.basePriceCents) / 100, Currency: shop.currency, Available: available, Options: groups.join("\n") });
    }
  }
  const lines = await tx.recipeLine.findMany({
    where: { productId: { in: [...productIds] } },
    orderBy: [{ product: { slug: "asc" } }, { id: "asc" }],
    select: { quantity: true, scalesWithSize: true, product: { select: { slug: true, name: true } }, ingredient: { select: { slug: true, name: true, unit: true } }, option: { select: { slug: true, name: true, group: { select: { slug: true, name: true } } } } },
  });
  const recipes = lines.map((l) => ({
    Key: `${l.product.slug}/${l.ingredient.slug}${l.option ? `/${l.option.group.slug}.${l.option.slug}` : ""}`,
    Product: l.product.name,
    Ingredient: l.ingredient.name,
    Quantity: l.quantity,
    Unit: UNIT[l.ingredient.unit],
    "With option": l.option ? `${l.option.group.name}: ${l.option.name}` : "",
    "Scales with size": l.scalesWithSize,
  }));
  return { Menu: menu, Options: [...options.values()], Recipes: recipes };
}

export function mirrorMessage(tables: Record<TableName, Row[]>, cause: string): MirrorMessage {
  const counts = `${tables.Menu.length} menu rows, ${tables.Options.length} options, ${tables.Recipes.length} recipe lines`;
  return { type: "mirror", summary: `Menu mirror (${cause}): ${counts}`, text: `Mirror the menu to Airtable (${cause}): ${counts}`, tables };
}

/**
 * One mirror delivery per Airtable connection whose scope includes `shopId` (every connection when
 * null: connecting one), keyed `catalog.mirror:<cause id>:<connection>` so a redelivered event
 * records it once. The message carries the whole mirror as it is now: each delivery makes the base
 * match the catalog, however many came before it or were lost.
 */
export async function recordMirror(tx: Tx, opts: { causeId: string; cause: string; shopId: string | null; connectionId?: string }): Promise<number> {
  const connections = await tx.integration.findMany({
    where: { kind: "AIRTABLE", status: { not: "PAUSED" }, ...(opts.connectionId ? { id: opts.connectionId } : {}) },
    select: { id: true, shopIds: true },
  });
  let recorded = 0;
  for (const connection of connections) {
    if (opts.shopId && connection.shopIds.length > 0 && !connection.shopIds.includes(opts.shopId)) continue;
    const key = `${AIRTABLE_MIRROR}:${opts.causeId}:${connection.id}`;
    if (await tx.integrationDelivery.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) continue;
    const message = mirrorMessage(await mirrorTables(tx, connection.shopIds), opts.cause);
    recorded += await tx.$executeRaw`
      INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
      VALUES (${uuidv7()}::uuid, ${connection.id}::uuid, ${key}, ${AIRTABLE_MIRROR}, ${opts.shopId}::uuid, ${JSON.stringify(message)}::jsonb)
      ON CONFLICT (idempotency_key) DO NOTHING`;
  }
  return recorded;
}
