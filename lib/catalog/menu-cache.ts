import type { Db } from "@/lib/db";
import { getShopMenu } from "./menu";
import type { ShopMenu } from "./types";

/**
 * Placing an order prices it from the shop's menu. Loading the menu is several queries, so each
 * process keeps it for a short time: a price or availability change reaches new orders within
 * TTL_MS. Opening hours are re-evaluated on every read (they depend on the clock, not the data).
 */
const TTL_MS = 2_000;

type Entry = { at: number; menu: Promise<ShopMenu | null> };
const entries = new Map<string, Entry>();

export async function cachedShopMenu(db: Db, slug: string, now = new Date()): Promise<ShopMenu | null> {
  const hit = entries.get(slug);
  if (hit && now.getTime() - hit.at < TTL_MS) return hit.menu;
  const menu = getShopMenu(db, slug, now);
  entries.set(slug, { at: now.getTime(), menu });
  menu.catch(() => entries.delete(slug));
  return menu;
}

export function forgetShopMenus(): void {
  entries.clear();
}
