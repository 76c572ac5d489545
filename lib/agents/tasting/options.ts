/**
 * A new drink's sizes and extras, pure: it is offered with the option groups of the drink it is
 * modelled on (the template: the latte, mocha, chai, matcha latte or cold brew its image comes
 * from), each option consuming what it consumes on the template (a Large's 16 oz cup, a syrup's
 * 15 ml, an extra shot's 9 g). Two exceptions: Milk is left out (the new drink's recipe names its
 * milk, and the template's milk lines would pour a second one), and Temperature is left out of a
 * drink already made with ice.
 *
 * The drink was tasted in one cup. When that cup is one of the template's sizes, the size is the
 * one it was tasted at: the base recipe is the tasted recipe scaled back to 100 % (a drink tasted
 * in a Large's 16 oz cup at 140 % pours 100/140 of it at Medium's 100 %), the cup line moves into
 * the sizes, and the base price is the suggested price less that size's delta, so the tasted size
 * costs exactly what the manager approved. A cup that is not a size leaves the size group out.
 */

export type Unit = "GRAM" | "MILLILITER" | "PIECE";
export type DrinkLine = { ingredientId: string; slug: string; quantity: number; unit: Unit };
export type TemplateGroup = { id: string; slug: string; sortOrder: number; options: { id: string; recipeScalePct: number; priceDeltaCents: number }[] };
export type TemplateLine = { optionId: string; ingredientId: string; quantity: number; scalesWithSize: boolean };
export type Template = { groups: readonly TemplateGroup[]; optionLines: readonly TemplateLine[] };

export type NewDrinkOptions = {
  basePriceCents: number;
  groups: { id: string; sortOrder: number }[];
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
  const groups = template.groups.filter((g) => g.slug !== "milk" && !(g.slug === "temperature" && iced) && (g.slug !== "size" || tasted !== null));
  const kept = new Set(groups.flatMap((g) => g.options.map((o) => o.id)));
  const scalePct = tasted?.option.recipeScalePct ?? 100;
  const base = drink.lines
    .filter((l) => l !== tasted?.cupLine)
    .map((l) => {
      // What is poured scales with the size; what is counted (a cup, a biscuit) does not.
      const scales = l.unit !== "PIECE";
      return { ingredientId: l.ingredientId, optionId: null, quantity: scales ? Math.max(1, Math.round((l.quantity * 100) / scalePct)) : l.quantity, scalesWithSize: scales };
    });
  const options = template.optionLines.filter((l) => kept.has(l.optionId)).map((l) => ({ ingredientId: l.ingredientId, optionId: l.optionId, quantity: l.quantity, scalesWithSize: l.scalesWithSize }));
  return {
    basePriceCents: Math.max(0, drink.priceCents - (tasted?.option.priceDeltaCents ?? 0)),
    groups: groups.map((g) => ({ id: g.id, sortOrder: g.sortOrder })),
    lines: [...base, ...options],
    tastedSizeOptionId: tasted?.option.id ?? null,
  };
}
