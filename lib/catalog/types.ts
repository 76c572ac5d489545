import type { OpeningInterval, OpeningState } from "@/lib/shops/hours";

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
  optionGroups: MenuOptionGroup[];
};

export type MenuCategory = { slug: string; name: string; products: MenuProduct[] };

export type MenuShop = {
  id: string;
  slug: string;
  name: string;
  addressLine: string;
  city: string;
  region: string | null;
  timezone: string;
  currency: string;
  taxRateBps: number;
  hours: OpeningInterval[];
  /** As of when the menu was loaded; use openingState(hours, …) for another moment. */
  opening: OpeningState;
  openingLabel: string;
};

export type ShopMenu = { shop: MenuShop; categories: MenuCategory[] };
