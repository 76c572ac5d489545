/**
 * Allergens and dietary labels, derived from recipes: a product is what its base recipe and the
 * chosen options' recipe lines are made of. Allergens add up (any ingredient that contains milk
 * makes the drink contain milk); a diet holds only when every ingredient suits it (one whole-milk
 * line and the latte is not vegan). Pure, and safe for client components (no Prisma import).
 */

export const ALLERGENS = ["MILK", "EGG", "GLUTEN", "NUTS", "PEANUTS", "SOY", "SESAME"] as const;
export type Allergen = (typeof ALLERGENS)[number];
export const DIETARY_FLAGS = ["VEGAN", "VEGETARIAN"] as const;
export type DietaryFlag = (typeof DIETARY_FLAGS)[number];

export const ALLERGEN_NAMES: Record<Allergen, string> = { MILK: "milk", EGG: "egg", GLUTEN: "gluten", NUTS: "tree nuts", PEANUTS: "peanuts", SOY: "soy", SESAME: "sesame" };
export const FLAG_NAMES: Record<DietaryFlag, string> = { VEGAN: "Vegan", VEGETARIAN: "Vegetarian" };

/** What a set of ingredients (a base recipe, or one option's lines) contains and which diets all of them suit. */
export type DietaryTags = { allergens: Allergen[]; flags: DietaryFlag[] };

/** Tags of nothing at all: no allergen, every diet (an option with no recipe lines, like "Hot"). */
export const NEUTRAL: DietaryTags = { allergens: [], flags: [...DIETARY_FLAGS] };

/** Combines ingredients' (or parts') tags: allergens united, diets intersected; in a fixed order. */
export function combineTags(parts: readonly DietaryTags[]): DietaryTags {
  const allergens = new Set<Allergen>();
  let flags = new Set<DietaryFlag>(DIETARY_FLAGS);
  for (const part of parts) {
    for (const a of part.allergens) allergens.add(a);
    flags = new Set(part.flags.filter((f) => flags.has(f)));
  }
  return { allergens: ALLERGENS.filter((a) => allergens.has(a)), flags: DIETARY_FLAGS.filter((f) => flags.has(f)) };
}

/** The shape this needs from a menu product (lib/catalog/types.ts). */
export type TaggedProduct = {
  dietary: DietaryTags;
  optionGroups: { minSelect: number; options: { id: string; isDefault: boolean; available: boolean; dietary: DietaryTags }[] }[];
};

/** The labels of a product made with the chosen options. */
export function productTags(product: TaggedProduct, chosenOptionIds: ReadonlySet<string>): DietaryTags {
  const chosen = product.optionGroups.flatMap((g) => g.options.filter((o) => chosenOptionIds.has(o.id)).map((o) => o.dietary));
  return combineTags([product.dietary, ...chosen]);
}

/** The product as it comes when nothing is changed: its default options. */
export function defaultTags(product: TaggedProduct): DietaryTags {
  return productTags(product, new Set(product.optionGroups.flatMap((g) => g.options.filter((o) => o.isDefault).map((o) => o.id))));
}

export type DietaryWish = { allergen: Allergen } | { flag: DietaryFlag };

const fits = (tags: DietaryTags, wish: DietaryWish) => ("allergen" in wish ? !tags.allergens.includes(wish.allergen) : tags.flags.includes(wish.flag));

/**
 * Whether the product can be ordered to fit the wish: its base recipe fits, and every choice the
 * customer must make has an available option that fits (optional extras can be left out). A latte
 * can be vegan (oat milk) and nut-free (no hazelnut syrup, no almond milk).
 */
export function canBeMade(product: TaggedProduct, wish: DietaryWish): boolean {
  if (!fits(product.dietary, wish)) return false;
  return product.optionGroups.every((g) => g.minSelect === 0 || g.options.some((o) => o.available && fits(o.dietary, wish)));
}

/** "Contains milk, gluten" / null when it contains none of the declared allergens. */
export function describeAllergens(allergens: readonly Allergen[]): string | null {
  if (allergens.length === 0) return null;
  return `Contains ${allergens.map((a) => ALLERGEN_NAMES[a]).join(", ")}`;
}

/** The menu's filters, as they appear in its address (`?diet=vegan&diet=no-nuts`). */
export const MENU_FILTERS = {
  "no-nuts": { label: "No nuts", wish: { allergen: "NUTS" } },
  vegan: { label: "Vegan", wish: { flag: "VEGAN" } },
} as const satisfies Record<string, { label: string; wish: DietaryWish }>;
export type MenuFilter = keyof typeof MENU_FILTERS;

/** The known filters among a search parameter's values (unknown ones are ignored). */
export function parseMenuFilters(value: string | string[] | undefined): MenuFilter[] {
  const values = new Set(Array.isArray(value) ? value : value ? [value] : []);
  return (Object.keys(MENU_FILTERS) as MenuFilter[]).filter((f) => values.has(f));
}

/** Products that can be made to fit every filter; categories left empty are dropped. */
export function filterMenu<P extends TaggedProduct, C extends { products: P[] }>(categories: readonly C[], filters: readonly MenuFilter[]): C[] {
  if (filters.length === 0) return [...categories];
  return categories
    .map((c) => ({ ...c, products: c.products.filter((p) => filters.every((f) => canBeMade(p, MENU_FILTERS[f].wish))) }))
    .filter((c) => c.products.length > 0);
}
