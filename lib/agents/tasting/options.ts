/**
 * A new drink's sizes and extras, pure: it is offered with the option groups of the drink it is
 * modelled on (the template: the latte, mocha, chai, matcha latte or cold brew its image comes
 * from), each option consuming what it consumes on the template (a Large's 16 oz cup, a syrup's
 * 15 ml, an extra shot's 9 g). Milk is offered when the drink was tasted with one milk of the milk
 * group: its milk line moves into the group, and every milk there pours the amount the drink
 * poured. The milk it was tasted with is this drink's default (`defaultOptionId`, when it is not the
 * group's own default: an oat-milk drink stays oat unless the customer picks another), and the
 * other milks cost their difference from it. A drink with two milks keeps both in its recipe and
 * offers no choice. Temperature is left out of a drink already made with ice.
 *
 * The drink was tasted in one cup. When that cup is one of the template's sizes, the size is the
 * one it was tasted at: the base recipe is the tasted recipe scaled back to 100 % (a drink tasted
 * in a Large's 16 oz cup at 140 % pours 100/140 of it at Medium's 100 %), the cup line moves into
 * the sizes, and the base price is the suggested price less that size's delta, so the tasted size
 * costs exactly what the manager approved. A cup that is not a size leaves the size group out.
 */

export type Unit = "GRAM" | "MILLILITER" | "PIECE";
export type DrinkLine = { ingredientId: string; slug: string; quantity: number; unit: Unit };
export type TemplateGroup = { id: string; slug: string; sortOrder: number; options: { id: string; recipeScalePct: number; priceDeltaCents: number; isDefault?: boolean }[] };
export type TemplateLine = { optionId: string; ingredientId: string; quantity: number; scalesWithSize: boolean };
export type Template = { groups: readonly TemplateGroup[]; optionLines: readonly TemplateLine[] };

export type NewDrinkOptions = {
  basePriceCents: number;
  /** defaultOptionId: this drink's own default in the group (the milk it was tasted with), null = the group's. */
  groups: { id: string; sortOrder: number; defaultOptionId: string | null }[];
  lines: { ingredientId: string; optionId: string | null; quantity: number; scalesWithSize: boolean }[];
  /** The size it was tasted at (null: no size group). */
  tastedSizeOptionId: string | null;
};

export function optionsFromTemplate(drink: { priceCents: number; lines: readonly DrinkLine[] }, template: Template): NewDrinkOptions {
  const iced = drink.lines.some((l) => l.slug === "ice");
  const size = template.groups.find((g) => g.slug === "size");
  // The tasted size: the size option whose cup (a PIECE line on the template) the drink was served in.
  let tasted: { option: TemplateGroup["options"][number]; cupLine: DrinkLine } | null = null;
  for (const option of size?.options ?? []) {
    const cups = template.optionLines.filter((l) => l.optionId === option.id).map((l) => l.ingredientId);
    const cupLine = drink.lines.find((l) => l.unit === "PIECE" && cups.includes(l.ingredientId));
    if (cupLine) {
      tasted = { option, cupLine };
      break;
    }
  }
  const milk = tastedMilk(drink.lines, template);
  const groups = template.groups.filter((g) => (g.slug !== "milk" || milk !== null) && !(g.slug === "temperature" && iced) && (g.slug !== "size" || tasted !== null));
  const kept = new Set(groups.flatMap((g) => g.options.map((o) => o.id)));
  const scalePct = tasted?.option.recipeScalePct ?? 100;
  // What is poured scales with the size; what is counted (a cup, a biscuit) does not.
  const atFullSize = (l: DrinkLine) => (l.unit !== "PIECE" ? Math.max(1, Math.round((l.quantity * 100) / scalePct)) : l.quantity);
  const base = drink.lines
    .filter((l) => l !== tasted?.cupLine && l !== milk?.line)
    .map((l) => ({ ingredientId: l.ingredientId, optionId: null, quantity: atFullSize(l), scalesWithSize: l.unit !== "PIECE" }));
  const options = template.optionLines
    .filter((l) => kept.has(l.optionId))
    .map((l) => ({ ingredientId: l.ingredientId, optionId: l.optionId, quantity: milk?.milkLines.has(l) ? atFullSize(milk.line) : l.quantity, scalesWithSize: l.scalesWithSize }));
  return {
    // The tasted size and the tasted milk are what the approved price bought.
    basePriceCents: Math.max(0, drink.priceCents - (tasted?.option.priceDeltaCents ?? 0) - (milk?.option.priceDeltaCents ?? 0)),
    groups: groups.map((g) => ({ id: g.id, sortOrder: g.sortOrder, defaultOptionId: g.slug === "milk" && milk && !milk.option.isDefault ? milk.option.id : null })),
    lines: [...base, ...options],
    tastedSizeOptionId: tasted?.option.id ?? null,
  };
}

/**
 * The drink's milk line when it pours exactly one milk of the template's milk group, with the
 * option that pours it and the template's milk lines (one per milk option) that are to pour as
 * much; null when the template has no milk group, or the drink no milk of the group, or two.
 */
function tastedMilk(lines: readonly DrinkLine[], template: Template): { line: DrinkLine; option: TemplateGroup["options"][number]; milkLines: Set<TemplateLine> } | null {
  const group = template.groups.find((g) => g.slug === "milk");
  if (!group) return null;
  const milkOptions = new Set(group.options.map((o) => o.id));
  const milkLines = template.optionLines.filter((l) => milkOptions.has(l.optionId));
  const milks = new Set(milkLines.map((l) => l.ingredientId));
  const poured = lines.filter((l) => milks.has(l.ingredientId));
  if (poured.length !== 1) return null;
  const optionId = milkLines.find((l) => l.ingredientId === poured[0]!.ingredientId)!.optionId;
  return { line: poured[0]!, option: group.options.find((o) => o.id === optionId)!, milkLines: new Set(milkLines) };
}
