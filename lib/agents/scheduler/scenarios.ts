import { addDays } from "@/lib/analytics/time";
import type { SpecialDay } from "./calendar";
import { hourKey } from "./forecast";

/**
 * Generated order histories with a known weekday × hour seasonality, a trend and Poisson noise,
 * for the scheduler's eval and tests: HISTORY_WEEKS weeks to learn from, then HELD_OUT_WEEKS weeks
 * the forecast never sees before it is judged on them.
 */

export const HISTORY_WEEKS = 6;
export const HELD_OUT_WEEKS = 4;
/** The first held-out day (a Monday); history runs up to the day before. */
export const HELD_OUT_FROM = "2026-11-02";

export type SchedulerScenario = {
  name: string;
  /** Expected orders at a local hour of a weekday (0 = Sunday), before trend. */
  rate: (weekday: number, hour: number) => number;
  /** Growth per week (0.04 = 4 % a week). */
  weeklyGrowth: number;
  seed: number;
  /**
   * The shop's calendar as its manager entered it, and how each day really traded (a factor on
   * the day's rate; 0 = closed). The entered level may be off: the actual is what happened.
   */
  specialDays?: { day: SpecialDay; actual: number }[];
};

const bump = (x: number, center: number, width: number) => Math.exp(-0.5 * ((x - center) / width) ** 2);

export const SCHEDULER_SCENARIOS: SchedulerScenario[] = [
  {
    name: "city shop, steady",
    rate: (wd, h) => (h < 7 || h >= 19 ? 0 : wd === 0 || wd === 6 ? 3 + 14 * bump(h, 10.5, 1.6) : 3 + 24 * bump(h, 8.3, 1) + 9 * bump(h, 12.5, 0.8)),
    weeklyGrowth: 0,
    seed: 11,
  },
  {
    name: "city shop, growing 4 % a week",
    rate: (wd, h) => (h < 7 || h >= 19 ? 0 : wd === 0 || wd === 6 ? 3 + 14 * bump(h, 10.5, 1.6) : 3 + 24 * bump(h, 8.3, 1) + 9 * bump(h, 12.5, 0.8)),
    weeklyGrowth: 0.04,
    seed: 12,
  },
  {
    // Two special days in the history (they pollute the pattern and the trend without the calendar)
    // and four in the held-out weeks: a holiday, the market again (entered at 180 %, traded at 200 %
    // as last time: learned), Thanksgiving closed, Black Friday slow.
    name: "city shop, holidays and a street market",
    rate: (wd, h) => (h < 7 || h >= 19 ? 0 : wd === 0 || wd === 6 ? 3 + 14 * bump(h, 10.5, 1.6) : 3 + 24 * bump(h, 8.3, 1) + 9 * bump(h, 12.5, 0.8)),
    weeklyGrowth: 0.01,
    seed: 15,
    specialDays: [
      { day: { date: "2026-10-12", name: "Columbus Day", closed: false, levelPct: 50 }, actual: 0.5 },
      { day: { date: "2026-10-17", name: "Street market", closed: false, levelPct: 180 }, actual: 2 },
      { day: { date: "2026-11-11", name: "Veterans Day", closed: false, levelPct: 60 }, actual: 0.6 },
      { day: { date: "2026-11-14", name: "Street market", closed: false, levelPct: 180 }, actual: 2 },
      { day: { date: "2026-11-26", name: "Thanksgiving", closed: true, levelPct: null }, actual: 0 },
      { day: { date: "2026-11-27", name: "Black Friday", closed: false, levelPct: 70 }, actual: 0.7 },
    ],
  },
  {
    name: "quiet shop (a few orders an hour)",
    rate: (wd, h) => (h < 8 || h >= 17 ? 0 : (wd === 0 ? 1 : 2) + 4 * bump(h, 9, 1.2)),
    weeklyGrowth: 0,
    seed: 13,
  },
  {
    name: "airport, open around the clock, shrinking 3 % a week",
    rate: (_, h) => 1 + 16 * bump(h, 6.5, 1.3) + 10 * bump(h, 12, 1.8) + 8 * bump(h, 17.5, 2),
    weeklyGrowth: -0.03,
    seed: 14,
  },
];

/** mulberry32: a small seeded PRNG, so every run of the eval sees the same noise. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  // Knuth's method; the rates here stay well below where it gets slow.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Orders per local hour over the history and held-out weeks of a scenario. */
export function generateHistory(s: SchedulerScenario): Map<string, number> {
  const random = prng(s.seed);
  const start = addDays(HELD_OUT_FROM, -7 * HISTORY_WEEKS);
  const out = new Map<string, number>();
  for (let d = 0; d < 7 * (HISTORY_WEEKS + HELD_OUT_WEEKS); d++) {
    const date = addDays(start, d);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const level = (1 + s.weeklyGrowth) ** (d / 7) * (s.specialDays?.find((x) => x.day.date === date)?.actual ?? 1);
    for (let h = 0; h < 24; h++) {
      const n = poisson(random, s.rate(weekday, h) * level);
      if (n > 0) out.set(hourKey(date, h), n);
    }
  }
  return out;
}
