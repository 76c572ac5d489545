import { DomainError, type Issue } from "@/lib/errors";
import type { MenuOption, MenuOptionGroup, MenuProduct, ShopMenu } from "@/lib/catalog/types";
import { freeDrinkDiscount } from "@/lib/loyalty/free-drink";
import type { ParsedOrder } from "./input";
import { priceLine, totalsFor, type OrderTotals } from "./pricing";

/**
 * Turns what the customer asked for into priced order lines against the shop's menu. Pure, and
 * shared by the browser (live prices while choosing) and the server (the prices that count).
 */

export type Selection = Record<string, readonly string[]>;

export type ChosenOption = { group: MenuOptionGroup; option: MenuOption };

export type ResolvedLine = {
  product: MenuProduct;
  quantity: number;
  options: ChosenOption[];
  /** Product of the chosen options' recipe scales (the size), in percent. */
  scalePct: number;
  unitPriceCents: number;
  lineTotalCents: number;
  notes?: string;
};

/** The snapshot stored on the order item: what was chosen and what it cost then. */
export type OptionSnapshot = { group: string; groupName: string; option: string; optionName: string; priceDeltaCents: number; optionId: string; recipeScalePct: number };

type Problem = { code: "invalid" | "unavailable"; message: string; path?: string };

/** Default choices: each group's default options (the first option of a required group without one). */
export function defaultSelection(product: MenuProduct): Selection {
  const selection: Record<string, string[]> = {};
  for (const group of product.optionGroups) {
    const defaults = group.options.filter((o) => o.isDefault && o.available).map((o) => o.slug);
    const firstAvailable = group.options.find((o) => o.available);
    if (defaults.length > 0) selection[group.slug] = defaults.slice(0, group.maxSelect);
    else if (group.minSelect > 0 && firstAvailable) selection[group.slug] = [firstAvailable.slug];
    else selection[group.slug] = [];
  }
  return selection;
}

/**
 * Resolves one line. Groups missing from the selection take their defaults (API clients may omit
 * "size"); a group given explicitly must follow its min/max rules.
 */
export function resolveLine(product: MenuProduct, selection: Selection, quantity: number, notes?: string): { line: ResolvedLine; problems: [] } | { line: null; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!product.available) problems.push({ code: "unavailable", message: `${product.name} is not available right now${product.unavailableReason ? ` (${product.unavailableReason.toLowerCase()})` : ""}` });

  for (const slug of Object.keys(selection)) {
    if (!product.optionGroups.some((g) => g.slug === slug)) problems.push({ code: "invalid", path: `options.${slug}`, message: `${product.name} has no "${slug}" choice` });
  }

  const defaults = defaultSelection(product);
  const chosen: ChosenOption[] = [];
  for (const group of product.optionGroups) {
    const slugs = selection[group.slug] ?? defaults[group.slug] ?? [];
    const path = `options.${group.slug}`;
    if (new Set(slugs).size !== slugs.length) problems.push({ code: "invalid", path, message: `${group.name}: an option is chosen twice` });
    if (slugs.length < group.minSelect) problems.push({ code: "invalid", path, message: `${product.name}: choose ${group.minSelect === 1 ? "a" : group.minSelect} ${group.name.toLowerCase()}` });
    if (slugs.length > group.maxSelect) problems.push({ code: "invalid", path, message: `${product.name}: choose at most ${group.maxSelect} ${group.name.toLowerCase()}` });
    for (const slug of new Set(slugs)) {
      const option = group.options.find((o) => o.slug === slug);
      if (!option) problems.push({ code: "invalid", path, message: `${group.name} has no option "${slug}"` });
      else if (!option.available) problems.push({ code: "unavailable", path, message: `${option.name} is not available right now${option.unavailableReason ? ` (${option.unavailableReason.toLowerCase()})` : ""}` });
      else chosen.push({ group, option });
    }
  }
  if (problems.length > 0) return { line: null, problems };

  const scalePct = chosen.reduce((pct, c) => (pct * c.option.recipeScalePct) / 100, 100);
  const priced = priceLine({ basePriceCents: product.priceCents, optionDeltasCents: chosen.map((c) => c.option.priceDeltaCents), quantity });
  return { line: { product, quantity, options: chosen, scalePct: Math.round(scalePct), ...priced, ...(notes ? { notes } : {}) }, problems: [] };
}

export function optionsSnapshot(line: ResolvedLine): OptionSnapshot[] {
  return line.options.map(({ group, option }) => ({
    group: group.slug,
    groupName: group.name,
    option: option.slug,
    optionName: option.name,
    priceDeltaCents: option.priceDeltaCents,
    optionId: option.id,
    recipeScalePct: option.recipeScalePct,
  }));
}

/**
 * Builds the whole order or throws a DomainError listing every problem: "invalid" when the request
 * is wrong (unknown product, impossible option combination, a free drink without a drink),
 * "unavailable" when it is right but the shop cannot make it now. A free drink comes off the
 * totals as a discount (whether the customer has the beans is the ledger's business).
 */
export function buildOrder(menu: ShopMenu, order: ParsedOrder): { lines: ResolvedLine[]; totals: OrderTotals } {
  const products = new Map(menu.categories.flatMap((c) => c.products.map((p) => [p.slug, p] as const)));
  const lines: ResolvedLine[] = [];
  const issues: (Issue & { code: Problem["code"] })[] = [];
  order.items.forEach((item, i) => {
    const product = products.get(item.product);
    if (!product) {
      issues.push({ code: "invalid", path: `items.${i}.product`, message: `${menu.shop.name} has no product "${item.product}"` });
      return;
    }
    const result = resolveLine(product, item.options, item.quantity, item.notes);
    if (result.line) lines.push(result.line);
    for (const p of result.problems) issues.push({ code: p.code, path: `items.${i}${p.path ? `.${p.path}` : ""}`, message: p.message });
  });
  if (issues.length > 0) {
    const code = issues.some((i) => i.code === "invalid") ? "invalid" : "unavailable";
    const [first] = issues;
    throw new DomainError(code, issues.length === 1 && first ? first.message : `${first?.message} (and ${issues.length - 1} more)`, issues.map(({ path, message }) => ({ path, message })));
  }
  const discount = order.freeDrink ? freeDrinkDiscount(lines) : 0;
  if (discount === null) throw new DomainError("invalid", "A free drink needs a drink in the order (food is not included).", [{ path: "freeDrink", message: "Add a drink to use your free drink." }]);
  return { lines, totals: totalsFor(lines.map((l) => l.lineTotalCents), menu.shop.taxRateBps, discount) };
}
