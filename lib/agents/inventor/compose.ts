import { z } from "zod";
import { marginBpsOf, recipeCostCents, suggestedPriceCents } from "./costing";
import { ARCHETYPES, SEASON_WORDS, type Archetype, type Season } from "./library";

/**
 * The beverage inventor's pure core: which ingredients it may use (the pantry), the rules' drink
 * from the seasonal library, the checks a model's drink must pass, and the proposal's figures
 * (cost from ingredient costs, the price at the shop's margin). The model never sets a price.
 */

export type Unit = "GRAM" | "MILLILITER" | "PIECE";

/** A catalog ingredient as the inventor sees it in one shop. */
export type PantryItem = {
  id: string;
  slug: string;
  name: string;
  unit: Unit;
  /** on hand − reserved in this shop. */
  available: number;
  /** The shop's supplier's pack (null: no supplier for it here). */
  packSize: number | null;
  packPriceCents: number | null;
  /** Some drink on the menu (a product not made at the food station, or one of its options) uses it. */
  forDrinks: boolean;
};

/** Stocked = a drink ingredient the shop has some of (available > 0) and a supplier with a price, so it can be costed and reordered. */
export type Stocked = PantryItem & { packSize: number; packPriceCents: number };

export function isStocked(i: PantryItem): i is Stocked {
  return i.forDrinks && i.available > 0 && i.packSize !== null && i.packSize > 0 && i.packPriceCents !== null;
}

export const UNIT_LABEL: Record<Unit, string> = { GRAM: "g", MILLILITER: "ml", PIECE: "pcs" };
/** What one line of one drink may hold, by unit: a model asking for a litre of syrup is refused. */
export const LINE_BOUNDS: Record<Unit, { min: number; max: number }> = { MILLILITER: { min: 1, max: 400 }, GRAM: { min: 1, max: 250 }, PIECE: { min: 1, max: 2 } };
/** A drink's lines, and what all its ml and g together may come to (a 16 oz cup holds about 475 ml). */
export const MIN_LINES = 2;
export const MAX_LINES = 8;
export const MAX_TOTAL = 700;

export type DrinkLine = { ingredientId: string; slug: string; name: string; quantity: number; unit: Unit };

/** What the proposal carries (agent_proposals.payload for kind new_drink). */
export type NewDrink = {
  name: string;
  description: string;
  season: Season;
  lines: (DrinkLine & { costCents: number })[];
  costCents: number;
  priceCents: number;
  /** The shop's target margin the price was set at, and the margin the price gives. */
  marginBps: number;
  actualMarginBps: number;
  /** The archetype the rules used, null when a model composed the recipe. */
  archetype: string | null;
};

/** The answer a model gives (and the rules give): a name, a description, recipe lines. */
export const drinkAnswer = z.object({
  name: z.string(),
  description: z.string(),
  lines: z.array(z.object({ ingredientId: z.string(), quantity: z.number() })),
});
export type DrinkAnswer = z.infer<typeof drinkAnswer>;

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/** The rules' candidates, in order: each archetype of the season the pantry can make, under each seasonal word. */
export function rulesCandidates(season: Season, stocked: readonly Stocked[]): { archetype: Archetype; answer: DrinkAnswer }[] {
  const bySlug = new Map(stocked.map((i) => [i.slug, i]));
  const out: { archetype: Archetype; answer: DrinkAnswer }[] = [];
  for (const a of ARCHETYPES.filter((x) => x.season === season)) {
    const chosen: { role: string; item: Stocked; quantity: number; as: string }[] = [];
    let makeable = true;
    for (const [role, r] of Object.entries(a.roles)) {
      const item = r.candidates.map((c) => bySlug.get(c)).find((i): i is Stocked => i !== undefined && i.available >= r.quantity);
      if (item) chosen.push({ role, item, quantity: r.quantity, as: r.as?.[item.slug] ?? item.name.replace(/\s*\(.*\)$/, "").toLowerCase() });
      else if (!r.optional) makeable = false;
    }
    if (!makeable) continue;
    let description = a.describe;
    for (const c of chosen) description = description.replaceAll(`{${c.role}}`, c.as);
    // An optional role left out: drop its phrase ("and a splash of {milk}").
    description = description.replace(/,? (?:and )?(?:a splash of )?\{\w+\}/g, "").replace(/\{\w+\}/g, "");
    description = description.charAt(0).toUpperCase() + description.slice(1);
    const lines = chosen.map((c) => ({ ingredientId: c.item.id, quantity: c.quantity }));
    for (const word of SEASON_WORDS[season]) out.push({ archetype: a, answer: { name: `${word} ${a.stem}`, description: `${description} A ${season} special.`.replace(/\s+/g, " "), lines } });
  }
  return out;
}

