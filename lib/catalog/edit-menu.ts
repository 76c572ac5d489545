import { z } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { formatDelta, formatMoney } from "@/lib/ui/money";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";

/**
 * What a manager changes on their shop's menu: each product's price and availability here, and
 * each option's availability and price difference here. The shared catalog (names, recipes,
 * base prices) stays as it is; a shop only overrides. Every change writes an audit entry in the
 * same transaction, and a `catalog.changed` event (the Airtable mirror follows it). New orders see a
 * change within the order path's menu cache (2 s).
 */

const MAX_PRICE_CENTS = 100_00;

export type EditableOption = { id: string; name: string; catalogDeltaCents: number; priceDeltaCents: number; available: boolean };
export type EditableProduct = {
  id: string;
  name: string;
  category: string;
  basePriceCents: number;
  priceCents: number;
  overridden: boolean;
  available: boolean;
  optionGroups: { id: string; name: string; options: EditableOption[] }[];
};

/** The products this shop sells, with its prices and switches, in menu order. */
export async function getEditableMenu(db: Db, shopId: string): Promise<EditableProduct[]> {
  const [listings, shopOptions] = await Promise.all([
    db.shopProduct.findMany({
      where: { shopId, product: { active: true } },
      include: {
        product: {
          include: {
            category: { select: { name: true, sortOrder: true } },
            optionGroups: { orderBy: { sortOrder: "asc" }, include: { optionGroup: { include: { options: { where: { active: true }, orderBy: { sortOrder: "asc" } } } } } },
          },
        },
      },
    }),
    db.shopOption.findMany({ where: { shopId } }),
  ]);
  const overrides = new Map(shopOptions.map((o) => [o.optionId, o]));
  return listings
    .sort((a, b) => a.product.category.sortOrder - b.product.category.sortOrder || a.product.sortOrder - b.product.sortOrder)
    .map(({ product, available, priceOverrideCents }) => ({
      id: product.id,
      name: product.name,
      category: product.category.name,
      basePriceCents: product.basePriceCents,
      priceCents: priceOverrideCents ?? product.basePriceCents,
      overridden: priceOverrideCents !== null,
      available,
      optionGroups: product.optionGroups.map(({ optionGroup: g }) => ({
        id: g.id,
        name: g.name,
        options: g.options.map((o) => {
          const own = overrides.get(o.id);
          return { id: o.id, name: o.name, catalogDeltaCents: o.priceDeltaCents, priceDeltaCents: own?.priceDeltaOverrideCents ?? o.priceDeltaCents, available: own?.available ?? true };
        }),
      })),
    }));
}

const productChange = z.object({
  productId: z.uuid("Choose a product."),
  /** null: back to the catalog price. */
  priceCents: z.number().int().min(0, "A price cannot be negative.").max(MAX_PRICE_CENTS, "A price must be at most $100.00.").nullable(),
  available: z.boolean(),
});

export async function updateProduct(db: Db, actor: AuditActor, shopId: string, raw: unknown): Promise<EditableProduct> {
  const parsed = productChange.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const change = parsed.data;
  await db.$transaction(async (tx) => {
    const listing = await tx.shopProduct.findUnique({ where: { shopId_productId: { shopId, productId: change.productId } }, include: { product: { select: { name: true, basePriceCents: true } } } });
    if (!listing) throw new DomainError("not_found", "This shop does not sell that product.");
    const catalog = listing.product.basePriceCents;
    // A price equal to the catalog's is stored as "no override", so a later catalog change applies.
    const override = change.priceCents === null || change.priceCents === catalog ? null : change.priceCents;
    const before = { priceCents: listing.priceOverrideCents ?? catalog, available: listing.available };
    const after = { priceCents: override ?? catalog, available: change.available };
    if (before.priceCents === after.priceCents && before.available === after.available) return;
    await tx.shopProduct.update({ where: { shopId_productId: { shopId, productId: change.productId } }, data: { priceOverrideCents: override, available: change.available } });
    await recordAudit(tx, { shopId, actor, action: "menu.product.updated", target: `product:${change.productId}`, summary: describe(listing.product.name, before, after, formatMoney), before, after });
    await enqueueEvents(tx, [createEvent("catalog.changed", shopId, { shopId, change: "menu.product.updated", target: `product:${change.productId}` })]);
  });
  return findEditable(db, shopId, change.productId);
}

const optionChange = z.object({
  optionId: z.uuid("Choose an option."),
  /** null: back to the catalog's difference. */
  priceDeltaCents: z.number().int().min(-MAX_PRICE_CENTS, "That difference is too large.").max(MAX_PRICE_CENTS, "That difference is too large.").nullable(),
  available: z.boolean(),
});

export async function updateOption(db: Db, actor: AuditActor, shopId: string, raw: unknown): Promise<void> {
  const parsed = optionChange.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const change = parsed.data;
  await db.$transaction(async (tx) => {
    // Only options of products this shop sells: a manager has no say over the rest.
    const option = await tx.option.findFirst({
      where: { id: change.optionId, active: true, group: { products: { some: { product: { shops: { some: { shopId } } } } } } },
      include: { shops: { where: { shopId } } },
    });
    if (!option) throw new DomainError("not_found", "This shop does not offer that option.");
    const own = option.shops[0];
    const override = change.priceDeltaCents === null || change.priceDeltaCents === option.priceDeltaCents ? null : change.priceDeltaCents;
    const before = { priceDeltaCents: own?.priceDeltaOverrideCents ?? option.priceDeltaCents, available: own?.available ?? true };
    const after = { priceDeltaCents: override ?? option.priceDeltaCents, available: change.available };
    if (before.priceDeltaCents === after.priceDeltaCents && before.available === after.available) return;
    await tx.shopOption.upsert({
      where: { shopId_optionId: { shopId, optionId: option.id } },
      create: { shopId, optionId: option.id, available: change.available, priceDeltaOverrideCents: override },
      update: { available: change.available, priceDeltaOverrideCents: override },
    });
    const delta = (cents: number) => formatDelta(cents) || "no extra charge";
    await recordAudit(tx, {
      shopId,
      actor,
      action: "menu.option.updated",
      target: `option:${option.id}`,
      summary: describe(option.name, { priceCents: before.priceDeltaCents, available: before.available }, { priceCents: after.priceDeltaCents, available: after.available }, delta),
      before,
      after,
    });
    await enqueueEvents(tx, [createEvent("catalog.changed", shopId, { shopId, change: "menu.option.updated", target: `option:${option.id}` })]);
  });
}

async function findEditable(db: Db, shopId: string, productId: string): Promise<EditableProduct> {
  const menu = await getEditableMenu(db, shopId);
  const product = menu.find((p) => p.id === productId);
  if (!product) throw new DomainError("not_found", "This shop does not sell that product.");
  return product;
}

type Snapshot = { priceCents: number; available: boolean };

/** "Latte: price $4.50 → $4.75, now unavailable". */
export function describe(name: string, before: Snapshot, after: Snapshot, money: (cents: number) => string): string {
  const parts: string[] = [];
  if (before.priceCents !== after.priceCents) parts.push(`price ${money(before.priceCents)} → ${money(after.priceCents)}`);
  if (before.available !== after.available) parts.push(after.available ? "available again" : "now unavailable");
  return `${name}: ${parts.join(", ")}`;
}
