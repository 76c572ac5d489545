import { addDays } from "@/lib/analytics/time";
import { forecastWeek, type ForecastCalendar, type HourCounts } from "./forecast";

/**
 * A shop's special days (its managers' calendar: public holidays, a street market), and what they
 * do to a forecast. Pure. A past special day is left out of the weekday pattern and the trend; a
 * coming one is forecast at its level: closed → nothing; otherwise the level learned from the last
 * past day of the same name when the shop's orders show it (what it sold ÷ what the ordinary pattern
 * predicted for it), else the level the manager entered.
 */

export type SpecialDay = { date: string; name: string; closed: boolean; levelPct: number | null };

/** What a learned level rests on: a past day of the same name, what it sold and what its pattern predicted. */
export type LearnedFrom = { date: string; name: string; actual: number; expected: number };

/** A coming special day as the forecast applied it. */
export type AppliedSpecialDay = {
  date: string;
  name: string;
  closed: boolean;
  /** The level used, as a percentage of a normal day (0 when closed). */
  levelPct: number;
  source: "closed" | "entered" | "learned";
  /** The manager's entered level (null when closed). */
  enteredPct: number | null;
  learnedFrom?: LearnedFrom;
};

/** A learned level is believed between these (a past day that sold 40× its pattern is noise, not a level). */
const MIN_FACTOR = 0;
const MAX_FACTOR = 5;
/** A past day whose pattern predicted fewer orders than this teaches nothing (a ratio of tiny numbers). */
const MIN_EXPECTED = 20;

export const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The last special day before `day` with the same name, if any (last year's Thanksgiving, the previous market). */
export function previousOfSameName(days: readonly SpecialDay[], day: SpecialDay): SpecialDay | null {
  let best: SpecialDay | null = null;
  for (const d of days) if (d.date < day.date && sameName(d.name, day.name) && (best === null || d.date > best.date)) best = d;
  return best;
}

/** Past special days before `date` (to leave out of what is learned from). */
export function excludedBefore(days: readonly SpecialDay[], date: string): Set<string> {
  return new Set(days.filter((d) => d.date < date).map((d) => d.date));
}

/**
 * What a past special day sold against what its ordinary pattern predicted for it: the forecast as
 * it would have been made that morning from the weeks before it (their own special days left out),
 * at a normal level. Null when there is too little history before it to say (the shop had no
 * pattern yet) or the day was expected to be near empty.
 */
export function learnFrom(history: HourCounts, past: SpecialDay, days: readonly SpecialDay[]): LearnedFrom | null {
  const known = new Map([...history].filter(([hour]) => hour < past.date));
  // Less than a week before it: no weekday pattern to compare the day with.
  const first = [...known].reduce<string | null>((a, [hour, n]) => (n > 0 && (a === null || hour < a) ? hour : a), null);
  if (first === null || first.slice(0, 10) > addDays(past.date, -7)) return null;
  const expected = forecastWeek(known, past.date, { excluded: excludedBefore(days, past.date), factors: new Map() })
    .filter((f) => f.hour.startsWith(past.date))
    .reduce((a, f) => a + f.orders, 0);
  if (expected < MIN_EXPECTED) return null;
  let actual = 0;
  for (let h = 0; h < 24; h++) actual += history.get(`${past.date}T${String(h).padStart(2, "0")}:00`) ?? 0;
  return { date: past.date, name: past.name, actual, expected: Math.round(expected) };
}

/**
 * The calendar a forecast made on `madeOn` uses: every special day before it left out of the
 * history, and each of the 7 coming days that is special at its level. `learn` gives a past day's
 * learning (the agent reads its orders; the eval has them in memory); a closed day is never learned.
 */
export function applyCalendar(days: readonly SpecialDay[], madeOn: string, learn: (past: SpecialDay) => LearnedFrom | null): { calendar: ForecastCalendar; applied: AppliedSpecialDay[] } {
  const end = addDays(madeOn, 7);
  const factors = new Map<string, number>();
  const applied: AppliedSpecialDay[] = [];
  for (const day of [...days].filter((d) => d.date >= madeOn && d.date < end).sort((a, b) => a.date.localeCompare(b.date))) {
    if (day.closed) {
      factors.set(day.date, 0);
      applied.push({ date: day.date, name: day.name, closed: true, levelPct: 0, source: "closed", enteredPct: null });
      continue;
    }
    const past = previousOfSameName(days, day);
    const learned = past ? learn(past) : null;
    const factor = learned ? Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, learned.actual / learned.expected)) : (day.levelPct ?? 100) / 100;
    factors.set(day.date, factor);
    applied.push({
      date: day.date,
      name: day.name,
      closed: false,
      levelPct: Math.round(100 * factor),
      source: learned ? "learned" : "entered",
      enteredPct: day.levelPct,
      ...(learned ? { learnedFrom: learned } : {}),
    });
  }
  return { calendar: { excluded: excludedBefore(days, madeOn), factors }, applied };
}

/** The screen's and the template's words for how a special day was forecast. */
export function describeSpecialDay(d: AppliedSpecialDay): string {
  if (d.closed) return `${d.name}: closed, no orders expected and nobody planned`;
  if (d.source === "learned" && d.learnedFrom) {
    return `${d.name}: ${d.levelPct} % of a normal day, learned from ${d.learnedFrom.name} on ${d.learnedFrom.date} (${d.learnedFrom.actual} orders where its pattern expected ${d.learnedFrom.expected}; entered ${d.enteredPct} %)`;
  }
  return `${d.name}: ${d.levelPct} % of a normal day, as entered`;
}
