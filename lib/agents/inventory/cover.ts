/**
 * The inventory agent's arithmetic, pure: daily use and days of cover from the stock ledger,
 * when to reorder, and how much (whole packs). Use is forecast by weekday once the ledger holds a
 * full week (a Saturday rush that a plain average hides runs a shop dry on Saturday); before that,
 * by the plain average over the days the ledger has.
 */

export const USAGE_WINDOW_DAYS = 14;
/** A purchase order is proposed when cover falls below the supplier's lead time plus this margin. */
export const SAFETY_DAYS = 1;

export type Supplier = { name: string; leadTimeDays: number; packSize: number; orderDays: number };

export type IngredientState = {
  ingredientId: string;
  slug: string;
  name: string;
  unit: "GRAM" | "MILLILITER" | "PIECE";
  onHand: number;
  reserved: number;
  /** The manager's floor: below it, reorder even without usage history. */
  reorderLevel: number;
  /** Net use (reserved − released) over the ledger window, and how many days of ledger that window really holds. */
  used: number;
  usageDays: number;
  /**
   * The expected use on each weekday, Monday first (the shop's local days; each weekday's net use
   * over the last 14 whole days ÷ how many of that weekday the window held), and today's weekday
   * (0 = Monday). Absent until the ledger holds a full week: the plain average stands in.
   */
  byWeekday?: { use: readonly number[]; today: number };
  /**
   * The shop's coming special days (its calendar, lib/shops/special-days.ts): days from today
   * (0 = today) → the expected level as a fraction of a normal day (0 = closed: nothing used).
   */
  dayLevels?: ReadonlyMap<number, number>;
  /** The least one drink or item takes (the smallest recipe line): below it the shop cannot make anything with it. */
  smallestUse: number | null;
  supplier: Supplier | null;
  /**
   * Stock on its way from another shop (a transfer proposed or in transit, lib/inventory/transfers.ts).
   * It does not make anything available now, but a purchase order covers only what it leaves short.
   */
  incoming?: number;
};

export function available(s: Pick<IngredientState, "onHand" | "reserved">): number {
  return s.onHand - s.reserved;
}

export function dailyUse(s: Pick<IngredientState, "used" | "usageDays">): number {
  return s.used > 0 ? s.used / Math.max(1, s.usageDays) : 0;
}

type Forecastable = Pick<IngredientState, "used" | "usageDays" | "byWeekday" | "dayLevels">;

/**
 * The expected use on the day `offset` days from today (0 = today): its weekday's, or the plain
 * average, times the day's level when the shop's calendar marks it (a closed day uses nothing).
 */
export function expectedUseOn(s: Forecastable, offset: number): number {
  const normal = s.byWeekday ? s.byWeekday.use[(s.byWeekday.today + offset) % 7]! : dailyUse(s);
  return normal * (s.dayLevels?.get(offset) ?? 1);
}

/** The expected use over the next `days` days from today, the last one partly (weekday by weekday). */
export function expectedUseOver(s: Forecastable, days: number): number {
  let total = 0;
  for (let i = 0; i < Math.ceil(days); i++) total += expectedUseOn(s, i) * Math.min(1, days - i);
  return total;
}

/** The longest forecast: beyond a year, cover is "a year" (a slow ingredient does not loop forever). */
const MAX_COVER_DAYS = 366;

/** Days `amount` lasts, day by day at each day's expected use; null when no use is expected at all. */
export function coverOf(s: Forecastable, amount: number): number | null {
  if (!(s.byWeekday ? s.byWeekday.use.some((u) => u > 0) : dailyUse(s) > 0)) return null;
  let left = Math.max(0, amount);
  for (let day = 0; day < MAX_COVER_DAYS; day++) {
    const use = expectedUseOn(s, day);
    if (use >= left && use > 0) return day + left / use;
    left -= use;
  }
  return MAX_COVER_DAYS;
}

/** Days the available stock lasts at the expected use; null when nothing was used (no forecast). */
export function daysOfCover(s: IngredientState): number | null {
  return coverOf(s, available(s));
}

/** The shop cannot make even one thing that needs it. */
export function isOut(s: IngredientState): boolean {
  return s.smallestUse !== null && available(s) < s.smallestUse;
}

/** Available now plus what transfers bring: what a purchase order is planned against. */
export function expected(s: IngredientState): number {
  return available(s) + (s.incoming ?? 0);
}

/**
 * Reorder when what the shop has and has coming (transfers) cannot make one drink, is below the
 * manager's reorder level, or lasts less than the supplier's lead time plus a safety day.
 */
export function needsReorder(s: IngredientState): boolean {
  if (!s.supplier) return false;
  const have = expected(s);
  const cover = coverOf(s, have);
  return (s.smallestUse !== null && have < s.smallestUse) || have < s.reorderLevel || (cover !== null && cover < s.supplier.leadTimeDays + SAFETY_DAYS);
}

export function roundUpToPacks(quantity: number, packSize: number): number {
  if (quantity <= 0) return 0;
  return Math.ceil(quantity / packSize) * packSize;
}

/**
 * What to order: enough for the lead time plus the supplier's order days at the expected use, and at
 * least twice the reorder level (so a delivery never leaves the shop still below it), less what
 * is available or on its way from another shop, in whole packs; at least one pack.
 */
export function reorderQuantity(s: IngredientState): number {
  if (!s.supplier) return 0;
  const target = Math.max(expectedUseOver(s, s.supplier.leadTimeDays + s.supplier.orderDays), 2 * s.reorderLevel);
  return Math.max(s.supplier.packSize, roundUpToPacks(target - Math.max(0, expected(s)), s.supplier.packSize));
}

/** Upper bound for a model's suggested quantity: a model may adjust the rules' figure, not multiply it. */
export function maxReasonableQuantity(s: IngredientState): number {
  return 4 * reorderQuantity(s);
}

const UNIT: Record<IngredientState["unit"], string> = { GRAM: "g", MILLILITER: "ml", PIECE: "" };

export function formatQuantity(quantity: number, unit: IngredientState["unit"]): string {
  if (unit === "GRAM" && quantity >= 1000) return `${+(quantity / 1000).toFixed(2)} kg`;
  if (unit === "MILLILITER" && quantity >= 1000) return `${+(quantity / 1000).toFixed(2)} L`;
  return unit === "PIECE" ? `${quantity}` : `${quantity} ${UNIT[unit]}`;
}

export function formatCover(days: number | null): string {
  if (days === null) return "no recent use";
  return days < 1 ? "less than a day" : `${days.toFixed(1)} days`;
}
