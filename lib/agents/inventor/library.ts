/**
 * The rules' seasonal library: drink archetypes by season. Each role of a recipe names candidate
 * ingredients by catalog slug (the first one the shop stocks is used) and a quantity in that
 * ingredient's unit (ml, g or pieces). An archetype is only offered when every required role has
 * a stocked candidate; optional roles are left out when none is stocked.
 */

export type Season = "winter" | "spring" | "summer" | "autumn";
export const SEASONS: readonly Season[] = ["winter", "spring", "summer", "autumn"];

export type Role = { candidates: readonly string[]; quantity: number; optional?: boolean; /** How the description names this role's ingredient (default: its catalog name, lower-cased). */ as?: Record<string, string> };

export type Archetype = {
  key: string;
  season: Season;
  /** The drink's name without the seasonal word ("Hazelnut Mocha"). */
  stem: string;
  roles: Record<string, Role>;
  /** The description; {role} is replaced by how that role's chosen ingredient reads. */
  describe: string;
};

const MILKS = ["whole-milk", "oat-milk", "almond-milk", "skim-milk"];
const PLANT_FIRST = ["oat-milk", "almond-milk", "whole-milk", "skim-milk"];
const MILK_WORDS: Record<string, string> = { "whole-milk": "whole milk", "skim-milk": "skim milk", "oat-milk": "oat milk", "almond-milk": "almond milk" };
const milk = (quantity: number, candidates = MILKS): Role => ({ candidates, quantity, as: MILK_WORDS });
const espresso: Role = { candidates: ["espresso-beans"], quantity: 18, as: { "espresso-beans": "a double espresso" } };
const cup = (size: "8oz" | "12oz" | "16oz"): Role => ({ candidates: [`cup-${size}`], quantity: 1, as: { [`cup-${size}`]: `a ${size.replace("oz", " oz")} cup` } });
const ice = (g: number): Role => ({ candidates: ["ice"], quantity: g, as: { ice: "ice" } });

/** Seasonal words for names: the first is the season's own; the others give alternatives when a name is taken. */
export const SEASON_WORDS: Record<Season, readonly string[]> = {
  winter: ["Winter", "Fireside", "Snowfall"],
  spring: ["Spring", "Blossom", "Garden"],
  summer: ["Summer", "Sunny", "Boardwalk"],
  autumn: ["Autumn", "Harvest", "Golden"],
};

