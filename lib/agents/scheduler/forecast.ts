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
 * What the shop's calendar of special days (lib/agents/scheduler/calendar.ts) changes: past days to
 * leave out of the pattern and the weekly totals (a holiday would pollute both), and the level of
 * each coming day as a fraction of a normal one (0 = closed).
 */
export type ForecastCalendar = { excluded: ReadonlySet<string>; factors: ReadonlyMap<string, number> };

export const NO_CALENDAR: ForecastCalendar = { excluded: new Set(), factors: new Map() };

/**
 * The forecast made on local date `madeOn` for each hour of `madeOn` and the 6 days after it,
 * from the complete days before `madeOn` (the day in progress is not used). With less than a
 * week of history, every day gets the mean of each hour over the days there are (no weekday
 * pattern yet); with none, zeros.
 *
 * Special days (`calendar`): a past one is left out: each weekday × hour is the mean over the weeks
 * in which that day was ordinary, and a week's total counts its ordinary days scaled up by the
 * share of the week they normally hold (so a holiday neither dents its weekday nor the trend).
 * Without special days this is exactly the pooled profile. A coming one is forecast at its level.
 */
export function forecastWeek(history: HourCounts, madeOn: string, calendar: ForecastCalendar = NO_CALENDAR): HourForecast[] {
  const first = firstDay(history);
  const completeWeeks = first === null ? 0 : Math.min(WEEKS, Math.floor(daysBetween(first, madeOn) / 7));
  const starts = Array.from({ length: completeWeeks }, (_, i) => addDays(madeOn, -7 * (i + 1)));
  const ordinary = (date: string) => !calendar.excluded.has(date);
  const at = (date: string, h: number) => history.get(hourKey(date, h)) ?? 0;

  // profile[d][h]: mean orders at day offset d (the weekday of madeOn + d), hour h, over the weeks it was ordinary.
  const profile = Array.from({ length: 7 }, (_, d) => {
    let weeks = starts.filter((w) => ordinary(addDays(w, d)));
    if (weeks.length === 0) weeks = starts; // every one of them special: better polluted than nothing
    return Array.from({ length: 24 }, (_, h) => (weeks.length === 0 ? 0 : weeks.reduce((a, w) => a + at(addDays(w, d), h), 0) / weeks.length));
  });
  const profileTotal = profile.reduce((a, day) => a + day.reduce((b, x) => b + x, 0), 0);
  const dayShare = profile.map((day) => (profileTotal > 0 ? day.reduce((b, x) => b + x, 0) / profileTotal : 0));
  const totals = starts.map((w) => {
    let sum = 0;
    let share = 0;
    for (let d = 0; d < 7; d++) {
      if (!ordinary(addDays(w, d))) continue;
      share += dayShare[d]!;
      for (let h = 0; h < 24; h++) sum += at(addDays(w, d), h);
    }
    return share > 0 ? sum / share : sum;
  });
  const level = nextWeekLevel(totals);
  const recent = first === null ? [] : Array.from({ length: Math.max(0, Math.min(7, daysBetween(first, madeOn))) }, (_, k) => addDays(madeOn, -(k + 1)));
  const recentOrdinary = recent.filter(ordinary).length > 0 ? recent.filter(ordinary) : recent;

  const out: HourForecast[] = [];
  for (let d = 0; d < 7; d++) {
    const date = addDays(madeOn, d);
    const factor = calendar.factors.get(date) ?? 1;
    for (let h = 0; h < 24; h++) {
      let orders = 0;
      if (profileTotal > 0) orders = (level * profile[d]![h]!) / profileTotal;
      else if (recentOrdinary.length > 0) orders = recentOrdinary.reduce((a, day) => a + at(day, h), 0) / recentOrdinary.length;
      out.push({ hour: hourKey(date, h), orders: orders * factor, lastWeek: at(addDays(date, -7), h) });
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
