import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { addDays, localDate } from "@/lib/analytics/time";
import type { Db, Prisma } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import type { SpecialDay } from "@/lib/agents/scheduler/calendar";

/**
 * A shop's calendar of special days, kept by its managers on the Staffing plan screen: a date, a
 * name, and either closed or an expected level as a percentage of a normal day (40 % for a quiet
 * holiday, 180 % for a street market). One per shop and date. Adding and removing are audited and
 * announced (inventory.calendar_changed, so the stock agents re-assess the shop at once). The
 * scheduler and the inventory agent read it (lib/agents/scheduler/calendar.ts).
 */

type Tx = Prisma.TransactionClient;

/** Days further back than this teach nothing the agents read (last year's holiday is ~365 days back). */
const MAX_DAYS_BACK = 800;
const MAX_DAYS_AHEAD = 800;
export const MAX_LEVEL_PCT = 1000;

const dateText = z
  .string({ error: "Enter a date." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-12-25.")
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // the pattern's message says it
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, "That date does not exist.");

export const specialDaySchema = z
  .object({
    date: dateText,
    name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name, like Thanksgiving or Street market.").max(60, "The name is limited to 60 characters."),
    kind: z.enum(["closed", "level"], { error: "Choose closed, or an expected level." }),
    /** Required for "level": the expected trade as a percentage of a normal day. */
    levelPct: z
      .number({ error: "Enter the expected level as a percentage." })
      .int("Enter a whole percentage.")
      .min(1, "At least 1 % (a day with no trade is closed).")
      .max(MAX_LEVEL_PCT, `At most ${MAX_LEVEL_PCT} %.`)
      .nullable()
      .default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "level" && v.levelPct === null) ctx.addIssue({ code: "custom", path: ["levelPct"], message: "Enter the expected level as a percentage of a normal day." });
  });

export type SpecialDayInput = z.input<typeof specialDaySchema>;
export type SpecialDayRow = SpecialDay & { id: string };

const removeSchema = z.object({ id: z.uuid({ error: "Choose a special day." }) });

const toDay = (r: { id: string; date: Date; name: string; closed: boolean; levelPct: number | null }): SpecialDayRow => ({
  id: r.id,
  date: r.date.toISOString().slice(0, 10),
  name: r.name,
  closed: r.closed,
  levelPct: r.closed ? null : r.levelPct,
});

/** The shop's special days between two local dates (from inclusive, to exclusive), by date. */
export async function specialDaysBetween(tx: Tx, shopId: string, from: string, to: string): Promise<SpecialDayRow[]> {
  const rows = await tx.shopSpecialDay.findMany({
    where: { shopId, date: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(`${to}T00:00:00Z`) } },
    orderBy: { date: "asc" },
    select: { id: true, date: true, name: true, closed: true, levelPct: true },
  });
  return rows.map(toDay);
}

/** The screen's list: every special day from a year and a bit ago onwards (last year's holidays are what levels are learned from). */
export async function shopSpecialDays(db: Db, shopId: string, today: string): Promise<SpecialDayRow[]> {
  return specialDaysBetween(db, shopId, addDays(today, -MAX_DAYS_BACK), addDays(today, MAX_DAYS_AHEAD + 1));
}

export async function addSpecialDay(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<SpecialDayRow> {
  const parsed = specialDaySchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const v = parsed.data;
  return db.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
    const today = localDate(now, shop.timezone);
    if (v.date < addDays(today, -MAX_DAYS_BACK) || v.date > addDays(today, MAX_DAYS_AHEAD)) {
      throw new DomainError("invalid", "Choose a date within about two years of today.", [{ path: "date", message: "Choose a date within about two years of today." }]);
    }
    const existing = await tx.shopSpecialDay.findUnique({ where: { shopId_date: { shopId, date: new Date(`${v.date}T00:00:00Z`) } }, select: { name: true } });
    if (existing) {
      const message = `${v.date} is already marked (${existing.name}): remove it first to change it.`;
      throw new DomainError("conflict", message, [{ path: "date", message }]);
    }
    const row = await tx.shopSpecialDay.create({
      data: { shopId, date: new Date(`${v.date}T00:00:00Z`), name: v.name, closed: v.kind === "closed", levelPct: v.kind === "closed" ? null : v.levelPct, createdById: actor.id },
      select: { id: true, date: true, name: true, closed: true, levelPct: true },
    });
    const day = toDay(row);
    await recordAudit(tx, {
      shopId,
      actor,
      action: "shop.special_day.added",
      target: `special_day:${day.id}`,
      summary: `Special day ${day.date} added: ${day.name}, ${day.closed ? "closed" : `${day.levelPct} % of a normal day`}`,
      before: null,
      after: { date: day.date, name: day.name, closed: day.closed, levelPct: day.levelPct },
    });
    await enqueueEvents(tx, [createEvent("inventory.calendar_changed", shopId, { shopId, date: day.date, change: "added" }, now)]);
    return day;
  });
}

export async function removeSpecialDay(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<SpecialDayRow> {
  const parsed = removeSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return db.$transaction(async (tx) => {
    const row = await tx.shopSpecialDay.findFirst({ where: { id: parsed.data.id, shopId }, select: { id: true, date: true, name: true, closed: true, levelPct: true } });
    if (!row) throw new DomainError("not_found", "This shop has no such special day (already removed?).");
    await tx.shopSpecialDay.delete({ where: { id: row.id } });
    const day = toDay(row);
    await recordAudit(tx, {
      shopId,
      actor,
      action: "shop.special_day.removed",
      target: `special_day:${day.id}`,
      summary: `Special day ${day.date} removed: ${day.name}`,
      before: { date: day.date, name: day.name, closed: day.closed, levelPct: day.levelPct },
      after: null,
    });
    await enqueueEvents(tx, [createEvent("inventory.calendar_changed", shopId, { shopId, date: day.date, change: "removed" }, now)]);
    return day;
  });
}
