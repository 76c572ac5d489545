import type { MenuProduct } from "@/lib/catalog/types";
import { defaultSelection } from "@/lib/orders/build-order";

/** The price of one product as it opens (its default choices), so the card and the dialog agree. */
export function defaultPriceCents(product: MenuProduct): number {
  const selection = defaultSelection(product);
  let cents = product.priceCents;
  for (const group of product.optionGroups) {
    for (const slug of selection[group.slug] ?? []) cents += group.options.find((o) => o.slug === slug)?.priceDeltaCents ?? 0;
  }
  return cents;
}

/** "Large (16 oz), Oat milk" from a selection. */
export function describeSelection(product: MenuProduct, selection: Record<string, readonly string[]>): string {
  return product.optionGroups
    .flatMap((group) => (selection[group.slug] ?? []).map((slug) => group.options.find((o) => o.slug === slug)?.name ?? slug))
    .join(", ");
}
