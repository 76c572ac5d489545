import type { Db } from "@/lib/db";
import { addDays, localDate, localHour } from "@/lib/analytics/time";
import type { AgentModel } from "../core/provider";
import { recordRun } from "../core/runs";
import { specialDaysBetween } from "@/lib/shops/special-days";
import { applyCalendar, learnFrom, previousOfSameName, type AppliedSpecialDay, type LearnedFrom, type SpecialDay } from "./calendar";
import { explainPlan, PROMPT_VERSION, type PlanFacts } from "./explain";
import { forecastWeek, WEEKS, type HourForecast } from "./forecast";
import { catalogWorkTimes, openDuring, staffFor, workTimes, type Staffing, type WorkTimes } from "./staffing";
import { madeOrders, openingHours, ordersPerHour } from "./state";

export const SCHEDULER_AGENT = "scheduler";

export type SchedulerDeps = { model: AgentModel; now?: () => Date };

export type PlannedHour = HourForecast & { open: boolean; staff: Staffing };

/** What the run recorded (agent_runs.output); the staffing page reads its assumptions from here. */
export type SchedulerOutput = {
  madeOn: string;
  hoursWritten: number;
  weekTotal: number;
  lastWeekTotal: number;
  explanation: string;
  /** "rules" or the provider that wrote the explanation (never the numbers). */
  explainedBy: string;
  workSecondsPerOrder: WorkTimes["perOrder"];
  workSource: WorkTimes["source"];
  measuredOrders: number;
  /** The coming special days of the shop's calendar and the level each was forecast at (absent on runs before the calendar existed). */
  specialDays?: AppliedSpecialDay[];
};

export type SchedulerRun = { runId: string; madeOn: string; hours: PlannedHour[]; written: number; output: SchedulerOutput };

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function planFacts(hours: readonly PlannedHour[], workSource: WorkTimes["source"], specialDays: readonly AppliedSpecialDay[] = []): PlanFacts {
  const special = new Map(specialDays.map((d) => [d.date, d]));
  const byDay = new Map<string, PlannedHour[]>();
  for (const h of hours) byDay.set(h.hour.slice(0, 10), [...(byDay.get(h.hour.slice(0, 10)) ?? []), h]);
  return {
    weekTotal: Math.round(hours.reduce((a, h) => a + h.orders, 0)),
    lastWeekTotal: hours.reduce((a, h) => a + h.lastWeek, 0),
    days: [...byDay].map(([date, hs]) => {
      const peak = hs.reduce((best, h) => (h.orders > best.orders ? h : best), hs[0]!);
      const s = special.get(date);
      return {
        label: WEEKDAYS[weekdayOf(date)]!,
        orders: Math.round(hs.reduce((a, h) => a + h.orders, 0)),
        peakHour: Number(peak.hour.slice(11, 13)),
        peakOrders: Math.round(peak.orders),
        maxStaff: Math.max(...hs.map((h) => h.staff.total)),
        ...(s ? { special: { name: s.name, closed: s.closed, levelPct: s.levelPct, source: s.source } } : {}),
      };
    }),
    workSource,
  };
}

/**
 * One run for one shop: forecasts orders per hour for today and the next 6 days from the last
 * WEEKS weeks of orders, turns them into baristas per station from the measured work times, and
 * stores the hours that have not started yet under today's local date, replacing what an earlier
 * run of the same day stored for them (hours already begun keep the forecast made before them).
 * A configured model may add the explanation text, validated; the numbers never come from it.
 */
