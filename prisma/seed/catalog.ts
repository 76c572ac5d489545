import type { Allergen, DietaryFlag, Station, StockUnit } from "@/lib/db/generated/enums.ts";
import type { SeedTx } from "./db";

/**
 * The demo menu as typed constants, and the code that puts it in the database. Re-seeding only
 * adds what is missing (matched by slug, or by product/option/ingredient for recipe lines): it never
 * overwrites a row, so a price a manager changed in the demo survives `npm run db:seed`.
 */

// ------------------------------------------------------------------ categories

export const CATEGORIES = [
  { slug: "espresso-bar", name: "Espresso bar" },
  { slug: "brewed-coffee", name: "Brewed coffee" },
  { slug: "tea-and-more", name: "Tea & more" },
  { slug: "bakery", name: "Bakery" },
  { slug: "breakfast", name: "Breakfast" },
] as const;

export type CategorySlug = (typeof CATEGORIES)[number]["slug"];

// ------------------------------------------------------------------ ingredients

export type IngredientDef = {
  slug: string;
  name: string;
  unit: StockUnit;
  /** What a typical shop (about 200 orders a day) uses per day; drives the seeded stock levels. */
  dailyUse: number;
  /** What it contains, and the diets it suits (lib/catalog/dietary.ts derives products' labels from them). */
  allergens: readonly Allergen[];
  flags: readonly DietaryFlag[];
};

