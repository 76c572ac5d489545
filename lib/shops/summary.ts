import { describeOpeningState, localTime, openingState, type OpeningInterval, type OpeningState } from "./hours";

/** A shop as lists and headers show it: where it is and whether it is open right now, in its own timezone. Pure. */
export type ShopSummary = {
  id: string;
  slug: string;
  name: string;
  addressLine: string;
  city: string;
  region: string | null;
  timezone: string;
  opening: OpeningState;
  openingLabel: string;
};

type ShopRow = Omit<ShopSummary, "opening" | "openingLabel"> & { hours: readonly OpeningInterval[] };

/** The one mapping from a shop row (with its hours) to its summary, as of `now`. */
export function shopSummary(shop: ShopRow, now: Date): ShopSummary {
  const opening = openingState(shop.hours, shop.timezone, now);
  return {
    id: shop.id,
    slug: shop.slug,
    name: shop.name,
    addressLine: shop.addressLine,
    city: shop.city,
    region: shop.region,
    timezone: shop.timezone,
    opening,
    openingLabel: describeOpeningState(opening, localTime(now, shop.timezone).weekday),
  };
}