export async function runScheduler(db: Db, deps: SchedulerDeps, shopId: string, triggerEventId: string | null = null): Promise<SchedulerRun> {
  const now = deps.now?.() ?? new Date();
  const started = performance.now();
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  const madeOn = localDate(now, shop.timezone);
  const hourNow = localHour(now, shop.timezone);

  const [history, made, intervals, days] = await Promise.all([
    ordersPerHour(db, shopId, shop.timezone, addDays(madeOn, -7 * WEEKS), madeOn),
    madeOrders(db, shopId, new Date(now.getTime() - 7 * WEEKS * 86_400_000)),
    openingHours(db, shopId),
    // Back far enough for last year's day and the special days of the weeks before it (left out of what it is compared with).
    specialDaysBetween(db, shopId, addDays(madeOn, -LEARN_DAYS_BACK - 7 * WEEKS), addDays(madeOn, 7)),
  ]);
  const learned = await learnedLevels(db, shopId, shop.timezone, days, madeOn);
  const { calendar, applied } = applyCalendar(days, madeOn, (past) => learned.get(past.date) ?? null);
  const closed = new Set(applied.filter((d) => d.closed).map((d) => d.date));
  const work = workTimes(made, catalogWorkTimes(made));
  const hours: PlannedHour[] = forecastWeek(history, madeOn, calendar).map((f) => {
    // A day the shop is closed: no orders and nobody planned, whatever its opening hours say.
    const open = !closed.has(f.hour.slice(0, 10)) && openDuring(intervals, weekdayOf(f.hour.slice(0, 10)), Number(f.hour.slice(11, 13)));
    return { ...f, open, staff: staffFor(f.orders, work.perOrder, open) };
  });
  const facts = planFacts(hours, work.source, applied);
  // The model call (if any) happens before the write transaction: a slow model holds no lock.
  const decision = await explainPlan(deps.model, facts);
  const future = hours.filter((h) => h.hour > hourNow);

  const output: SchedulerOutput = {
    madeOn,
    hoursWritten: future.length,
    weekTotal: facts.weekTotal,
    lastWeekTotal: facts.lastWeekTotal,
    explanation: decision.output.explanation,
    explainedBy: decision.outcome === "OK" ? decision.provider : "rules",
    workSecondsPerOrder: work.perOrder,
    workSource: work.source,
    measuredOrders: work.orders,
    specialDays: applied,
  };
  const runId = await db.$transaction(async (tx) => {
    // Two runs for one shop at once (a restart during a run) write one after the other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.scheduler'), hashtext(${shopId}))`;
    const runId = await recordRun(
      tx,
      {
        agent: SCHEDULER_AGENT,
        shopId,
        triggerEventId,
        inputsSummary: `${history.size} hours with orders over the last ${WEEKS} weeks; ${days.filter((d) => d.date < madeOn).length} past and ${applied.length} coming special days; work per order ${work.source} (${work.orders} orders measured); forecast made on ${madeOn} for ${future.length} hours`,
        promptVersion: PROMPT_VERSION,
        latencyMs: Math.round(performance.now() - started),
      },
      decision,
      output,
    );
    await tx.$executeRaw`DELETE FROM scheduler_forecasts WHERE shop_id = ${shopId}::uuid AND made_on = ${madeOn}::date AND hour > ${hourNow}::timestamp`;
    const rows = future.map((h) => ({ hour: h.hour, orders: h.orders, last_week: h.lastWeek, espresso_bar: h.staff.ESPRESSO_BAR, brew: h.staff.BREW, food: h.staff.FOOD, total: h.staff.total }));
    await tx.$executeRaw`
      INSERT INTO scheduler_forecasts (shop_id, made_on, hour, orders, last_week, espresso_bar, brew, food, total, run_id, made_at)
      SELECT ${shopId}::uuid, ${madeOn}::date, hour, orders, last_week, espresso_bar, brew, food, total, ${runId}::uuid, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS t(hour timestamp, orders float8, last_week int, espresso_bar int, brew int, food int, total int)`;
    return runId;
    // Prisma's 5 s default expired once under bench load (waiting for the lock behind another run of the shop).
  }, { timeout: 30_000 });
  return { runId, madeOn, hours, written: future.length, output };
}

/** How far back a special day of the same name is looked for (last year's, with a margin). */
const LEARN_DAYS_BACK = 400;

/**
 * For each coming special day (not closed) the last past day of the same name, and what it sold
 * against its ordinary pattern: its own orders and the WEEKS weeks before it (one read each).
 */
async function learnedLevels(db: Db, shopId: string, timezone: string, days: readonly SpecialDay[], madeOn: string): Promise<Map<string, LearnedFrom>> {
  const coming = days.filter((d) => d.date >= madeOn && !d.closed);
  const pasts = new Map<string, SpecialDay>();
  for (const d of coming) {
    const past = previousOfSameName(days, d);
    if (past) pasts.set(past.date, past);
  }
  const out = new Map<string, LearnedFrom>();
  for (const past of pasts.values()) {
    if (past.date < addDays(madeOn, -LEARN_DAYS_BACK)) continue; // too long ago: the entered level stands
    const history = await ordersPerHour(db, shopId, timezone, addDays(past.date, -7 * WEEKS), addDays(past.date, 1));
    const learned = learnFrom(history, past, days);
    if (learned) out.set(past.date, learned);
  }
  return out;
}

/**
 * The daily trigger: runs every active shop whose local date has moved on since its last run in
 * this process (all of them at start-up). Returns how many shops ran.
 */
export async function runDueShops(db: Db, deps: SchedulerDeps, lastRun: Map<string, string>, onError: (shopId: string, err: unknown) => void): Promise<number> {
  const now = deps.now?.() ?? new Date();
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true, timezone: true } });
  let ran = 0;
  for (const shop of shops) {
    const today = localDate(now, shop.timezone);
    if (lastRun.get(shop.id) === today) continue;
    try {
      await runScheduler(db, deps, shop.id);
      lastRun.set(shop.id, today);
      ran++;
    } catch (err) {
      onError(shop.id, err);
    }
  }
  return ran;
}