export const INGREDIENTS = [
  { slug: "espresso-beans", name: "Espresso beans (house blend)", unit: "GRAM", dailyUse: 3_400, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "filter-beans", name: "Filter coffee beans", unit: "GRAM", dailyUse: 800, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "cold-brew-concentrate", name: "Cold brew concentrate", unit: "MILLILITER", dailyUse: 4_700, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "whole-milk", name: "Whole milk", unit: "MILLILITER", dailyUse: 15_000, allergens: ["MILK"], flags: ["VEGETARIAN"] },
  { slug: "skim-milk", name: "Skim milk", unit: "MILLILITER", dailyUse: 3_700, allergens: ["MILK"], flags: ["VEGETARIAN"] },
  { slug: "oat-milk", name: "Oat milk", unit: "MILLILITER", dailyUse: 8_800, allergens: ["GLUTEN"], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "almond-milk", name: "Almond milk", unit: "MILLILITER", dailyUse: 3_400, allergens: ["NUTS"], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "vanilla-syrup", name: "Vanilla syrup", unit: "MILLILITER", dailyUse: 320, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "caramel-syrup", name: "Caramel syrup", unit: "MILLILITER", dailyUse: 250, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "hazelnut-syrup", name: "Hazelnut syrup", unit: "MILLILITER", dailyUse: 150, allergens: ["NUTS"], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "chocolate-sauce", name: "Chocolate sauce", unit: "MILLILITER", dailyUse: 780, allergens: ["MILK", "SOY"], flags: ["VEGETARIAN"] },
  { slug: "chai-concentrate", name: "Chai concentrate", unit: "MILLILITER", dailyUse: 2_300, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "matcha-powder", name: "Matcha powder", unit: "GRAM", dailyUse: 75, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "black-tea-bags", name: "English breakfast tea bags", unit: "PIECE", dailyUse: 7, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "ice", name: "Ice", unit: "GRAM", dailyUse: 9_000, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "cup-4oz", name: "Cup 4 oz (espresso)", unit: "PIECE", dailyUse: 11, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "cup-8oz", name: "Cup 8 oz", unit: "PIECE", dailyUse: 90, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "cup-12oz", name: "Cup 12 oz", unit: "PIECE", dailyUse: 120, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "cup-16oz", name: "Cup 16 oz", unit: "PIECE", dailyUse: 55, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "butter-croissant", name: "Butter croissant", unit: "PIECE", dailyUse: 24, allergens: ["MILK", "EGG", "GLUTEN"], flags: ["VEGETARIAN"] },
  { slug: "pain-au-chocolat", name: "Pain au chocolat", unit: "PIECE", dailyUse: 15, allergens: ["MILK", "EGG", "GLUTEN", "SOY"], flags: ["VEGETARIAN"] },
  { slug: "blueberry-muffin", name: "Blueberry muffin", unit: "PIECE", dailyUse: 11, allergens: ["MILK", "EGG", "GLUTEN"], flags: ["VEGETARIAN"] },
  { slug: "banana-bread-slice", name: "Banana walnut bread (slice)", unit: "PIECE", dailyUse: 10, allergens: ["MILK", "EGG", "GLUTEN", "NUTS"], flags: ["VEGETARIAN"] },
  { slug: "everything-bagel", name: "Everything bagel", unit: "PIECE", dailyUse: 11, allergens: ["GLUTEN", "SESAME"], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "cream-cheese", name: "Cream cheese", unit: "GRAM", dailyUse: 450, allergens: ["MILK"], flags: ["VEGETARIAN"] },
  { slug: "brioche-bun", name: "Brioche bun", unit: "PIECE", dailyUse: 14, allergens: ["MILK", "EGG", "GLUTEN"], flags: ["VEGETARIAN"] },
  { slug: "eggs", name: "Free-range eggs", unit: "PIECE", dailyUse: 28, allergens: ["EGG"], flags: ["VEGETARIAN"] },
  { slug: "cheddar-slices", name: "Aged cheddar (slice)", unit: "PIECE", dailyUse: 14, allergens: ["MILK"], flags: ["VEGETARIAN"] },
  { slug: "sourdough-slices", name: "Sourdough (slice)", unit: "PIECE", dailyUse: 15, allergens: ["GLUTEN"], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "avocado", name: "Avocado (smashed)", unit: "GRAM", dailyUse: 650, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
  { slug: "greek-yogurt", name: "Greek yogurt", unit: "GRAM", dailyUse: 1_250, allergens: ["MILK"], flags: ["VEGETARIAN"] },
  { slug: "granola", name: "House granola", unit: "GRAM", dailyUse: 300, allergens: ["GLUTEN", "NUTS"], flags: ["VEGETARIAN"] },
  { slug: "mixed-berries", name: "Mixed berries", unit: "GRAM", dailyUse: 450, allergens: [], flags: ["VEGAN", "VEGETARIAN"] },
] as const satisfies readonly IngredientDef[];

export type IngredientSlug = (typeof INGREDIENTS)[number]["slug"];

// ------------------------------------------------------------------ option groups

export type OptionDef = {
  slug: string;
  name: string;
  priceDeltaCents: number;
  recipeScalePct?: number;
  isDefault?: boolean;
};

export type OptionGroupDef = {
  slug: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: readonly OptionDef[];
};

export const OPTION_GROUPS = [
  {
    slug: "size",
    name: "Size",
    minSelect: 1,
    maxSelect: 1,
    options: [
      { slug: "small", name: "Small (8 oz)", priceDeltaCents: 0, recipeScalePct: 75 },
      { slug: "medium", name: "Medium (12 oz)", priceDeltaCents: 50, recipeScalePct: 100, isDefault: true },
      { slug: "large", name: "Large (16 oz)", priceDeltaCents: 100, recipeScalePct: 140 },
    ],
  },
  {
    slug: "milk",
    name: "Milk",
    minSelect: 1,
    maxSelect: 1,
    options: [
      { slug: "whole", name: "Whole milk", priceDeltaCents: 0, isDefault: true },
      { slug: "skim", name: "Skim milk", priceDeltaCents: 0 },
      { slug: "oat", name: "Oat milk", priceDeltaCents: 70 },
      { slug: "almond", name: "Almond milk", priceDeltaCents: 70 },
    ],
  },
  {
    slug: "extra-shots",
    name: "Extra shots",
    minSelect: 0,
    maxSelect: 1,
    options: [
      { slug: "one", name: "1 extra shot", priceDeltaCents: 90 },
      { slug: "two", name: "2 extra shots", priceDeltaCents: 180 },
    ],
  },
  {
    slug: "syrups",
    name: "Syrups",
    minSelect: 0,
    maxSelect: 2,
    options: [
      { slug: "vanilla", name: "Vanilla", priceDeltaCents: 60 },
      { slug: "caramel", name: "Caramel", priceDeltaCents: 60 },
      { slug: "hazelnut", name: "Hazelnut", priceDeltaCents: 60 },
    ],
  },
  {
    slug: "temperature",
    name: "Temperature",
    minSelect: 1,
    maxSelect: 1,
    options: [
      { slug: "hot", name: "Hot", priceDeltaCents: 0, isDefault: true },
      { slug: "iced", name: "Iced", priceDeltaCents: 0 },
    ],
  },
] as const satisfies readonly OptionGroupDef[];

export type GroupSlug = (typeof OPTION_GROUPS)[number]["slug"];

/** What choosing an option consumes, per product unless a product says otherwise. */
const SIZE_CUPS: Record<string, IngredientSlug> = { small: "cup-8oz", medium: "cup-12oz", large: "cup-16oz" };
const MILKS: Record<string, IngredientSlug> = { whole: "whole-milk", skim: "skim-milk", oat: "oat-milk", almond: "almond-milk" };
const SHOT_GRAMS: Record<string, number> = { one: 9, two: 18 };
const SYRUPS: Record<string, IngredientSlug> = { vanilla: "vanilla-syrup", caramel: "caramel-syrup", hazelnut: "hazelnut-syrup" };
const SYRUP_ML = 15;
const ICE_GRAMS = 150;

// ------------------------------------------------------------------ products

export type ProductDef = {
  slug: string;
  category: CategorySlug;
  name: string;
  description: string;
  basePriceCents: number;
  station: Station;
  prepSeconds: number;
  /** Option groups in the order the menu shows them. */
  groups: readonly GroupSlug[];
  /** Base recipe for one unit at 100 % (Medium), scaled by the size option. */
  recipe: readonly (readonly [IngredientSlug, number])[];
  /** Millilitres of milk, for products with the milk group: one recipe line per milk option. */
  milkMl?: number;
};

export const PRODUCTS = [
  // Espresso bar
  {
    slug: "espresso",
    category: "espresso-bar",
    name: "Espresso",
    description: "A double shot of our house blend: dark chocolate, cherry and a syrupy finish.",
    basePriceCents: 325,
    station: "ESPRESSO_BAR",
    prepSeconds: 60,
    groups: ["extra-shots"],
    recipe: [["espresso-beans", 18], ["cup-4oz", 1]],
  },
  {
    slug: "americano",
    category: "espresso-bar",
    name: "Americano",
    description: "Two shots of espresso topped with hot water. Long, clean and bold.",
    basePriceCents: 375,
    station: "ESPRESSO_BAR",
    prepSeconds: 75,
    groups: ["size", "extra-shots", "syrups", "temperature"],
    recipe: [["espresso-beans", 18]],
  },
  {
    slug: "cortado",
    category: "espresso-bar",
    name: "Cortado",
    description: "Equal parts espresso and silky steamed milk, served small.",
    basePriceCents: 425,
    station: "ESPRESSO_BAR",
    prepSeconds: 90,
    groups: ["milk", "extra-shots"],
    recipe: [["espresso-beans", 18], ["cup-8oz", 1]],
    milkMl: 60,
  },
  {
    slug: "flat-white",
    category: "espresso-bar",
    name: "Flat white",
    description: "A ristretto double with a thin layer of velvety microfoam.",
    basePriceCents: 475,
    station: "ESPRESSO_BAR",
    prepSeconds: 100,
    groups: ["milk", "extra-shots"],
    recipe: [["espresso-beans", 18], ["cup-8oz", 1]],
    milkMl: 120,
  },
  {
    slug: "cappuccino",
    category: "espresso-bar",
    name: "Cappuccino",
    description: "Espresso under a deep cap of airy milk foam, dusted with cocoa on request.",
    basePriceCents: 475,
    station: "ESPRESSO_BAR",
    prepSeconds: 110,
    groups: ["size", "milk", "extra-shots", "syrups"],
    recipe: [["espresso-beans", 18]],
    milkMl: 150,
  },
  {
    slug: "caffe-latte",
    category: "espresso-bar",
    name: "Caffè latte",
    description: "Espresso with plenty of steamed milk and a thin layer of foam. Our most ordered drink.",
    basePriceCents: 495,
    station: "ESPRESSO_BAR",
    prepSeconds: 110,
    groups: ["size", "milk", "extra-shots", "syrups", "temperature"],
    recipe: [["espresso-beans", 18]],
    milkMl: 240,
  },
  {
    slug: "mocha",
    category: "espresso-bar",
    name: "Mocha",
    description: "Espresso, dark chocolate sauce and steamed milk. Dessert in a cup.",
    basePriceCents: 545,
    station: "ESPRESSO_BAR",
    prepSeconds: 130,
    groups: ["size", "milk", "extra-shots", "temperature"],
    recipe: [["espresso-beans", 18], ["chocolate-sauce", 30]],
    milkMl: 200,
  },
  // Brewed coffee
  {
    slug: "house-drip",
    category: "brewed-coffee",
    name: "House drip",
    description: "Batch-brewed daily from a washed Colombian: caramel, red apple, easy drinking.",
    basePriceCents: 295,
    station: "BREW",
    prepSeconds: 30,
    groups: ["size"],
    recipe: [["filter-beans", 20]],
  },
  {
    slug: "pour-over",
    category: "brewed-coffee",
    name: "Single-origin pour-over",
    description: "Hand-poured to order from this week's featured Ethiopian: jasmine, peach and bergamot.",
    basePriceCents: 525,
    station: "BREW",
    prepSeconds: 240,
    groups: [],
    recipe: [["filter-beans", 22], ["cup-12oz", 1]],
  },
  {
    slug: "cold-brew",
    category: "brewed-coffee",
    name: "Cold brew",
    description: "Steeped for 18 hours, served over ice. Smooth, chocolatey, low in acidity.",
    basePriceCents: 475,
    station: "BREW",
    prepSeconds: 45,
    groups: ["size", "syrups"],
    recipe: [["cold-brew-concentrate", 200], ["ice", 150]],
  },
  // Tea & more
  {
    slug: "chai-latte",
    category: "tea-and-more",
    name: "Chai latte",
    description: "Black tea brewed with cinnamon, cardamom, ginger and clove, with steamed milk.",
    basePriceCents: 475,
    station: "ESPRESSO_BAR",
    prepSeconds: 100,
    groups: ["size", "milk", "syrups", "temperature"],
    recipe: [["chai-concentrate", 120]],
    milkMl: 180,
  },
  {
    slug: "matcha-latte",
    category: "tea-and-more",
    name: "Matcha latte",
    description: "Ceremonial-grade Uji matcha whisked to order and topped with milk.",
    basePriceCents: 525,
    station: "ESPRESSO_BAR",
    prepSeconds: 120,
    groups: ["size", "milk", "syrups", "temperature"],
    recipe: [["matcha-powder", 4]],
    milkMl: 240,
  },
  {
    slug: "english-breakfast-tea",
    category: "tea-and-more",
    name: "English breakfast tea",
    description: "A brisk Assam and Ceylon blend. Milk and honey at the side bar.",
    basePriceCents: 325,
    station: "BREW",
    prepSeconds: 40,
    groups: [],
    recipe: [["black-tea-bags", 1], ["cup-12oz", 1]],
  },
  {
    slug: "hot-chocolate",
    category: "tea-and-more",
    name: "Hot chocolate",
    description: "Single-origin dark chocolate melted into steamed milk. Whipped cream on request.",
    basePriceCents: 425,
    station: "ESPRESSO_BAR",
    prepSeconds: 90,
    groups: ["size", "milk"],
    recipe: [["chocolate-sauce", 40]],
    milkMl: 270,
  },
  // Bakery
  {
    slug: "butter-croissant",
    category: "bakery",
    name: "Butter croissant",
    description: "Baked every morning with cultured French butter. Flaky outside, honeycomb inside.",
    basePriceCents: 395,
    station: "FOOD",
    prepSeconds: 20,
    groups: [],
    recipe: [["butter-croissant", 1]],
  },
  {
    slug: "pain-au-chocolat",
    category: "bakery",
    name: "Pain au chocolat",
    description: "Our croissant dough rolled around two batons of dark chocolate.",
    basePriceCents: 445,
    station: "FOOD",
    prepSeconds: 20,
    groups: [],
    recipe: [["pain-au-chocolat", 1]],
  },
  {
    slug: "blueberry-muffin",
    category: "bakery",
    name: "Blueberry muffin",
    description: "Packed with wild blueberries under a crunchy lemon-sugar top.",
    basePriceCents: 375,
    station: "FOOD",
    prepSeconds: 15,
    groups: [],
    recipe: [["blueberry-muffin", 1]],
  },
  {
    slug: "banana-bread",
    category: "bakery",
    name: "Banana walnut bread",
    description: "A thick slice of moist banana bread with toasted walnuts.",
    basePriceCents: 395,
    station: "FOOD",
    prepSeconds: 15,
    groups: [],
    recipe: [["banana-bread-slice", 1]],
  },
  // Breakfast
  {
    slug: "everything-bagel",
    category: "breakfast",
    name: "Everything bagel & cream cheese",
    description: "A New York-style everything bagel, toasted, with a generous schmear.",
    basePriceCents: 475,
    station: "FOOD",
    prepSeconds: 90,
    groups: [],
    recipe: [["everything-bagel", 1], ["cream-cheese", 40]],
  },
  {
    slug: "egg-cheddar-brioche",
    category: "breakfast",
    name: "Egg & cheddar brioche",
    description: "Two soft-scrambled eggs and aged cheddar on a toasted brioche bun.",
    basePriceCents: 745,
    station: "FOOD",
    prepSeconds: 180,
    groups: [],
    recipe: [["brioche-bun", 1], ["eggs", 2], ["cheddar-slices", 1]],
  },
  {
    slug: "avocado-toast",
    category: "breakfast",
    name: "Avocado toast",
    description: "Smashed avocado, lemon, chili flakes and sea salt on two slices of sourdough.",
    basePriceCents: 995,
    station: "FOOD",
    prepSeconds: 180,
    groups: [],
    recipe: [["sourdough-slices", 2], ["avocado", 90]],
  },
  {
    slug: "yogurt-parfait",
    category: "breakfast",
    name: "Greek yogurt parfait",
    description: "Thick Greek yogurt layered with house granola and mixed berries.",
    basePriceCents: 625,
    station: "FOOD",
    prepSeconds: 45,
    groups: [],
    recipe: [["greek-yogurt", 170], ["granola", 40], ["mixed-berries", 60]],
  },
] as const satisfies readonly ProductDef[];

export type ProductSlug = (typeof PRODUCTS)[number]["slug"];

export function productImageUrl(slug: string): string {
  return `/menu/${slug}.svg`;
}

/** The recipe lines of one product: base lines plus one line per option that consumes something. */
export function recipeFor(product: ProductDef): { option: { group: GroupSlug; slug: string } | null; ingredient: IngredientSlug; quantity: number; scalesWithSize: boolean }[] {
  const lines: Omit<ReturnType<typeof recipeFor>[number], "scalesWithSize">[] = product.recipe.map(([ingredient, quantity]) => ({ option: null, ingredient, quantity }));
  const groups: readonly GroupSlug[] = product.groups;
  if (groups.includes("size")) {
    for (const [slug, cup] of Object.entries(SIZE_CUPS)) lines.push({ option: { group: "size", slug }, ingredient: cup, quantity: 1 });
  }
  if (groups.includes("milk")) {
    if (!product.milkMl) throw new Error(`product ${product.slug} has the milk group but no milkMl`);
    for (const [slug, milk] of Object.entries(MILKS)) lines.push({ option: { group: "milk", slug }, ingredient: milk, quantity: product.milkMl });
  }
  if (groups.includes("extra-shots")) {
    for (const [slug, grams] of Object.entries(SHOT_GRAMS)) lines.push({ option: { group: "extra-shots", slug }, ingredient: "espresso-beans", quantity: grams });
  }
  if (groups.includes("syrups")) {
    for (const [slug, syrup] of Object.entries(SYRUPS)) lines.push({ option: { group: "syrups", slug }, ingredient: syrup, quantity: SYRUP_ML });
  }
  if (groups.includes("temperature")) {
    lines.push({ option: { group: "temperature", slug: "iced" }, ingredient: "ice", quantity: ICE_GRAMS });
  }
  // Size scales what is poured (beans, milk, syrup, ice), never what is counted (cups, pastries) or
  // an extra shot, which is a shot whatever the cup.
  return lines.map((line) => ({
    ...line,
    scalesWithSize: line.option ? SCALED_OPTION_GROUPS.has(line.option.group) : ingredientUnit(line.ingredient) !== "PIECE",
  }));
}

const SCALED_OPTION_GROUPS: ReadonlySet<GroupSlug> = new Set<GroupSlug>(["milk", "syrups", "temperature"]);

function ingredientUnit(slug: IngredientSlug): StockUnit {
  const ingredient = INGREDIENTS.find((i) => i.slug === slug);
  if (!ingredient) throw new Error(`unknown ingredient ${slug}`);
  return ingredient.unit;
}

// ------------------------------------------------------------------ database

/** Ids of the catalog rows by slug ("group/option" for options). */
export type CatalogIds = {
  categories: Map<string, string>;
  groups: Map<string, string>;
  options: Map<string, string>;
  ingredients: Map<string, string>;
  products: Map<string, string>;
};

export type CatalogCreated = {
  categories: number;
  optionGroups: number;
  options: number;
  ingredients: number;
  products: number;
  productOptionGroups: number;
  recipeLines: number;
};

const bySlug = (rows: readonly { id: string; slug: string }[]) => new Map(rows.map((r) => [r.slug, r.id]));

function need(map: Map<string, string>, key: string, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`seed: ${what} "${key}" is missing after insert`);
  return id;
}

