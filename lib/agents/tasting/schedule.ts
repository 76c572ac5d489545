import { addDays, localHour, utcOffsetMs } from "@/lib/analytics/time";
import type { OpeningInterval } from "../scheduler/staffing";

/**
 * When to hold a tasting (pure): the quietest forecast hour within opening hours in the next 3
 * days (fewest orders forecast; the earliest of equals), an hour the shop is open for all of. No
 * forecast for those hours: the first whole opening hour tomorrow, and the reason says so.
 */

export const TASTING_WINDOW_HOURS = 72;
export type TastingSlot = { hour: string; orders: number | null; reason: string };

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Whether the shop is open for the whole of a local hour (intervals may run past midnight). */
export function openAllHour(intervals: readonly OpeningInterval[], weekday: number, hour: number): boolean {
  const from = hour * 60;
  const to = from + 60;
  return intervals.some((i) => (i.weekday === weekday && i.opensMinute <= from && i.closesMinute >= to) || (i.weekday === (weekday + 6) % 7 && i.closesMinute > 1440 && i.opensMinute - 1440 <= from && i.closesMinute - 1440 >= to));
}

/** The local hours ("YYYY-MM-DDTHH:00") after `now`'s hour, through `hours` hours, that the shop is open for. */
export function openHoursAhead(now: Date, timeZone: string, intervals: readonly OpeningInterval[], hours = TASTING_WINDOW_HOURS): string[] {
  const start = localHour(now, timeZone);
  const out: string[] = [];
  for (let k = 1; k <= hours; k++) {
    const h = new Date(Date.parse(`${start}:00Z`) + k * 3_600_000).toISOString().slice(0, 13);
    const date = h.slice(0, 10);
    if (openAllHour(intervals, weekdayOf(date), Number(h.slice(11, 13)))) out.push(`${h}:00`);
  }
  return out;
}

export const describeHour = (hour: string) => `${WEEKDAYS[weekdayOf(hour.slice(0, 10))]} ${hour.slice(0, 10)} at ${hour.slice(11, 16)}`;

/** `closedDays`: local dates the shop's calendar marks closed (a holiday): never a tasting then, whatever the opening hours say. */
export function chooseTastingSlot(now: Date, timeZone: string, intervals: readonly OpeningInterval[], forecast: ReadonlyMap<string, number>, closedDays: ReadonlySet<string> = new Set()): TastingSlot | null {
  const open = openHoursAhead(now, timeZone, intervals).filter((h) => !closedDays.has(h.slice(0, 10)));
  const known = open.filter((h) => forecast.has(h));
  if (known.length > 0) {
    const best = known.reduce((a, h) => (forecast.get(h)! < forecast.get(a)! ? h : a));
    const orders = forecast.get(best)!;
    return { hour: best, orders, reason: `The quietest forecast hour in the next 3 days: ${describeHour(best)}, ${Math.round(orders * 10) / 10} orders forecast.` };
  }
  // No forecast: the first hour the shop is open tomorrow (or the first day after it is open).
  const tomorrow = addDays(localHour(now, timeZone).slice(0, 10), 1);
  for (let d = 0; d < 7; d++) {
    const date = addDays(tomorrow, d);
    if (closedDays.has(date)) continue;
    for (let hour = 0; hour < 24; hour++) {
      if (openAllHour(intervals, weekdayOf(date), hour)) {
        const h = `${date}T${String(hour).padStart(2, "0")}:00`;
        return { hour: h, orders: null, reason: `No forecast for the next 3 days, so the first opening hour ${d === 0 ? "tomorrow" : "after tomorrow the shop is open"}: ${describeHour(h)}.` };
      }
    }
  }
  return null;
}

/** The instant a local hour ("YYYY-MM-DDTHH:00") begins in a zone. */
export function localHourStart(hour: string, timeZone: string): Date {
  const asUtc = Date.parse(`${hour}:00Z`);
  const guess = asUtc - utcOffsetMs(timeZone, asUtc);
  return new Date(asUtc - utcOffsetMs(timeZone, guess));
}
