import type { OpeningInterval } from "@/lib/shops/hours";
import { INGREDIENTS, PRODUCTS, type IngredientSlug, type ProductSlug } from "./catalog";
import type { SeedTx } from "./db";
import { Rng } from "./random";

/**
 * The three demo shops, their hours, menus and stock. Like the catalog, re-seeding only fills in
 * what is missing: hours are written for a shop that has none, stock for (shop, ingredient) pairs
 * that have no row, so live stock levels are never reset.
 */

const h = (hour: number, minute = 0) => hour * 60 + minute;
const days = (weekdays: readonly number[], opensMinute: number, closesMinute: number): OpeningInterval[] =>
  weekdays.map((weekday) => ({ weekday, opensMinute, closesMinute }));
const MON_THU = [1, 2, 3, 4] as const;
const MON_FRI = [1, 2, 3, 4, 5] as const;
const ALL_WEEK = [0, 1, 2, 3, 4, 5, 6] as const;

export type ShopDef = {
  slug: string;
  name: string;
  addressLine: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  timezone: string;
  taxRateBps: number;
  receivingWallet: string;
  hours: readonly OpeningInterval[];
  /** Products this shop does not sell (no ShopProduct row). */
  notSold?: readonly ProductSlug[];
  priceOverridesCents?: Partial<Record<ProductSlug, number>>;
  /** Typical orders per day on a weekday and at the weekend (history volume, stock levels). */
  ordersPerDay: { weekday: number; saturday: number; sunday: number };
  /** Ingredients seeded below their reorder level, so dashboards show a low-stock flag. */
  lowStock?: readonly IngredientSlug[];
};

export const SHOP_DEFAULTS = {
  currency: "USD",
  requiredConfirmations: 2,
  fastLaneMaxCents: 1500,
  basePrepMinutes: 3,
} as const;

export const SHOPS = [
  {
    slug: "new-york-soho",
    name: "Go Coffee SoHo",
    addressLine: "148 Mercer Street",
    city: "New York",
    region: "NY",
    postalCode: "10012",
    country: "US",
    timezone: "America/New_York",
    taxRateBps: 888,
    // anvil default account #7
    receivingWallet: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
    // Late on Fridays for the after-work crowd.
    hours: [...days(MON_THU, h(6, 30), h(19)), ...days([5], h(6, 30), h(22)), ...days([0, 6], h(8), h(17))],
    ordersPerDay: { weekday: 235, saturday: 185, sunday: 165 },
  },
  {
    slug: "chicago-loop",
    name: "Go Coffee The Loop",
    addressLine: "220 W Madison Street",
    city: "Chicago",
    region: "IL",
    postalCode: "60606",
    country: "US",
    timezone: "America/Chicago",
    taxRateBps: 1025,
    // anvil default account #8
    receivingWallet: "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
    // Office district: quiet weekends, and a lunch break on Sundays.
    hours: [...days(MON_FRI, h(6, 30), h(19)), ...days([6], h(8), h(17)), ...days([0], h(8), h(12)), ...days([0], h(13), h(17))],
    ordersPerDay: { weekday: 210, saturday: 125, sunday: 95 },
    lowStock: ["oat-milk"],
  },
  {
    slug: "sfo-terminal-2",
    name: "Go Coffee SFO Terminal 2",
    addressLine: "Terminal 2, Gate D10, San Francisco International Airport",
    city: "San Francisco",
    region: "CA",
    postalCode: "94128",
    country: "US",
    timezone: "America/Los_Angeles",
    taxRateBps: 863,
    // anvil default account #9
    receivingWallet: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
    // Airside, open around the clock (automated browser tests order here at any hour).
    hours: days(ALL_WEEK, 0, 1440),
    notSold: ["everything-bagel"],
    priceOverridesCents: { "caffe-latte": 575 },
    ordersPerDay: { weekday: 190, saturday: 175, sunday: 205 },
  },
] as const satisfies readonly ShopDef[];

export type ShopSlug = (typeof SHOPS)[number]["slug"];

export function expectedOrdersPerDay(shop: ShopDef, weekday: number): number {
  return weekday === 0 ? shop.ordersPerDay.sunday : weekday === 6 ? shop.ordersPerDay.saturday : shop.ordersPerDay.weekday;
}

