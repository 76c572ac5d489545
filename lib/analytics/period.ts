import { z } from "zod";
import { addDays, daysBetween, isIsoDate, localDate } from "./time";

/**
 * The dashboard's period: a preset counted in each shop's own calendar ("today" is each shop's
 * local today, so a multi-shop view shows every shop's business day) or fixed local dates applied
 * to every shop. The previous period is the same number of days right before. Pure.
 */

export const PRESETS = { today: 1, "7d": 7, "30d": 30, "90d": 90 } as const;
export type Preset = keyof typeof PRESETS;
export const MAX_DAYS = 400;

export type PeriodInput = { preset: Preset } | { from: string; to: string };

const date = z.string().refine(isIsoDate, "must be a date like 2026-11-25");

export const dashboardQuery = z
  .object({
    /** Comma-separated shop slugs; empty means every shop the user may see. */
    shops: z.string().max(2000).optional(),
    range: z.enum(Object.keys(PRESETS) as [Preset, ...Preset[]]).optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: "give both from and to, or neither", path: ["from"] })
  .refine((q) => q.from === undefined || q.to === undefined || (q.from <= q.to && daysBetween(q.from, q.to) < MAX_DAYS), {
    message: `from must be on or before to, at most ${MAX_DAYS} days apart`,
    path: ["to"],
  });

export type DashboardQuery = z.infer<typeof dashboardQuery>;

export function periodOf(q: DashboardQuery): PeriodInput {
  if (q.from !== undefined && q.to !== undefined) return { from: q.from, to: q.to };
  return { preset: q.range ?? "7d" };
}

/** Local dates, inclusive, of one shop's current and previous period. */
export type ShopPeriod = { from: string; to: string; previousFrom: string; previousTo: string; days: number };

export function shopPeriod(period: PeriodInput, timeZone: string, now: Date): ShopPeriod {
  let from: string;
  let to: string;
  if ("preset" in period) {
    to = localDate(now, timeZone);
    from = addDays(to, -(PRESETS[period.preset] - 1));
  } else {
    ({ from, to } = period);
  }
  const days = daysBetween(from, to) + 1;
  return { from, to, previousFrom: addDays(from, -days), previousTo: addDays(from, -1), days };
}

/** Change against the previous period as a fraction (0.25 = +25 %); null when there was nothing before. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / Math.abs(previous);
}

/** Average ticket in cents (gross revenue per order), 0 without orders. */
export function averageTicket(grossCents: number, orders: number): number {
  return orders === 0 ? 0 : Math.round(grossCents / orders);
}

/**
 * Days the available stock lasts at the recent daily use (consumed over the window, at least one
 * day); null when nothing was used (no basis for an estimate).
 */
export function daysOfCover(available: number, consumed: number, windowDays: number): number | null {
  if (consumed <= 0) return null;
  const perDay = consumed / Math.max(1, windowDays);
  return Math.max(0, available) / perDay;
}

/** Low stock: at or below the reorder level, or less than three days of cover. */
export function isLowStock(available: number, reorderLevel: number, cover: number | null): boolean {
  return available <= reorderLevel || (cover !== null && cover < 3);
}
