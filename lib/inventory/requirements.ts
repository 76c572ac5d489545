/**
 * What an order line consumes, from its product's recipe and the chosen options. Pure.
 * A line with optionId applies only when that option is chosen; lines marked scalesWithSize are
 * multiplied by the chosen size's recipeScalePct (rounded up: never under-reserve).
 */

export type RecipeLineDef = { ingredientId: string; optionId: string | null; quantity: number; scalesWithSize: boolean };

export type Requirement = Map<string, number>;

export function lineRequirements(recipe: readonly RecipeLineDef[], chosenOptionIds: ReadonlySet<string>, scalePct: number, quantity: number): Requirement {
  const needs: Requirement = new Map();
  for (const line of recipe) {
    if (line.optionId !== null && !chosenOptionIds.has(line.optionId)) continue;
    const perUnit = line.scalesWithSize ? Math.ceil((line.quantity * scalePct) / 100) : line.quantity;
    needs.set(line.ingredientId, (needs.get(line.ingredientId) ?? 0) + perUnit * quantity);
  }
  return needs;
}

export function addRequirements(into: Requirement, more: Requirement): Requirement {
  for (const [ingredientId, qty] of more) into.set(ingredientId, (into.get(ingredientId) ?? 0) + qty);
  return into;
}

/** Ingredients whose available stock (on hand minus reserved) cannot cover the requirement. */
export function shortages(needs: Requirement, available: ReadonlyMap<string, number>): string[] {
  return [...needs].filter(([id, qty]) => qty > 0 && (available.get(id) ?? 0) < qty).map(([id]) => id);
}
