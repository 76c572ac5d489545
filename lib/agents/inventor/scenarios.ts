import type { PantryItem, Unit } from "./compose";
import type { Season } from "./library";

/**
 * Pantries for the inventor's tests and eval, shaped like the seeded catalog (same slugs, units,
 * pack sizes and pack prices as prisma/seed/suppliers.ts): a full shop, shops missing one thing or
 * another, a shop whose prices are unknown, and a shop with no drink ingredients at all.
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

type Row = [slug: string, name: string, unit: Unit, packSize: number, packPriceCents: number, forDrinks: boolean];
const ROWS: Row[] = [
  ["espresso-beans", "Espresso beans (house blend)", "GRAM", 1_000, 1_800, true],
  ["cold-brew-concentrate", "Cold brew concentrate", "MILLILITER", 1_000, 900, true],
  ["whole-milk", "Whole milk", "MILLILITER", 4_000, 560, true],
  ["skim-milk", "Skim milk", "MILLILITER", 4_000, 520, true],
  ["oat-milk", "Oat milk", "MILLILITER", 6_000, 2_400, true],
  ["almond-milk", "Almond milk", "MILLILITER", 6_000, 2_700, true],
  ["vanilla-syrup", "Vanilla syrup", "MILLILITER", 750, 950, true],
  ["caramel-syrup", "Caramel syrup", "MILLILITER", 750, 950, true],
  ["hazelnut-syrup", "Hazelnut syrup", "MILLILITER", 750, 990, true],
  ["chocolate-sauce", "Chocolate sauce", "MILLILITER", 750, 1_150, true],
  ["chai-concentrate", "Chai concentrate", "MILLILITER", 1_000, 600, true],
  ["matcha-powder", "Matcha powder", "GRAM", 1_000, 6_500, true],
  ["ice", "Ice", "GRAM", 1_000, 40, true],
  ["cup-8oz", "Cup 8 oz", "PIECE", 500, 3_500, true],
  ["cup-12oz", "Cup 12 oz", "PIECE", 500, 4_200, true],
  ["cup-16oz", "Cup 16 oz", "PIECE", 500, 4_800, true],
  ["butter-croissant", "Butter croissant", "PIECE", 12, 1_080, false],
  ["mixed-berries", "Mixed berries", "GRAM", 1_000, 1_300, false],
];

/** The full pantry: plenty of everything, every supplier priced. */
export function fullPantry(): PantryItem[] {
  return ROWS.map(([slug, name, unit, packSize, packPriceCents, forDrinks], i) => ({ id: id(i + 1), slug, name, unit, available: unit === "PIECE" ? 200 : 20_000, packSize, packPriceCents, forDrinks }));
}

export const idOf = (slug: string) => id(ROWS.findIndex((r) => r[0] === slug) + 1);

export type InventorScenario = {
  name: string;
  season: Season;
  pantry: PantryItem[];
  taken: string[];
  marginBps: number;
  /** What the rules must propose: a name, or null for nothing. */
  expectName: string | null;
};

const without = (slugs: string[], change: Partial<PantryItem> = { available: 0 }) => fullPantry().map((i) => (slugs.includes(i.slug) ? { ...i, ...change } : i));

export const INVENTOR_SCENARIOS: InventorScenario[] = [
  { name: "winter, everything stocked", season: "winter", pantry: fullPantry(), taken: [], marginBps: 7_000, expectName: "Winter Hazelnut Mocha" },
  { name: "winter, out of chocolate sauce", season: "winter", pantry: without(["chocolate-sauce"]), taken: [], marginBps: 7_000, expectName: "Winter Vanilla Chai Latte" },
  { name: "winter, chocolate has no supplier price", season: "winter", pantry: without(["chocolate-sauce"], { packPriceCents: null }), taken: [], marginBps: 7_000, expectName: "Winter Vanilla Chai Latte" },
  { name: "winter, no whole milk: oat milk instead", season: "winter", pantry: without(["whole-milk"]), taken: [], marginBps: 6_500, expectName: "Winter Hazelnut Mocha" },
  { name: "winter, the name is taken", season: "winter", pantry: fullPantry(), taken: ["winter hazelnut mocha"], marginBps: 7_000, expectName: "Fireside Hazelnut Mocha" },
  { name: "spring, no matcha", season: "spring", pantry: without(["matcha-powder"]), taken: [], marginBps: 7_000, expectName: null },
  { name: "summer, no cold brew, no ice", season: "summer", pantry: without(["cold-brew-concentrate", "ice"]), taken: [], marginBps: 7_500, expectName: null },
  { name: "summer, cold brew without milk", season: "summer", pantry: without(["whole-milk", "skim-milk", "oat-milk", "almond-milk"]), taken: [], marginBps: 7_000, expectName: "Summer Caramel Cold Brew" },
  { name: "autumn, only a little espresso", season: "autumn", pantry: without(["espresso-beans"], { available: 10 }), taken: [], marginBps: 7_000, expectName: "Autumn Spiced Chai Mocha" },
  { name: "a shop with no drink ingredients", season: "autumn", pantry: fullPantry().map((i) => (i.forDrinks ? { ...i, available: 0 } : i)), taken: [], marginBps: 7_000, expectName: null },
];
