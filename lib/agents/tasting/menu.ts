import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { newDrinkPayload } from "../inventor/compose";
import { optionsFromTemplate, type Template } from "./options";
import { menuPlacement, slugify } from "./verdict";

type Tx = Prisma.TransactionClient;

/**
 * An approved add-to-menu proposal, in the approval's transaction: the drink becomes a Product
 * (its recipe as it was tasted, a category, station and image from what it is made of, and the
 * sizes and extras of the catalog drink it is modelled on — ./options.ts — with the tasted size
 * at the suggested price) sold at THAT shop only (one shop_products row: the catalog is shared,
 * each shop's menu lists only its own rows). Its name must still be free; the proposal is marked
 * done. Audited.
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
  const made = optionsFromTemplate(drink, await templateOf(tx, placement.template, proposal.shopId));
  const product = await tx.product.create({
    data: {
      slug,
      categoryId: category.id,
      name: drink.name,
      description: drink.description,
      imageUrl: placement.imageUrl,
      basePriceCents: made.basePriceCents,
      station: placement.station,
      prepSeconds: 120,
      sortOrder: (last._max.sortOrder ?? 0) + 1,
      recipe: { create: made.lines },
      optionGroups: { create: made.groups.map((g) => ({ optionGroupId: g.id, sortOrder: g.sortOrder, defaultOptionId: g.defaultOptionId })) },
      shops: { create: [{ shopId: proposal.shopId }] },
    },
    select: { id: true },
  });
  await tx.agentProposal.update({ where: { id: proposal.id }, data: { doneAt: now } });
  await recordAudit(tx, { shopId: proposal.shopId, actor, action: "menu.product.created", target: `product:${product.id}`, summary: `${drink.name} added to this shop's menu at ${(drink.priceCents / 100).toFixed(2)} (from a tasting)`, after: { slug, priceCents: drink.priceCents, basePriceCents: made.basePriceCents, optionGroups: made.groups.length } });
  await enqueueEvents(tx, [createEvent("catalog.changed", proposal.shopId, { shopId: proposal.shopId, change: "menu.product.created", target: `product:${product.id}` })]);
  return product.id;
}

/**
 * The template's option groups (in its order, each option at this shop's price: a manager may have
 * changed a size's delta here) and the recipe lines of its options; empty when it is not in the catalog.
 */
async function templateOf(tx: Tx, slug: string, shopId: string): Promise<Template> {
  const product = await tx.product.findUnique({
    where: { slug },
    select: {
      optionGroups: { orderBy: { sortOrder: "asc" }, select: { sortOrder: true, optionGroup: { select: { id: true, slug: true, options: { where: { active: true }, select: { id: true, recipeScalePct: true, priceDeltaCents: true, isDefault: true, shops: { where: { shopId }, select: { priceDeltaOverrideCents: true } } } } } } } },
      recipe: { where: { optionId: { not: null } }, select: { optionId: true, ingredientId: true, quantity: true, scalesWithSize: true } },
    },
  });
  if (!product) return { groups: [], optionLines: [] };
  return {
    groups: product.optionGroups.map((g) => ({
      id: g.optionGroup.id,
      slug: g.optionGroup.slug,
      sortOrder: g.sortOrder,
      options: g.optionGroup.options.map((o) => ({ id: o.id, recipeScalePct: o.recipeScalePct, priceDeltaCents: o.shops[0]?.priceDeltaOverrideCents ?? o.priceDeltaCents, isDefault: o.isDefault })),
    })),
    optionLines: product.recipe.map((l) => ({ ...l, optionId: l.optionId! })),
  };
}
