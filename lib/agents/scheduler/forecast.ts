import { addDays, daysBetween } from "@/lib/analytics/time";

/**
 * Orders per hour for the next 7 days, from a shop's own history. Pure.
 *
 * The numbers are statistics, never a model's: a weekday × hour profile (each hour's share of a
 * week's orders, pooled over the last WEEKS complete weeks, which averages the noise out) times
 * the level the next 7 days should reach (a least-squares line through the weekly totals, so a
 * shop that grows or shrinks is followed, clamped to ±MAX_WEEKLY_CHANGE of last week). The
 * seasonal-naive baseline every forecast is judged against is the same hour a week before.
 *
 * Hours are local wall-clock hours "YYYY-MM-DDTHH:00" (as the analytics rollups key them).
 */

export type HourCounts = ReadonlyMap<string, number>;

export type HourForecast = { hour: string; orders: number; lastWeek: number };

/** How many past weeks the profile pools. */
export const WEEKS = 6;
/** The trend may move next week's level at most this far from last week's. */
const MAX_WEEKLY_CHANGE = 0.25;
/** The line needs at least this many weekly totals; with fewer, the level is their mean. */
const TREND_MIN_WEEKS = 3;

export const hourKey = (date: string, hour: number) => `${date}T${String(hour).padStart(2, "0")}:00`;

/** The earliest day with any orders, or null for an empty history. */
function firstDay(history: HourCounts): string | null {
  let first: string | null = null;
  for (const [hour, n] of history) if (n > 0 && (first === null || hour < first)) first = hour;
  return first?.slice(0, 10) ?? null;
}

/** Orders in the 7 days starting at `start`, and per (day offset, hour). */
function week(history: HourCounts, start: string): { total: number; at: (day: number, hour: number) => number } {
  let total = 0;
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) total += history.get(hourKey(addDays(start, d), h)) ?? 0;
  return { total, at: (d, h) => history.get(hourKey(addDays(start, d), h)) ?? 0 };
}

/** Next week's total from past weekly totals (most recent first): a least-squares line, clamped. */
export function nextWeekLevel(totals: readonly number[]): number {
  const n = totals.length;
  if (n === 0) return 0;
  const mean = totals.reduce((a, b) => a + b, 0) / n;
  if (n < TREND_MIN_WEEKS) return mean;
  // Week k (1 = last week) sits at x = −k; the next week at x = 0.
  const xs = totals.map((_, i) => -(i + 1));
  const xMean = xs.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - xMean) * (totals[i]! - mean);
    sxx += (xs[i]! - xMean) ** 2;
  }
  const predicted = mean + (sxy / sxx) * (0 - xMean);
  const last = totals[0]!;
  return Math.max(last * (1 - MAX_WEEKLY_CHANGE), Math.min(last * (1 + MAX_WEEKLY_CHANGE), predicted));
}

/**
 * The forecast made on local date `madeOn` for each hour of `madeOn` and the 6 days after it,
 * from the complete days before `madeOn` (the day in progress is not used). With less than a
 * week of history, every day gets the mean of each hour over the days there are (no weekday
 * pattern yet); with none, zeros.
 */
export function forecastWeek(history: HourCounts, madeOn: string): HourForecast[] {
  const first = firstDay(history);
  const completeWeeks = first === null ? 0 : Math.min(WEEKS, Math.floor(daysBetween(first, madeOn) / 7));
  const weeks = Array.from({ length: completeWeeks }, (_, i) => week(history, addDays(madeOn, -7 * (i + 1))));
  const level = nextWeekLevel(weeks.map((w) => w.total));
  const pooled = weeks.reduce((a, w) => a + w.total, 0);
  const daysKnown = first === null ? 0 : Math.max(0, Math.min(7, daysBetween(first, madeOn)));

  const out: HourForecast[] = [];
  for (let d = 0; d < 7; d++) {
    const date = addDays(madeOn, d);
    for (let h = 0; h < 24; h++) {
      let orders = 0;
      if (pooled > 0) {
        // Day offset d of week k has the same weekday as madeOn + d.
        const share = weeks.reduce((a, w) => a + w.at(d, h), 0) / pooled;
        orders = level * share;
      } else if (daysKnown > 0) {
        let sum = 0;
        for (let k = 1; k <= daysKnown; k++) sum += history.get(hourKey(addDays(madeOn, -k), h)) ?? 0;
        orders = sum / daysKnown;
      }
      out.push({ hour: hourKey(date, h), orders, lastWeek: history.get(hourKey(addDays(date, -7), h)) ?? 0 });
    }
  }
  return out;
}

/**
 * Mean absolute percentage error over the hours that had orders (an hour with none has no
 * percentage error; it is left out for forecast and baseline alike). Null when no hour counts.
 */
export function mape(pairs: readonly { forecast: number; actual: number }[]): number | null {
  const counted = pairs.filter((p) => p.actual > 0);
  if (counted.length === 0) return null;
  return counted.reduce((a, p) => a + Math.abs(p.forecast - p.actual) / p.actual, 0) / counted.length;
}

export const formatPercent = (ratio: number | null) => (ratio === null ? "—" : `${(100 * ratio).toFixed(1)} %`);
