import type { OpeningInterval } from "@/lib/shops/hours";
import type { ShopSummary } from "@/lib/shops/summary";
import type { DietaryTags } from "./dietary";

/**
 * The menu of one shop as the customer sees it, serialisable (server → client). Prices are the
 * shop's effective prices in cents; availability reflects the shop's switch and its stock.
 */

export type MenuOption = {
  id: string;
  slug: string;
  name: string;
  priceDeltaCents: number;
  recipeScalePct: number;
  isDefault: boolean;
  available: boolean;
  /** e.g. "Out of oat milk". */
  unavailableReason: string | null;
  /** What choosing it adds, from its recipe lines (lib/catalog/dietary.ts). */
  dietary: DietaryTags;
};

export type MenuOptionGroup = {
  id: string;
  slug: string;
  name: string;
  /** 1 or more: the customer must choose. */
  minSelect: number;
  maxSelect: number;
  options: MenuOption[];
};

export type Station = "ESPRESSO_BAR" | "BREW" | "FOOD";

export type MenuProduct = {
  id: string;
  slug: string;
  name: string;
  description: string;
  imageUrl: string | null;
  station: Station;
  prepSeconds: number;
  /** The shop's price before options (its override, or the base price). */
  priceCents: number;
  available: boolean;
  unavailableReason: string | null;
  /** Its base recipe's allergens and diets; the chosen options add theirs (lib/catalog/dietary.ts). */
  dietary: DietaryTags;
  optionGroups: MenuOptionGroup[];
};

export type MenuCategory = { slug: string; name: string; products: MenuProduct[] };

/** The shop's summary (lib/shops/summary.ts) plus what ordering needs: currency, tax and hours. */
export type MenuShop = ShopSummary & {
  currency: string;
  taxRateBps: number;
  /** The summary's `opening` is as of when the menu was loaded; use openingState(hours, …) for another moment. */
  hours: OpeningInterval[];
};

export type ShopMenu = { shop: MenuShop; categories: MenuCategory[] };