/** The rules' drink: the first candidate whose name nobody has; null when the pantry can make none. */
export function rulesDrink(season: Season, stocked: readonly Stocked[], takenNames: ReadonlySet<string>): { archetype: Archetype; answer: DrinkAnswer } | null {
  const taken = new Set([...takenNames].map(fold));
  return rulesCandidates(season, stocked).find((c) => !taken.has(fold(c.answer.name))) ?? null;
}

const INJECTED = /\b(ignore|disregard|instruction|instructions|system|assistant|prompt|override)\b|https?:\/\/|<\/?\w+>/i;
const PRICED = /[$€£¥]|\b\d+(?:[.,]\d+)?\s*(?:cents?|usd|dollars?|eur)\b|\b(?:price|priced|cost|costs|margin|cheap|free)\b/i;
const NAME_SHAPE = /^[A-Za-z][A-Za-z' &-]{2,39}$/;
/** Words in ingredient names that say what kind of thing it is, not which: "milk" may be named whatever the milk is. */
const GENERIC = new Set(["milk", "syrup", "sauce", "concentrate", "powder", "beans", "bags", "bag", "house", "blend", "slice", "slices", "cup", "oz", "tea", "smashed", "coffee", "cold", "mixed", "everything", "the", "of"]);

/** The words by which a description would name an ingredient ("hazelnut", "oat", "chocolate"). */
export function ingredientWords(name: string): string[] {
  const words = name.toLowerCase().replace(/\(.*?\)/g, " ").split(/[^a-z-]+/).filter((w) => w.length >= 3 && !GENERIC.has(w));
  return words;
}

/**
 * What is wrong with a drink (a model's, or anyone's): ingredients the catalog does not have or
 * the shop does not stock, repeated ingredients, quantities out of bounds or beyond what the shop
 * has, a name already taken or of the wrong shape, a description that mentions a price or an
 * ingredient not in the recipe, or reads like an instruction. Empty = acceptable.
 */
export function checkDrink(answer: DrinkAnswer, catalog: readonly PantryItem[], takenNames: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const byId = new Map(catalog.map((i) => [i.id, i]));
  const name = answer.name.trim();
  if (!NAME_SHAPE.test(name)) problems.push(`name "${name.slice(0, 60)}" must be 3–40 letters, spaces, ' & or -`);
  if ([...takenNames].some((t) => fold(t) === fold(name))) problems.push(`name "${name}" is already a product or an open proposal`);
  if (answer.lines.length < MIN_LINES || answer.lines.length > MAX_LINES) problems.push(`a drink has ${MIN_LINES}–${MAX_LINES} lines, not ${answer.lines.length}`);
  const seen = new Set<string>();
  let total = 0;
  for (const line of answer.lines) {
    const item = byId.get(line.ingredientId);
    if (!item) {
      problems.push(`ingredient ${line.ingredientId.slice(0, 60)} does not exist in the catalog`);
      continue;
    }
    if (!item.forDrinks) problems.push(`${item.name} is not a drink ingredient`);
    else if (!isStocked(item)) problems.push(`${item.name} is not stocked at this shop (none available, or no supplier with a price)`);
    if (seen.has(item.id)) problems.push(`${item.name} is listed twice`);
    seen.add(item.id);
    const b = LINE_BOUNDS[item.unit];
    if (!Number.isInteger(line.quantity) || line.quantity < b.min || line.quantity > b.max) problems.push(`${item.name}: ${line.quantity} ${UNIT_LABEL[item.unit]} is outside ${b.min}–${b.max}`);
    else if (isStocked(item) && line.quantity > item.available) problems.push(`${item.name}: ${line.quantity} ${UNIT_LABEL[item.unit]} is more than the ${item.available} available`);
    if (item.unit !== "PIECE") total += line.quantity;
  }
  if (total > MAX_TOTAL) problems.push(`${total} ml and g in one drink is more than ${MAX_TOTAL}`);
  const text = `${name} ${answer.description}`;
  if (answer.description.trim().length < 20 || answer.description.length > 240) problems.push("the description must be 20–240 characters");
  if (INJECTED.test(text)) problems.push("the name or description reads like an instruction or a link");
  if (PRICED.test(text)) problems.push("the name or description mentions a price or cost (the code sets prices)");
  const inRecipe = new Set(answer.lines.flatMap((l) => (byId.has(l.ingredientId) ? ingredientWords(byId.get(l.ingredientId)!.name) : [])));
  const lower = text.toLowerCase();
  const foreign = new Set<string>();
  for (const i of catalog) {
    if (seen.has(i.id)) continue;
    for (const w of ingredientWords(i.name)) if (!inRecipe.has(w) && new RegExp(`\\b${w}\\b`).test(lower)) foreign.add(w);
  }
  if (foreign.size > 0) problems.push(`the name or description mentions what is not in the recipe: ${[...foreign].slice(0, 5).join(", ")}`);
  return problems;
}

/** The proposal's figures from an accepted answer: lines in real units, cost from ingredient costs, price at the margin. */
export function costDrink(answer: DrinkAnswer, stocked: readonly Stocked[], season: Season, marginBps: number, archetype: string | null): NewDrink {
  const byId = new Map(stocked.map((i) => [i.id, i]));
  const lines = answer.lines.map((l) => {
    const i = byId.get(l.ingredientId);
    if (!i) throw new Error(`ingredient ${l.ingredientId} is not stocked`);
    return { ingredientId: i.id, slug: i.slug, name: i.name, quantity: l.quantity, unit: i.unit, costCents: recipeCostCents([{ quantity: l.quantity, packSize: i.packSize, packPriceCents: i.packPriceCents }]) };
  });
  const costCents = recipeCostCents(answer.lines.map((l) => ({ quantity: l.quantity, packSize: byId.get(l.ingredientId)!.packSize, packPriceCents: byId.get(l.ingredientId)!.packPriceCents })));
  const priceCents = suggestedPriceCents(costCents, marginBps);
  return { name: answer.name.trim(), description: answer.description.trim(), season, lines, costCents, priceCents, marginBps, actualMarginBps: marginBpsOf(costCents, priceCents), archetype };
}

/** "18 g", "200 ml", "1 pcs" → "1 pc". */
export function formatQuantity(quantity: number, unit: Unit): string {
  return unit === "PIECE" ? `${quantity} ${quantity === 1 ? "pc" : "pcs"}` : `${quantity} ${UNIT_LABEL[unit]}`;
}

/** "70 %" or "70.5 %" from basis points. */
export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)} %`;
}

/** The payload as stored, read back safely (null when it is not a new drink's). */
export const newDrinkPayload = z.object({
  name: z.string(),
  description: z.string(),
  season: z.enum(["winter", "spring", "summer", "autumn"]),
  lines: z.array(z.object({ ingredientId: z.string(), slug: z.string(), name: z.string(), quantity: z.number().int(), unit: z.enum(["GRAM", "MILLILITER", "PIECE"]), costCents: z.number().int() })),
  costCents: z.number().int(),
  priceCents: z.number().int(),
  marginBps: z.number().int(),
  actualMarginBps: z.number().int(),
  archetype: z.string().nullable(),
});
