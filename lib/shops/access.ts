import { DomainError } from "@/lib/errors";
import { db } from "@/lib/db";
import { findShop } from "./queries";
import { authorize, can, type Action } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadSessionUser } from "@/lib/auth/users";

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

/** A minute at most between checks that a live stream's staff member still works at the shop. */
export const STAFF_RECHECK_MS = 60_000;

/**
 * requireShopAccess for live streams, which outlive the session's one-minute role refresh: access
 * is decided on the user as the database has them now (a barista removed a moment ago gets no
 * stream even with a session that still lists the shop), and `stillAllowed` asks again while the
 * stream is open.
 */
export async function requireLiveShopAccess(slug: string, action: Action): Promise<{ shop: ShopRef; user: SessionUser; stillAllowed: () => Promise<boolean> }> {
  const { shop, user } = await requireShopAccess(slug, action);
  const stillAllowed = async () => {
    const fresh = await loadSessionUser(db(), user.id);
    return fresh !== null && can(fresh, action, { shopId: shop.id });
  };
  if (!(await stillAllowed())) throw new DomainError("forbidden", "You do not work at this shop.");
  return { shop, user, stillAllowed };
}