/** Stock for one ingredient in one shop: several days of use, reorder at two days' worth. */
export function stockLevels(shop: ShopDef, ingredient: (typeof INGREDIENTS)[number]): { onHand: number; reorderLevel: number } {
  const rng = new Rng(`stock:${shop.slug}:${ingredient.slug}`);
  const weekly = [0, 1, 2, 3, 4, 5, 6].reduce((sum, wd) => sum + expectedOrdersPerDay(shop, wd), 0);
  const perDay = (ingredient.dailyUse * weekly) / 7 / 200;
  const round = (n: number) => {
    const step = perDay >= 1000 ? 100 : perDay >= 100 ? 10 : 1;
    return Math.max(1, Math.round(n / step) * step);
  };
  const reorderLevel = round(perDay * 2);
  const low = (shop.lowStock as readonly string[] | undefined)?.includes(ingredient.slug) ?? false;
  const onHand = low ? Math.max(1, round(reorderLevel * 0.45)) : round(perDay * (4 + rng.next() * 4));
  return { onHand, reorderLevel };
}

// ------------------------------------------------------------------ database

export type ShopsCreated = { shops: number; shopHours: number; shopProducts: number; stock: number; stockMovements: number };

export async function seedShops(db: SeedTx, anvilWallets: boolean): Promise<{ ids: Map<string, string>; created: Pick<ShopsCreated, "shops" | "shopHours"> }> {
  const shops = (
    await db.shop.createMany({
      data: SHOPS.map((s) => ({
        slug: s.slug,
        name: s.name,
        addressLine: s.addressLine,
        city: s.city,
        region: s.region,
        postalCode: s.postalCode,
        country: s.country,
        timezone: s.timezone,
        taxRateBps: s.taxRateBps,
        receivingWallet: anvilWallets ? s.receivingWallet : null,
        ...SHOP_DEFAULTS,
      })),
      skipDuplicates: true,
    })
  ).count;
  const rows = await db.shop.findMany({
    where: { slug: { in: SHOPS.map((s) => s.slug) } },
    select: { id: true, slug: true, _count: { select: { hours: true } } },
  });
  const ids = new Map(rows.map((r) => [r.slug, r.id]));
  const withoutHours = new Set(rows.filter((r) => r._count.hours === 0).map((r) => r.slug));
  const hours = SHOPS.filter((s) => withoutHours.has(s.slug)).flatMap((s) =>
    s.hours.map((i) => ({ shopId: ids.get(s.slug) ?? "", weekday: i.weekday, opensMinute: i.opensMinute, closesMinute: i.closesMinute })),
  );
  const shopHours = hours.length > 0 ? (await db.shopHours.createMany({ data: hours })).count : 0;
  return { ids, created: { shops, shopHours } };
}

export async function seedShopProducts(db: SeedTx, shopIds: Map<string, string>, productIds: Map<string, string>): Promise<number> {
  const data = SHOPS.flatMap((shop: ShopDef) => {
    const shopId = shopIds.get(shop.slug);
    if (!shopId) return [];
    return PRODUCTS.filter((p) => !shop.notSold?.includes(p.slug)).flatMap((p) => {
      const productId = productIds.get(p.slug);
      return productId ? [{ shopId, productId, priceOverrideCents: shop.priceOverridesCents?.[p.slug] ?? null }] : [];
    });
  });
  return (await db.shopProduct.createMany({ data, skipDuplicates: true })).count;
}

/**
 * Stock rows for every ingredient in every shop, each with an opening RESTOCK movement so the
 * ledger adds up to onHand from the start.
 */
export async function seedStock(
  db: SeedTx,
  shopIds: Map<string, string>,
  ingredientIds: Map<string, string>,
  now: Date,
): Promise<{ stock: number; stockMovements: number }> {
  const existing = await db.stock.findMany({
    where: { shopId: { in: [...shopIds.values()] } },
    select: { shopId: true, ingredientId: true },
  });
  const have = new Set(existing.map((s) => `${s.shopId}|${s.ingredientId}`));
  const rows = SHOPS.flatMap((shop) => {
    const shopId = shopIds.get(shop.slug);
    if (!shopId) return [];
    return INGREDIENTS.flatMap((ingredient) => {
      const ingredientId = ingredientIds.get(ingredient.slug);
      if (!ingredientId || have.has(`${shopId}|${ingredientId}`)) return [];
      return [{ shopId, ingredientId, ...stockLevels(shop, ingredient) }];
    });
  });
  if (rows.length === 0) return { stock: 0, stockMovements: 0 };
  const inserted = await db.stock.createManyAndReturn({ data: rows, skipDuplicates: true, select: { shopId: true, ingredientId: true, onHand: true } });
  if (inserted.length === 0) return { stock: 0, stockMovements: 0 };
  const stockMovements = (
    await db.stockMovement.createMany({
      data: inserted.map((r) => ({
        shopId: r.shopId,
        ingredientId: r.ingredientId,
        kind: "RESTOCK" as const,
        quantity: r.onHand,
        note: "Opening stock (demo seed)",
        createdAt: now,
      })),
    })
  ).count;
  return { stock: inserted.length, stockMovements };
}
