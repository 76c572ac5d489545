import type { Db } from "@/lib/db";
import { addDays, localDate, localHour } from "@/lib/analytics/time";
import type { SchedulerOutput } from "./agent";
import { SCHEDULER_AGENT } from "./agent";
import { mape } from "./forecast";
import { ordersPerHour } from "./state";

/** A stored forecast hour: the latest forecast made for it (made before the hour began). */
export type StoredHour = { hour: string; madeOn: string; orders: number; lastWeek: number; espressoBar: number; brew: number; food: number; total: number };

async function storedHours(db: Db, shopId: string, from: string, to: string): Promise<StoredHour[]> {
  const rows = await db.$queryRaw<{ hour: string; made_on: string; orders: number; last_week: number; espresso_bar: number; brew: number; food: number; total: number }[]>`
    SELECT DISTINCT ON (hour) to_char(hour, 'YYYY-MM-DD"T"HH24:00') AS hour, to_char(made_on, 'YYYY-MM-DD') AS made_on, orders, last_week, espresso_bar, brew, food, total
    FROM scheduler_forecasts
    WHERE shop_id = ${shopId}::uuid AND hour >= ${from}::timestamp AND hour < ${to}::timestamp
    ORDER BY hour, made_on DESC`;
  return rows.map((r) => ({ hour: r.hour, madeOn: r.made_on, orders: r.orders, lastWeek: r.last_week, espressoBar: r.espresso_bar, brew: r.brew, food: r.food, total: r.total }));
}

export type StaffingPlan = {
  /** Per local day from today, the hours still to come. */
  days: { date: string; hours: StoredHour[] }[];
  run: { at: Date; provider: string; output: SchedulerOutput } | null;
};

/** The plan a manager sees: the upcoming hours of today and the next 6 days, and the run that made it. */
export async function staffingPlan(db: Db, shopId: string, timezone: string, now = new Date()): Promise<StaffingPlan> {
  const today = localDate(now, timezone);
  const hourNow = `${localHour(now, timezone)}`;
  const [hours, run] = await Promise.all([
    storedHours(db, shopId, `${hourNow}`, addDays(today, 7)),
    db.agentRun.findFirst({ where: { shopId, agent: SCHEDULER_AGENT }, orderBy: { createdAt: "desc" }, select: { createdAt: true, provider: true, output: true } }),
  ]);
  const days = new Map<string, StoredHour[]>();
  for (const h of hours) days.set(h.hour.slice(0, 10), [...(days.get(h.hour.slice(0, 10)) ?? []), h]);
  return { days: [...days].map(([date, hs]) => ({ date, hours: hs })), run: run ? { at: run.createdAt, provider: run.provider, output: run.output as SchedulerOutput } : null };
}

export type AccuracyDay = { date: string; hours: number; forecast: number; actual: number; mape: number | null; naiveMape: number | null };
export type Accuracy = { days: AccuracyDay[]; mape: number | null; naiveMape: number | null; hours: number };

/**
 * Forecast against actual over the last `days` local days and today's finished hours: for each
 * hour that had a stored forecast, the forecast made before it, the actual orders, and the
 * seasonal-naive baseline (the same hour a week before) stored with it. MAPE by shop-hour.
 */
export async function forecastAccuracy(db: Db, shopId: string, timezone: string, now = new Date(), days = 7): Promise<Accuracy> {
  const today = localDate(now, timezone);
  const from = addDays(today, -days);
  const hourNow = localHour(now, timezone);
  const [stored, actuals] = await Promise.all([storedHours(db, shopId, from, hourNow), ordersPerHour(db, shopId, timezone, from, addDays(today, 1))]);
  const pairs = stored.map((h) => ({ date: h.hour.slice(0, 10), forecast: h.orders, naive: h.lastWeek, actual: actuals.get(h.hour) ?? 0 }));
  const byDay = new Map<string, typeof pairs>();
  for (const p of pairs) byDay.set(p.date, [...(byDay.get(p.date) ?? []), p]);
  return {
    days: [...byDay].map(([date, ps]) => ({
      date,
      hours: ps.length,
      forecast: ps.reduce((a, p) => a + p.forecast, 0),
      actual: ps.reduce((a, p) => a + p.actual, 0),
      mape: mape(ps),
      naiveMape: mape(ps.map((p) => ({ forecast: p.naive, actual: p.actual }))),
    })),
    mape: mape(pairs),
    naiveMape: mape(pairs.map((p) => ({ forecast: p.naive, actual: p.actual }))),
    hours: pairs.length,
  };
}
