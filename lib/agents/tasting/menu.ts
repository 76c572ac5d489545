import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { newDrinkPayload } from "../inventor/compose";
import { menuPlacement, slugify } from "./verdict";

type Tx = Prisma.TransactionClient;

/**
 * An approved add-to-menu proposal, in the approval's transaction: the drink becomes a Product
 * (its recipe lines as they were tasted, a category and station from what it is made of, a
 * default image, the suggested price) sold at THAT shop only (one shop_products row: the catalog
 * is shared, each shop's menu lists only its own rows). Its name must still be free; the
 * proposal is marked done. Audited.
 */
export async function onAddToMenuApproved(tx: Tx, actor: AuditActor, proposal: { id: string; shopId: string; payload: unknown }, now: Date): Promise<string> {
  const drink = newDrinkPayload.parse(proposal.payload);
  const taken = await tx.product.findFirst({ where: { name: { equals: drink.name, mode: "insensitive" } }, select: { id: true } });
  if (taken) throw new DomainError("conflict", `A product named ${drink.name} already exists: reject this proposal`);
  const placement = menuPlacement(drink.lines.map((l) => l.slug));
  const category = await tx.category.findUniqueOrThrow({ where: { slug: placement.category }, select: { id: true } });
  const base = slugify(drink.name) || "new-drink";
  const slug = (await tx.product.findUnique({ where: { slug: base }, select: { id: true } })) ? `${base}-${proposal.id.slice(-6)}` : base;
  const last = await tx.product.aggregate({ where: { categoryId: category.id }, _max: { sortOrder: true } });
  const product = await tx.product.create({
    data: {
      slug,
      categoryId: category.id,
      name: drink.name,
      description: drink.description,
      imageUrl: placement.imageUrl,
      basePriceCents: drink.priceCents,
      station: placement.station,
      prepSeconds: 120,
      sortOrder: (last._max.sortOrder ?? 0) + 1,
      recipe: { create: drink.lines.map((l) => ({ ingredientId: l.ingredientId, quantity: l.quantity, scalesWithSize: false })) },
      shops: { create: [{ shopId: proposal.shopId }] },
    },
    select: { id: true },
  });
  await tx.agentProposal.update({ where: { id: proposal.id }, data: { doneAt: now } });
  await recordAudit(tx, { shopId: proposal.shopId, actor, action: "menu.product.created", target: `product:${product.id}`, summary: `${drink.name} added to this shop's menu at ${(drink.priceCents / 100).toFixed(2)} (from a tasting)`, after: { slug, priceCents: drink.priceCents } });
  await enqueueEvents(tx, [createEvent("catalog.changed", proposal.shopId, { shopId: proposal.shopId, change: "menu.product.created", target: `product:${product.id}` })]);
  return product.id;
}
