import type { Db } from "@/lib/db";
import { shopSummary, type ShopSummary } from "./summary";

/** Active shops with whether each is open right now in its own timezone. */
export async function listShops(db: Db, now = new Date()): Promise<ShopSummary[]> {
  const shops = await db.shop.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: { hours: true },
  });
  return shops.map((shop) => shopSummary(shop, now));
}

/** The shop's id and name by slug, or null. */
export async function findShop(db: Db, slug: string): Promise<{ id: string; slug: string; name: string; timezone: string } | null> {
  return db.shop.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, timezone: true } });
}
