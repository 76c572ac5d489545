import { z } from "zod";
import type { Prisma } from "@/lib/db";
import { addDays, daysBetween } from "@/lib/analytics/time";
import { specialDaysBetween } from "@/lib/shops/special-days";
import { USAGE_WINDOW_DAYS, type IngredientState } from "./cover";

/** What the scheduler's run output says of a coming special day (lib/agents/scheduler/calendar.ts, AppliedSpecialDay). */
const appliedDays = z.array(z.object({ date: z.string(), levelPct: z.number(), source: z.string() }).loose());

/**
 * The levels the scheduler learned for coming special days (date → % of a normal day), from its
 * latest successful run for the shop: it reads the orders of last year's day of the same name,
 * which the ledger here does not keep hourly. Only its next 7 days; beyond, the entered level.
 */
export async function learnedLevels(tx: Tx, shopId: string, today: string): Promise<Map<string, number>> {
  const run = await tx.agentRun.findFirst({ where: { agent: "scheduler", shopId, outcome: "OK" }, orderBy: { createdAt: "desc" }, select: { output: true } });
  const parsed = appliedDays.safeParse((run?.output as { specialDays?: unknown } | null)?.specialDays ?? []);
  if (!parsed.success) return new Map();
  return new Map(parsed.data.filter((d) => d.source === "learned" && d.date >= today).map((d) => [d.date, d.levelPct]));
}

type Tx = Prisma.TransactionClient;

export type Usage = Map<string, { used: number; usageDays: number; byWeekday?: { use: number[]; today: number }; dayLevels?: ReadonlyMap<number, number> }>;

/** How far ahead the calendar is read: beyond the longest lead time (60) plus order days (90). */
const CALENDAR_DAYS_AHEAD = 160;

/**
 * Net use per ingredient over the last 14 days from the stock ledger (reserved − released: what
 * orders took, collected or still waiting), and how many days of ledger the shop has (a new shop's
 * average is over its own days, not fourteen). Once an ingredient's ledger spans a full week of
 * whole local days, also its use by weekday (`weekdayProfile`). One scan of the ledger's last 15
 * local days, grouped by ingredient and local day.
 *
 * The shop's special days (its calendar): a past one in the window is left out of both averages
 * (its use, and its day: a closed Monday does not make Mondays quiet, a market Saturday does not
 * make them busy); the coming ones go with each ingredient as `dayLevels`, so the cover and the
 * order size expect their level (a closed day uses nothing) — the level the scheduler learned from
 * last year's day of the same name where it learned one (learnedLevels), else the entered one.
 */
