import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";

/**
 * How a shop buys each ingredient, as its manager sets it on the Stock screen: the supplier, the
 * address approved purchase orders are mailed to, the lead time (days from ordering to delivery), the pack size (in the ingredient's unit), how many
 * days of use one order should cover, what a pack costs (minor units; the beverage inventor costs
 * recipes with it), and the reorder level (the stock below which the inventory agent reorders even
 * without usage history). A saved setting is audited and announced (inventory.suppliers_changed),
 * so the inventory agent looks at the shop at once: a new shop, which starts with no stock, gets
 * its first purchase orders proposed as soon as its suppliers are set.
 */

/** Counts above this (a million grams, a thousand litres) are typing mistakes, not settings. */
const MAX_QUANTITY = 1_000_000;
/** $100,000 a pack: beyond it, a typing mistake. */
const MAX_PACK_PRICE_CENTS = 10_000_000;

export const supplierSettingsSchema = z.object({
  ingredientId: z.uuid({ error: "Choose an ingredient." }),
  supplierName: z.string().trim().min(1, "Enter the supplier's name.").max(80, "The supplier's name is limited to 80 characters."),
  /** Where approved purchase orders are mailed; null: the manager orders by phone. */
  supplierEmail: z
    .string()
    .trim()
    .max(254, "The email address is too long.")
    .pipe(z.email({ error: "Enter an email address like orders@supplier.com, or leave it empty." }))
    .transform((s) => s.toLowerCase())
    .nullable()
    .default(null),
  leadTimeDays: z.number({ error: "Enter the lead time in days." }).int("Enter whole days.").min(0, "The lead time cannot be negative.").max(60, "At most 60 days."),
  packSize: z.number({ error: "Enter the pack size." }).int("Enter a whole number.").min(1, "A pack holds at least 1.").max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}.`),
  orderDays: z.number({ error: "Enter the days one order covers." }).int("Enter whole days.").min(1, "At least 1 day.").max(90, "At most 90 days."),
  /** Null: not known (the inventor then leaves the ingredient out of new drinks). */
  packPriceCents: z.number({ error: "Enter the pack price." }).int().min(0, "The price cannot be negative.").max(MAX_PACK_PRICE_CENTS, "At most $100,000.00 a pack.").nullable(),
  reorderLevel: z.number({ error: "Enter the reorder level." }).int("Enter a whole number.").min(0, "The reorder level cannot be negative.").max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}.`),
});

export type SupplierSettings = z.output<typeof supplierSettingsSchema>;

export type SupplierSettingsRow = SupplierSettings & { name: string; unit: "GRAM" | "MILLILITER" | "PIECE"; hasSupplier: boolean };

/** Each stocked ingredient of the shop with its settings (defaults to start from when none is set), and the shop's currency for pack prices. */
export async function shopSupplierSettings(db: Db, shopId: string): Promise<{ currency: string; rows: SupplierSettingsRow[] }> {
  const [shop, stock, suppliers] = await Promise.all([
    db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } }),
    db.stock.findMany({ where: { shopId }, select: { ingredientId: true, reorderLevel: true, ingredient: { select: { name: true, unit: true } } }, orderBy: { ingredient: { name: "asc" } } }),
    db.shopSupplier.findMany({ where: { shopId } }),
  ]);
  const byIngredient = new Map(suppliers.map((s) => [s.ingredientId, s]));
  const rows = stock.map((s): SupplierSettingsRow => {
    const supplier = byIngredient.get(s.ingredientId);
    return {
      ingredientId: s.ingredientId,
      name: s.ingredient.name,
      unit: s.ingredient.unit,
      hasSupplier: supplier !== undefined,
      supplierName: supplier?.supplierName ?? "",
      supplierEmail: supplier?.supplierEmail ?? null,
      leadTimeDays: supplier?.leadTimeDays ?? 2,
      packSize: supplier?.packSize ?? 1,
      orderDays: supplier?.orderDays ?? 7,
      packPriceCents: supplier?.packPriceCents ?? null,
      reorderLevel: s.reorderLevel,
    };
  });
  return { currency: shop.currency, rows };
}

/** Saves one ingredient's supplier settings for the shop; audited and announced. Bad input changes nothing. */
export async function saveSupplierSettings(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<SupplierSettings> {
  const parsed = supplierSettingsSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const next = parsed.data;
  return db.$transaction(async (tx) => {
    const stock = await tx.stock.findUnique({ where: { shopId_ingredientId: { shopId, ingredientId: next.ingredientId } }, select: { reorderLevel: true, ingredient: { select: { name: true } } } });
    if (!stock) throw new DomainError("invalid", "This shop does not stock that ingredient.", [{ path: "ingredientId", message: "not stocked here" }]);
    const before = await tx.shopSupplier.findUnique({ where: { shopId_ingredientId: { shopId, ingredientId: next.ingredientId } } });
    const supplier = { supplierName: next.supplierName, supplierEmail: next.supplierEmail, leadTimeDays: next.leadTimeDays, packSize: next.packSize, orderDays: next.orderDays, packPriceCents: next.packPriceCents };
    await tx.shopSupplier.upsert({ where: { shopId_ingredientId: { shopId, ingredientId: next.ingredientId } }, create: { shopId, ingredientId: next.ingredientId, ...supplier }, update: supplier });
    await tx.stock.update({ where: { shopId_ingredientId: { shopId, ingredientId: next.ingredientId } }, data: { reorderLevel: next.reorderLevel } });
    await recordAudit(tx, {
      shopId,
      actor,
      action: "inventory.supplier.saved",
      target: `ingredient:${next.ingredientId}`,
      summary: `${before ? "Supplier settings changed" : "Supplier set"} for ${stock.ingredient.name}: ${next.supplierName}`,
      before: before ? { supplierName: before.supplierName, supplierEmail: before.supplierEmail, leadTimeDays: before.leadTimeDays, packSize: before.packSize, orderDays: before.orderDays, packPriceCents: before.packPriceCents, reorderLevel: stock.reorderLevel } : null,
      after: { ...supplier, reorderLevel: next.reorderLevel },
    });
    await enqueueEvents(tx, [createEvent("inventory.suppliers_changed", shopId, { shopId, ingredientIds: [next.ingredientId] }, now)]);
    return next;
  });
}
