import type { Db } from "@/lib/db";
import { describeOpeningState, localTime, openingState, type OpeningState } from "./hours";

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

/** Active shops with whether each is open right now in its own timezone. */
export async function listShops(db: Db, now = new Date()): Promise<ShopSummary[]> {
  const shops = await db.shop.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: { hours: true },
  });
  return shops.map((shop) => {
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
  });
}

/** The shop's id and name by slug, or null. */
export async function findShop(db: Db, slug: string): Promise<{ id: string; slug: string; name: string; timezone: string } | null> {
  return db.shop.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, timezone: true } });
}