export async function ledgerUsage(tx: Tx, shopId: string, now = new Date()): Promise<Usage> {
  const since = new Date(now.getTime() - USAGE_WINDOW_DAYS * 86_400_000);
  const rows = await tx.$queryRaw<{ ingredient_id: string; day: string; today: string; used: bigint; recent: bigint | null; first_at: Date | null }[]>`
    WITH shop AS (
      SELECT timezone, (${now}::timestamptz AT TIME ZONE timezone)::date AS today FROM shops WHERE id = ${shopId}::uuid
    )
    SELECT m.ingredient_id, to_char(m.created_at AT TIME ZONE shop.timezone, 'YYYY-MM-DD') AS day, to_char(shop.today, 'YYYY-MM-DD') AS today,
      coalesce(sum(CASE m.kind WHEN 'RESERVE' THEN m.quantity WHEN 'RELEASE' THEN -m.quantity ELSE 0 END), 0)::bigint AS used,
      sum(CASE m.kind WHEN 'RESERVE' THEN m.quantity WHEN 'RELEASE' THEN -m.quantity ELSE 0 END) FILTER (WHERE m.created_at >= ${since})::bigint AS recent,
      min(m.created_at) FILTER (WHERE m.created_at >= ${since}) AS first_at
    FROM stock_movements m, shop
    WHERE m.shop_id = ${shopId}::uuid
      AND m.created_at >= least(${since}::timestamptz, ((shop.today - ${USAGE_WINDOW_DAYS + 1}::int)::timestamp AT TIME ZONE shop.timezone))
    GROUP BY 1, 2, 3`;
  const byIngredient = new Map<string, typeof rows>();
  for (const r of rows) byIngredient.set(r.ingredient_id, [...(byIngredient.get(r.ingredient_id) ?? []), r]);
  const usage: Usage = new Map();
  if (rows.length === 0) return usage;
  const today = rows[0]!.today;
  const special = await specialDaysBetween(tx, shopId, addDays(today, -(USAGE_WINDOW_DAYS + 1)), addDays(today, CALENDAR_DAYS_AHEAD));
  const excluded = new Set(special.filter((d) => d.date < today).map((d) => d.date));
  const learned = await learnedLevels(tx, shopId, today);
  const dayLevels = new Map(special.filter((d) => d.date >= today).map((d) => [daysBetween(today, d.date), d.closed ? 0 : (learned.get(d.date) ?? d.levelPct ?? 100) / 100]));
  for (const [ingredientId, days] of byIngredient) {
    const recent = days.filter((d) => d.first_at !== null);
    if (recent.length === 0) continue; // used only before the 14 days: no recent use
    const firstAt = Math.min(...recent.map((d) => d.first_at!.getTime()));
    const firstRecentDay = recent.map((d) => d.day).sort()[0]!;
    const byWeekday = weekdayProfile(days.map((d) => ({ day: d.day, used: Number(d.used) })), today, days.map((d) => d.day).sort()[0]!, excluded);
    // The plain average leaves special days out too: their use, and one day each from the days counted.
    const ordinary = recent.filter((d) => !excluded.has(d.day));
    const skippedDays = [...excluded].filter((d) => d >= firstRecentDay && d < today).length;
    usage.set(ingredientId, {
      used: Math.max(0, ordinary.reduce((sum, d) => sum + Number(d.recent ?? 0), 0)),
      usageDays: Math.max(1, Math.min(USAGE_WINDOW_DAYS, Math.max(1, (now.getTime() - firstAt) / 86_400_000)) - skippedDays),
      ...(byWeekday ? { byWeekday } : {}),
      ...(dayLevels.size > 0 ? { dayLevels } : {}),
    });
  }
  return usage;
}

const DAY_MS = 86_400_000;
/** Monday = 0 … Sunday = 6, of a "YYYY-MM-DD" local date. */
const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * Pure: an ingredient's expected use per weekday from its use per local day. The window is the
 * 14 whole days before today (today, still under way, is left out), starting no earlier than the
 * ingredient's first day in the ledger; a weekday counts every one of its dates in the window (a
 * day with no use counts as zero). Null while the window holds less than 7 days: not every
 * weekday has been seen. Special days (`excluded`) count neither their use nor themselves; a
 * weekday whose every date in the window was special gets the mean of the ordinary days.
 */
export function weekdayProfile(days: readonly { day: string; used: number }[], today: string, firstDay: string, excluded: ReadonlySet<string> = new Set()): { use: number[]; today: number } | null {
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = Math.max(end - USAGE_WINDOW_DAYS * DAY_MS, Date.parse(`${firstDay}T00:00:00Z`));
  const span = Math.round((end - start) / DAY_MS);
  if (span < 7) return null;
  const total = [0, 0, 0, 0, 0, 0, 0];
  const seen = [0, 0, 0, 0, 0, 0, 0];
  const isOrdinary = (t: number) => !excluded.has(new Date(t).toISOString().slice(0, 10));
  for (let t = start; t < end; t += DAY_MS) if (isOrdinary(t)) seen[(new Date(t).getUTCDay() + 6) % 7]! += 1;
  for (const d of days) {
    const t = Date.parse(`${d.day}T00:00:00Z`);
    if (t >= start && t < end && isOrdinary(t)) total[weekdayOf(d.day)]! += Math.max(0, d.used);
  }
  const ordinaryDays = seen.reduce((a, b) => a + b, 0);
  const mean = ordinaryDays > 0 ? total.reduce((a, b) => a + b, 0) / ordinaryDays : 0;
  return { use: total.map((u, i) => (seen[i]! > 0 ? u / seen[i]! : mean)), today: weekdayOf(today) };
}

