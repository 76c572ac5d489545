import type { Station } from "@/lib/catalog/types";

/**
 * Which part of an order a free-drink reward pays for: one unit of its most expensive drink,
 * with the options chosen for it (a large oat latte is free as ordered). Food is not a drink.
 * Pure: the checkout shows the same discount the server books.
 */

const DRINK_STATIONS: ReadonlySet<Station> = new Set(["ESPRESSO_BAR", "BREW"]);

export type RewardLine = { product: { station: Station }; unitPriceCents: number };

/** The discount in cents, or null when the order holds no drink. */
export function freeDrinkDiscount(lines: readonly RewardLine[]): number | null {
  let best: number | null = null;
  for (const line of lines) {
    if (DRINK_STATIONS.has(line.product.station) && (best === null || line.unitPriceCents > best)) best = line.unitPriceCents;
  }
  return best;
}