export const ARCHETYPES: readonly Archetype[] = [
  {
    key: "hazelnut-mocha",
    season: "winter",
    stem: "Hazelnut Mocha",
    roles: { shot: espresso, chocolate: { candidates: ["chocolate-sauce"], quantity: 25 }, syrup: { candidates: ["hazelnut-syrup"], quantity: 15 }, milk: milk(200), cup: cup("12oz") },
    describe: "{shot} with {chocolate} and {syrup}, topped with steamed {milk}; served in {cup}.",
  },
  {
    key: "vanilla-chai",
    season: "winter",
    stem: "Vanilla Chai Latte",
    roles: { chai: { candidates: ["chai-concentrate"], quantity: 120 }, syrup: { candidates: ["vanilla-syrup"], quantity: 10 }, milk: milk(150), cup: cup("12oz") },
    describe: "Warming {chai} with a touch of {syrup} and steamed {milk}; served in {cup}.",
  },
  {
    key: "dirty-chai",
    season: "winter",
    stem: "Dirty Chai",
    roles: { chai: { candidates: ["chai-concentrate"], quantity: 120 }, shot: espresso, milk: milk(140), cup: cup("12oz") },
    describe: "Spiced {chai} with {shot} and steamed {milk}; served in {cup}.",
  },
  {
    key: "vanilla-matcha",
    season: "spring",
    stem: "Vanilla Matcha Latte",
    roles: { matcha: { candidates: ["matcha-powder"], quantity: 4 }, syrup: { candidates: ["vanilla-syrup"], quantity: 15 }, milk: milk(230, PLANT_FIRST), cup: cup("12oz") },
    describe: "Whisked {matcha} with {syrup} and steamed {milk}; served in {cup}.",
  },
  {
    key: "matcha-espresso",
    season: "spring",
    stem: "Matcha Espresso Fusion",
    roles: { matcha: { candidates: ["matcha-powder"], quantity: 3 }, shot: espresso, milk: milk(200, PLANT_FIRST), cup: cup("12oz") },
    describe: "Layers of {matcha}, steamed {milk} and {shot}; served in {cup}.",
  },
  {
    key: "caramel-cold-brew",
    season: "summer",
    stem: "Caramel Cold Brew",
    roles: { brew: { candidates: ["cold-brew-concentrate"], quantity: 180 }, syrup: { candidates: ["caramel-syrup"], quantity: 20 }, milk: { ...milk(60), optional: true }, ice: ice(150), cup: cup("16oz") },
    describe: "{brew} over {ice} with {syrup} and a splash of {milk}; served in {cup}.",
  },
  {
    key: "iced-vanilla-matcha",
    season: "summer",
    stem: "Iced Vanilla Matcha",
    roles: { matcha: { candidates: ["matcha-powder"], quantity: 4 }, syrup: { candidates: ["vanilla-syrup"], quantity: 15 }, milk: milk(200, PLANT_FIRST), ice: ice(150), cup: cup("16oz") },
    describe: "{matcha} shaken with {syrup} and cold {milk} over {ice}; served in {cup}.",
  },
  {
    key: "iced-hazelnut-latte",
    season: "summer",
    stem: "Iced Hazelnut Latte",
    roles: { shot: espresso, syrup: { candidates: ["hazelnut-syrup"], quantity: 15 }, milk: milk(200), ice: ice(150), cup: cup("16oz") },
    describe: "{shot} with {syrup} and cold {milk} over {ice}; served in {cup}.",
  },
  {
    key: "caramel-hazelnut-latte",
    season: "autumn",
    stem: "Caramel Hazelnut Latte",
    roles: { shot: espresso, caramel: { candidates: ["caramel-syrup"], quantity: 15 }, hazelnut: { candidates: ["hazelnut-syrup"], quantity: 10 }, milk: milk(220), cup: cup("12oz") },
    describe: "{shot} with {caramel}, {hazelnut} and steamed {milk}; served in {cup}.",
  },
  {
    key: "chai-mocha",
    season: "autumn",
    stem: "Spiced Chai Mocha",
    roles: { chai: { candidates: ["chai-concentrate"], quantity: 100 }, chocolate: { candidates: ["chocolate-sauce"], quantity: 20 }, milk: milk(140), cup: cup("12oz") },
    describe: "{chai} stirred with {chocolate} and steamed {milk}; served in {cup}.",
  },
  {
    key: "vanilla-cold-brew",
    season: "autumn",
    stem: "Vanilla Cold Brew",
    roles: { brew: { candidates: ["cold-brew-concentrate"], quantity: 180 }, syrup: { candidates: ["vanilla-syrup"], quantity: 15 }, milk: { ...milk(60), optional: true }, ice: ice(120), cup: cup("16oz") },
    describe: "{brew} over {ice} with {syrup} and a splash of {milk}; served in {cup}.",
  },
];

/**
 * Countries (ISO 3166-1 alpha-2) wholly or mostly south of the equator, whose seasons run six
 * months from the north's: a shop in Sydney wants iced drinks in December. Countries on the
 * equator (Kenya, Indonesia, Ecuador…) keep the northern calendar: they have wet and dry seasons
 * rather than these four, and the library's words fit them no worse either way.
 */
const SOUTHERN = new Set(["AR", "AU", "BO", "BR", "BW", "CL", "FJ", "LS", "MG", "MU", "MW", "MZ", "NA", "NZ", "PE", "PY", "SZ", "UY", "ZA", "ZM", "ZW"]);

/** The season at the shop from its local date ("YYYY-MM-DD") and country: north Dec–Feb winter, Mar–May spring, …; south six months on. */
export function seasonOf(localDate: string, country = "US"): Season {
  const northern = Number(localDate.slice(5, 7));
  const month = SOUTHERN.has(country.toUpperCase()) ? ((northern + 5) % 12) + 1 : northern;
  if (month === 12 || month <= 2) return "winter";
  if (month <= 5) return "spring";
  if (month <= 8) return "summer";
  return "autumn";
}
