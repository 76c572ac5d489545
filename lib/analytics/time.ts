import { memoByKey } from "@/lib/memo";

/**
 * Local time in a shop's timezone, for bucketing. Pure. Rollups are keyed by the shop's local
 * wall-clock hour ("2026-11-25T08:00") and local date ("2026-11-25"), so a shop's day runs from its
 * own midnight to midnight (23 or 25 hours on DST days) and the weekday heatmap is in local time.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const offsets = new Map<string, number>();

const formatter = memoByKey((timeZone) => new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }));

function offsetAt(timeZone: string, at: number): number {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(at / 60_000) * 60_000;
}

/**
 * Local time minus UTC, in ms, at an instant. Rebuilding a million orders must not format a date
 * each, so offsets are cached per zone and UTC day: a day whose offset is the same at both ends
 * has one offset all day; a day with a transition is resolved per quarter hour (every zone's
 * transitions fall on a quarter hour).
 */
export function utcOffsetMs(timeZone: string, at: number): number {
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const dayKey = `${timeZone}|${day}`;
  let off = offsets.get(dayKey);
  if (off === undefined) {
    const start = offsetAt(timeZone, day);
    off = start === offsetAt(timeZone, day + DAY_MS - 60_000) ? start : NaN;
    remember(dayKey, off);
  }
  if (!Number.isNaN(off)) return off;
  const slot = Math.floor(at / (HOUR_MS / 4)) * (HOUR_MS / 4);
  const key = `${timeZone}|q${slot}`;
  let q = offsets.get(key);
  if (q === undefined) remember(key, (q = offsetAt(timeZone, slot)));
  return q;
}

function remember(key: string, value: number): void {
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, value);
}

/** The local wall-clock hour of an instant, as "YYYY-MM-DDTHH:00". */
export function localHour(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + utcOffsetMs(timeZone, at.getTime()));
  return `${local.toISOString().slice(0, 13)}:00`;
}

/** An instant as the local wall clock, "YYYY-MM-DDTHH:mm" (what a datetime-local input shows). */
export function localMinute(at: Date, timeZone: string): string {
  return new Date(at.getTime() + utcOffsetMs(timeZone, at.getTime())).toISOString().slice(0, 16);
}

/**
 * The instant a local wall-clock time "YYYY-MM-DDTHH:mm" names in a time zone; null when it is not
 * one. A time skipped by a DST jump (02:30 when clocks go from 02:00 to 03:00) lands an hour later,
 * a repeated one (01:30 when they go back) on its first occurrence.
 */
export function fromLocalMinute(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== local) return null; // 2026-02-30, 24:00
  // The two offsets around that moment give the candidates; the earliest that shows this wall clock
  // wins (a repeated hour), and when neither does (a skipped hour) the later one.
  const near = wall - utcOffsetMs(timeZone, wall);
  const candidates = [wall - utcOffsetMs(timeZone, near - HOUR_MS), wall - utcOffsetMs(timeZone, near + HOUR_MS)];
  const shown = candidates.filter((c) => localMinute(new Date(c), timeZone) === local);
  return new Date(shown.length > 0 ? Math.min(...shown) : Math.max(...candidates));
}

/** The local date of an instant, as "YYYY-MM-DD". */
export function localDate(at: Date, timeZone: string): string {
  return localHour(at, timeZone).slice(0, 10);
}

/** Days between two "YYYY-MM-DD" dates (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A "YYYY-MM-DD" date moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a string is a real calendar date "YYYY-MM-DD". */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
