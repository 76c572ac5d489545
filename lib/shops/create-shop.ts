import { z } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { Prisma } from "@/lib/db";

/**
 * An admin opens a new shop: its address, time zone and tax rate. It starts with the whole active
 * catalog at catalog prices, open 07:00–19:00 every day, and a stock row for every ingredient at
 * zero, so everything shows "Out of …" until its first delivery is booked. The manager then
 * adjusts menu, hours and staff on the manager screens.
 */

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));

export const newShopInput = z.object({
  name: z.string().trim().min(3, "Give the shop a name of at least 3 characters.").max(60, "At most 60 characters."),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and dashes, like chicago-loop.")
    .max(40, "At most 40 characters."),
  addressLine: z.string().trim().min(3, "Enter the street address.").max(120),
  city: z.string().trim().min(1, "Enter the city.").max(60),
  postalCode: z.string().trim().min(1, "Enter the postal code.").max(16),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Use the two-letter country code, like US."),
  timezone: z.string().refine((tz) => TIME_ZONES.has(tz), "Choose a time zone like America/Chicago."),
  taxRateBps: z.number().int().min(0, "The tax rate cannot be negative.").max(2500, "The tax rate must be at most 25%."),
});

export async function createShop(db: Db, actor: AuditActor, raw: unknown): Promise<{ id: string; slug: string }> {
  const parsed = newShopInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const input = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      const shop = await tx.shop.create({ data: { ...input, hours: { create: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 420, closesMinute: 1140 })) } } });
      const products = await tx.product.findMany({ where: { active: true }, select: { id: true } });
      await tx.shopProduct.createMany({ data: products.map((p) => ({ shopId: shop.id, productId: p.id })) });
      const ingredients = await tx.ingredient.findMany({ select: { id: true } });
      await tx.stock.createMany({ data: ingredients.map((i) => ({ shopId: shop.id, ingredientId: i.id, onHand: 0 })) });
      await recordAudit(tx, { shopId: shop.id, actor, action: "shop.created", target: `shop:${shop.id}`, summary: `Opened ${shop.name} (${shop.city})`, before: null, after: input });
      // A new menu: the Airtable mirrors covering every shop add it.
      await enqueueEvents(tx, [createEvent("catalog.changed", shop.id, { shopId: shop.id, change: "shop.created", target: `shop:${shop.id}` })]);
      return { id: shop.id, slug: shop.slug };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", "A shop with this address name (slug) already exists.", [{ path: "slug", message: "Already taken: choose another." }]);
    }
    throw error;
  }
}
