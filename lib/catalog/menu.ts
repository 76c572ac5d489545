import type { Db } from "@/lib/db";
import { lineRequirements, shortages, type RecipeLineDef } from "@/lib/inventory/requirements";
import { shopSummary } from "@/lib/shops/summary";
import { combineTags, type DietaryTags } from "./dietary";
import type { MenuOptionGroup, MenuProduct, ShopMenu } from "./types";

/**
 * The menu of one shop: what it sells (ShopProduct rows), at its prices, and whether it can make
 * each product and option right now from its stock (available = on hand − reserved). Stock here
 * is a guide for the customer; the order processor's reservation is what decides.
 */
export async function getShopMenu(db: Db, shopSlug: string, now = new Date()): Promise<ShopMenu | null> {
  const shop = await db.shop.findUnique({ where: { slug: shopSlug }, include: { hours: true } });
  if (!shop || !shop.active) return null;

  const [categories, sold, shopOptions, stock] = await Promise.all([
    db.category.findMany({
      orderBy: { sortOrder: "asc" },
      include: {
        products: {
          where: { active: true },
          orderBy: { sortOrder: "asc" },
          include: {
            recipe: { select: { ingredientId: true, optionId: true, quantity: true, scalesWithSize: true, ingredient: { select: { allergens: true, dietaryFlags: true } } } },
            optionGroups: { orderBy: { sortOrder: "asc" }, include: { optionGroup: { include: { options: { where: { active: true }, orderBy: { sortOrder: "asc" } } } } } },
          },
        },
      },
    }),
    db.shopProduct.findMany({ where: { shopId: shop.id } }),
    db.shopOption.findMany({ where: { shopId: shop.id } }),
    db.stock.findMany({ where: { shopId: shop.id }, include: { ingredient: { select: { name: true } } } }),
  ]);

  const soldHere = new Map(sold.map((sp) => [sp.productId, sp]));
  const optionHere = new Map(shopOptions.map((so) => [so.optionId, so]));
  const available = new Map(stock.map((s) => [s.ingredientId, s.onHand - s.reserved]));
  const ingredientName = new Map(stock.map((s) => [s.ingredientId, s.ingredient.name]));
  const outOf = (missing: string[]) => (missing.length === 0 ? null : `Out of ${missing.map((id) => (ingredientName.get(id) ?? "an ingredient").toLowerCase()).join(" and ")}`);

  const menuCategories = categories.map((category) => ({
    slug: category.slug,
    name: category.name,
    products: category.products.flatMap((product): MenuProduct[] => {
      const listing = soldHere.get(product.id);
      if (!listing) return [];
      const recipe: RecipeLineDef[] = product.recipe;
      const tagsOf = (optionId: string | null): DietaryTags =>
        combineTags(product.recipe.filter((line) => line.optionId === optionId).map((line) => ({ allergens: line.ingredient.allergens, flags: line.ingredient.dietaryFlags })));

      const optionGroups: MenuOptionGroup[] = product.optionGroups.map(({ optionGroup: g, defaultOptionId }) => ({
        id: g.id,
        slug: g.slug,
        name: g.name,
        minSelect: g.minSelect,
        maxSelect: g.maxSelect,
        options: g.options.map((o) => {
          const own = recipe.filter((line) => line.optionId === o.id);
          const here = optionHere.get(o.id);
          const reason = here?.available === false ? "Not available today" : outOf(shortages(lineRequirements(own, new Set([o.id]), o.recipeScalePct, 1), available));
          return { id: o.id, slug: o.slug, name: o.name, priceDeltaCents: here?.priceDeltaOverrideCents ?? o.priceDeltaCents, recipeScalePct: o.recipeScalePct, isDefault: defaultOptionId ? o.id === defaultOptionId : o.isDefault, available: reason === null, unavailableReason: reason, dietary: tagsOf(o.id) };
        }),
      }));

      // The product needs its base recipe and, for each required choice, at least one option it can make.
      const base = recipe.filter((line) => line.optionId === null);
      let reason = listing.available ? outOf(shortages(lineRequirements(base, new Set(), 100, 1), available)) : "Not available today";
      const blocked = optionGroups.find((g) => g.minSelect > 0 && !g.options.some((o) => o.available));
      if (!reason && blocked) reason = blocked.options[0]?.unavailableReason ?? `No ${blocked.name.toLowerCase()} available`;

      return [
        {
          id: product.id,
          slug: product.slug,
          name: product.name,
          description: product.description,
          imageUrl: product.imageUrl,
          station: product.station,
          prepSeconds: product.prepSeconds,
          priceCents: listing.priceOverrideCents ?? product.basePriceCents,
          available: reason === null,
          unavailableReason: reason,
          dietary: tagsOf(null),
          optionGroups,
        },
      ];
    }),
  }));

  return {
    shop: {
      ...shopSummary(shop, now),
      currency: shop.currency,
      taxRateBps: shop.taxRateBps,
      hours: shop.hours.map(({ weekday, opensMinute, closesMinute }) => ({ weekday, opensMinute, closesMinute })),
    },
    categories: menuCategories.filter((c) => c.products.length > 0),
  };
}