export async function seedCatalog(db: SeedTx): Promise<{ ids: CatalogIds; created: CatalogCreated }> {
  const created: CatalogCreated = { categories: 0, optionGroups: 0, options: 0, ingredients: 0, products: 0, productOptionGroups: 0, recipeLines: 0 };

  created.categories = (
    await db.category.createMany({ data: CATEGORIES.map((c, i) => ({ slug: c.slug, name: c.name, sortOrder: i })), skipDuplicates: true })
  ).count;
  created.optionGroups = (
    await db.optionGroup.createMany({
      data: OPTION_GROUPS.map((g) => ({ slug: g.slug, name: g.name, minSelect: g.minSelect, maxSelect: g.maxSelect })),
      skipDuplicates: true,
    })
  ).count;
  created.ingredients = (
    await db.ingredient.createMany({
      data: INGREDIENTS.map((i) => ({ slug: i.slug, name: i.name, unit: i.unit, allergens: [...i.allergens], dietaryFlags: [...i.flags] })),
      skipDuplicates: true,
    })
  ).count;
  // Labels of ingredients seeded before they carried any (the catalog's own facts, not shop data).
  await db.$executeRawUnsafe(
    `UPDATE ingredients i SET allergens = ARRAY(SELECT jsonb_array_elements_text(t.a))::"Allergen"[], dietary_flags = ARRAY(SELECT jsonb_array_elements_text(t.f))::"DietaryFlag"[]
     FROM jsonb_to_recordset($1::jsonb) AS t(slug text, a jsonb, f jsonb)
     WHERE i.slug = t.slug AND cardinality(i.allergens) = 0 AND cardinality(i.dietary_flags) = 0`,
    JSON.stringify(INGREDIENTS.map((i) => ({ slug: i.slug, a: i.allergens, f: i.flags }))),
  );

  const [categoryRows, groupRows, ingredientRows] = await Promise.all([
    db.category.findMany({ where: { slug: { in: CATEGORIES.map((c) => c.slug) } }, select: { id: true, slug: true } }),
    db.optionGroup.findMany({ where: { slug: { in: OPTION_GROUPS.map((g) => g.slug) } }, select: { id: true, slug: true } }),
    db.ingredient.findMany({ where: { slug: { in: INGREDIENTS.map((i) => i.slug) } }, select: { id: true, slug: true } }),
  ]);
  const categories = bySlug(categoryRows);
  const groups = bySlug(groupRows);
  const ingredients = bySlug(ingredientRows);

  created.options = (
    await db.option.createMany({
      data: OPTION_GROUPS.flatMap((g) =>
        g.options.map((o: OptionDef, i) => ({
          groupId: need(groups, g.slug, "option group"),
          slug: o.slug,
          name: o.name,
          priceDeltaCents: o.priceDeltaCents,
          recipeScalePct: o.recipeScalePct ?? 100,
          isDefault: o.isDefault ?? false,
          sortOrder: i,
        })),
      ),
      skipDuplicates: true,
    })
  ).count;

  created.products = (
    await db.product.createMany({
      data: PRODUCTS.map((p, i) => ({
        slug: p.slug,
        categoryId: need(categories, p.category, "category"),
        name: p.name,
        description: p.description,
        imageUrl: productImageUrl(p.slug),
        basePriceCents: p.basePriceCents,
        station: p.station,
        prepSeconds: p.prepSeconds,
        sortOrder: i,
      })),
      skipDuplicates: true,
    })
  ).count;

  const [optionRows, productRows] = await Promise.all([
    db.option.findMany({ where: { groupId: { in: [...groups.values()] } }, select: { id: true, slug: true, group: { select: { slug: true } } } }),
    db.product.findMany({ where: { slug: { in: PRODUCTS.map((p) => p.slug) } }, select: { id: true, slug: true } }),
  ]);
  const options = new Map(optionRows.map((o) => [`${o.group.slug}/${o.slug}`, o.id]));
  const products = bySlug(productRows);

  created.productOptionGroups = (
    await db.productOptionGroup.createMany({
      data: PRODUCTS.flatMap((p) =>
        (p.groups as readonly GroupSlug[]).map((g, i) => ({
          productId: need(products, p.slug, "product"),
          optionGroupId: need(groups, g, "option group"),
          sortOrder: i,
        })),
      ),
      skipDuplicates: true,
    })
  ).count;

  // Recipe lines have no natural key: insert the (product, option, ingredient) triples that are missing.
  const existing = await db.recipeLine.findMany({
    where: { productId: { in: [...products.values()] } },
    select: { productId: true, optionId: true, ingredientId: true },
  });
  const have = new Set(existing.map((l) => `${l.productId}|${l.optionId ?? ""}|${l.ingredientId}`));
  const missing = PRODUCTS.flatMap((p) =>
    recipeFor(p).map((line) => ({
      productId: need(products, p.slug, "product"),
      optionId: line.option ? need(options, `${line.option.group}/${line.option.slug}`, "option") : null,
      ingredientId: need(ingredients, line.ingredient, "ingredient"),
      quantity: line.quantity,
      scalesWithSize: line.scalesWithSize,
    })),
  ).filter((l) => !have.has(`${l.productId}|${l.optionId ?? ""}|${l.ingredientId}`));
  if (missing.length > 0) created.recipeLines = (await db.recipeLine.createMany({ data: missing })).count;

  return { ids: { categories, groups, options, ingredients, products }, created };
}
