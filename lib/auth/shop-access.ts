import { DomainError } from "@/lib/actions/result";
import { db } from "@/lib/db";
import { findShop } from "@/lib/shops/queries";
import { authorize, type Action } from "./policy";
import { getSessionUser } from "./session";
import type { SessionUser } from "./session-user";

export type ShopRef = { id: string; slug: string; name: string; timezone: string };

/**
 * The shop named in a staff URL and the signed-in user, if they may do `action` there; otherwise
 * DomainError unauthenticated, not_found (no such shop) or forbidden (not staff of it). Shops
 * are public (their names and slugs are on the home page), so this reveals nothing.
 */
export async function requireShopAccess(slug: string, action: Action): Promise<{ shop: ShopRef; user: SessionUser }> {
  const user = await getSessionUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in to continue.");
  const shop = await findShop(db(), slug);
  if (!shop) throw new DomainError("not_found", "There is no such shop.");
  try {
    return { shop, user: authorize(user, action, { shopId: shop.id }) };
  } catch {
    throw new DomainError("forbidden", "You do not work at this shop.");
  }
}
