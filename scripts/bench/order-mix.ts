import { randomInt } from "node:crypto";
import type pg from "pg";

/**
 * The orders bench:orders places: real variety, not one identical order. Several shops, 1–3 lines
 * of different products with options drawn within each group's min/max, some with a tip or a
 * note; a share of them by signed-in customers (the request then carries a session cookie the app
 * decodes), the rest by guests.
 */

export type OrderBody = { shop: string; customerName: string; items: { product: string; quantity: number; options?: Record<string, string[]> }[]; tip?: { percent: number }; notes?: string };

type MenuRow = { shop: string; product: string; groups: { slug: string; min: number; max: number; options: string[] }[] | null };

const NAMES = ["Ada", "Grace", "Linus", "Mei", "Omar", "Priya", "Sven", "Zoe", "Kofi", "Lucia", "Hiro", "Nadia"];

/** Every shop's available products with their available options, from the bench's database. */
export async function loadMenus(pool: pg.Pool): Promise<Map<string, MenuRow[]>> {
  const { rows } = await pool.query<MenuRow>(`
    SELECT s.slug AS shop, p.slug AS product,
      (SELECT json_agg(json_build_object('slug', g.slug, 'min', g.min_select, 'max', g.max_select,
                'options', (SELECT coalesce(json_agg(o.slug ORDER BY o.sort_order), '[]'::json) FROM options o
                            LEFT JOIN shop_options so ON so.option_id = o.id AND so.shop_id = s.id
                            WHERE o.group_id = g.id AND o.active AND coalesce(so.available, true))))
       FROM product_option_groups pog JOIN option_groups g ON g.id = pog.option_group_id WHERE pog.product_id = p.id) AS groups
    FROM shops s JOIN shop_products sp ON sp.shop_id = s.id AND sp.available JOIN products p ON p.id = sp.product_id AND p.active
    WHERE s.active ORDER BY s.slug, p.slug`);
  const menus = new Map<string, MenuRow[]>();
  for (const row of rows) menus.set(row.shop, [...(menus.get(row.shop) ?? []), row]);
  return menus;
}

const pick = <T>(xs: readonly T[]): T => xs[randomInt(xs.length)]!;

function pickOptions(groups: MenuRow["groups"]): Record<string, string[]> | undefined {
  const chosen: Record<string, string[]> = {};
  for (const g of groups ?? []) {
    if (g.options.length === 0) continue;
    // Required groups always, optional ones half the time, one choice (or up to max).
    const count = g.min > 0 ? g.min : randomInt(2) === 0 ? 0 : Math.min(g.max, 1 + randomInt(Math.max(1, Math.min(g.max, 2))));
    if (count === 0) continue;
    const options = [...g.options].sort(() => randomInt(3) - 1).slice(0, Math.min(count, g.options.length));
    chosen[g.slug] = options;
  }
  return Object.keys(chosen).length > 0 ? chosen : undefined;
}

/** `count` varied order bodies over the given shops' menus. */
export function orderBodies(menus: Map<string, MenuRow[]>, shops: readonly string[], count: number): OrderBody[] {
  return Array.from({ length: count }, () => {
    const shop = pick(shops);
    const menu = menus.get(shop)!;
    const lines = 1 + (randomInt(10) < 6 ? 0 : randomInt(3));
    const products = [...new Set(Array.from({ length: lines }, () => pick(menu)))];
    const body: OrderBody = {
      shop,
      customerName: pick(NAMES),
      items: products.map((p) => {
        const options = pickOptions(p.groups);
        return { product: p.product, quantity: randomInt(10) < 8 ? 1 : 2, ...(options ? { options } : {}) };
      }),
    };
    if (randomInt(4) === 0) body.tip = { percent: pick([10, 15, 20]) };
    if (randomInt(10) === 0) body.notes = "extra hot, please";
    return body;
  });
}