/** Every stocked ingredient of the shop with its supplier settings and the smallest amount a recipe takes of it. */
export async function loadShopStock(tx: Tx, shopId: string, usage: Usage): Promise<IngredientState[]> {
  // One after the other: a transaction's queries share one connection (pg refuses overlapping ones from v9).
  const stock = await tx.stock.findMany({ where: { shopId }, include: { ingredient: true }, orderBy: { ingredient: { name: "asc" } } });
  const suppliers = await tx.shopSupplier.findMany({ where: { shopId } });
  const smallest = await tx.$queryRaw<{ ingredient_id: string; smallest: number }[]>`
    SELECT r.ingredient_id, min(r.quantity)::int AS smallest FROM recipe_lines r
    JOIN shop_products sp ON sp.product_id = r.product_id AND sp.shop_id = ${shopId}::uuid
    GROUP BY r.ingredient_id`;
  const supplierOf = new Map(suppliers.map((s) => [s.ingredientId, s]));
  const smallestOf = new Map(smallest.map((r) => [r.ingredient_id, r.smallest]));
  return stock.map((s) => {
    const sup = supplierOf.get(s.ingredientId);
    const use = usage.get(s.ingredientId) ?? { used: 0, usageDays: 1 };
    return {
      ingredientId: s.ingredientId,
      slug: s.ingredient.slug,
      name: s.ingredient.name,
      unit: s.ingredient.unit,
      onHand: s.onHand,
      reserved: s.reserved,
      reorderLevel: s.reorderLevel,
      used: use.used,
      usageDays: use.usageDays,
      ...(use.byWeekday ? { byWeekday: use.byWeekday } : {}),
      ...(use.dayLevels ? { dayLevels: use.dayLevels } : {}),
      smallestUse: smallestOf.get(s.ingredientId) ?? null,
      supplier: sup ? { name: sup.supplierName, leadTimeDays: sup.leadTimeDays, packSize: sup.packSize, orderDays: sup.orderDays } : null,
    };
  });
}

/** What a stock-out takes off the menu: products whose base recipe needs it, and options that add it. */
export async function affectedMenuItems(tx: Tx, shopId: string, ingredientIds: string[]): Promise<Map<string, string[]>> {
  if (ingredientIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ ingredient_id: string; label: string }[]>`
    SELECT DISTINCT r.ingredient_id, CASE WHEN o.id IS NULL THEN p.name ELSE o.name || ' (option)' END AS label
    FROM recipe_lines r
    JOIN shop_products sp ON sp.product_id = r.product_id AND sp.shop_id = ${shopId}::uuid
    JOIN products p ON p.id = r.product_id
    LEFT JOIN options o ON o.id = r.option_id
    WHERE r.ingredient_id = ANY(${ingredientIds}::uuid[])
    ORDER BY 2`;
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.ingredient_id, [...(out.get(r.ingredient_id) ?? []), r.label]);
  return out;
}

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/**
 * Net use of one ingredient per weekday (the shop's local days) over the last 14 days from the
 * stock ledger, as `ledgerUsage` counts it: what a model may look up before sizing an order (a
 * Saturday rush the plain average hides).
 */
export async function weekdayUsage(tx: Tx, shopId: string, ingredientId: string, now = new Date()): Promise<Record<(typeof WEEKDAYS)[number], number>> {
  const since = new Date(now.getTime() - USAGE_WINDOW_DAYS * 86_400_000);
  const rows = await tx.$queryRaw<{ dow: number; used: bigint }[]>`
    SELECT extract(isodow FROM m.created_at AT TIME ZONE s.timezone)::int AS dow,
      coalesce(sum(CASE m.kind WHEN 'RESERVE' THEN m.quantity WHEN 'RELEASE' THEN -m.quantity ELSE 0 END), 0)::bigint AS used
    FROM stock_movements m JOIN shops s ON s.id = m.shop_id
    WHERE m.shop_id = ${shopId}::uuid AND m.ingredient_id = ${ingredientId}::uuid AND m.created_at >= ${since} AND m.created_at <= ${now}
    GROUP BY 1`;
  const out = Object.fromEntries(WEEKDAYS.map((d) => [d, 0])) as Record<(typeof WEEKDAYS)[number], number>;
  for (const r of rows) out[WEEKDAYS[r.dow - 1]!] = Math.max(0, Number(r.used));
  return out;
}
