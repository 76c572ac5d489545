import type { MenuProduct, ShopMenu } from "@/lib/catalog/types";
import { resolveLine, type ResolvedLine } from "@/lib/orders/build-order";
import type { PlaceOrderInput } from "@/lib/orders/input";
import { freeDrinkDiscount } from "@/lib/loyalty/free-drink";
import { totalsFor, type OrderTotals } from "@/lib/orders/pricing";
import { sentence } from "@/components/ui/sentence";
import type { CartLine } from "./cart-store";

/**
 * The cart checked against the current menu: each line priced, or flagged with why it cannot be
 * ordered now (sold out, no longer on the menu, a choice that went away). Pure; the server prices
 * the order again when it is placed.
 */

export type PricedCartLine = {
  line: CartLine;
  product: MenuProduct | null;
  resolved: ResolvedLine | null;
  problem: string | null;
};

export type PricedCart = {
  lines: PricedCartLine[];
  /** Totals of the lines that can be ordered (less the free drink, when one is taken). */
  totals: OrderTotals;
  /** What a free drink would take off: the most expensive drink that can be ordered; null without one. */
  freeDrinkCents: number | null;
  count: number;
  hasProblems: boolean;
};

export function productIndex(menu: ShopMenu): Map<string, MenuProduct> {
  return new Map(menu.categories.flatMap((c) => c.products.map((p) => [p.slug, p] as const)));
}

export function priceCart(menu: ShopMenu, lines: readonly CartLine[], { freeDrink = false } = {}): PricedCart {
  const products = productIndex(menu);
  const priced = lines.map((line): PricedCartLine => {
    const product = products.get(line.product) ?? null;
    if (!product) return { line, product, resolved: null, problem: "No longer on the menu" };
    const result = resolveLine(product, line.options, line.quantity, line.notes);
    if (result.line) return { line, product, resolved: result.line, problem: null };
    const [first] = result.problems;
    return { line, product, resolved: null, problem: first ? sentence(first.message) : "Cannot be ordered right now" };
  });
  const ok = priced.flatMap((p) => (p.resolved ? [p.resolved] : []));
  const freeDrinkCents = freeDrinkDiscount(ok);
  return {
    lines: priced,
    totals: totalsFor(ok.map((l) => l.lineTotalCents), menu.shop.taxRateBps, freeDrink ? (freeDrinkCents ?? 0) : 0),
    freeDrinkCents,
    count: lines.reduce((n, l) => n + l.quantity, 0),
    hasProblems: priced.some((p) => p.problem !== null),
  };
}

/** The order to send: the lines that can be ordered, by slug. */
export function orderItems(cart: PricedCart): PlaceOrderInput["items"] {
  return cart.lines.flatMap(({ line, resolved }) => (resolved ? [{ product: line.product, quantity: line.quantity, options: line.options, ...(line.notes ? { notes: line.notes } : {}) }] : []));
}

