import { z } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db, Prisma } from "@/lib/db";
import type { OpeningInterval } from "./hours";

/**
 * A shop's settings as its manager edits them: opening hours, tax rate, where crypto payments go
 * and how many confirmations they need, the crypto fast-lane limit, the baseline prep time and the
 * margin new drinks are priced at.
 * One interval per weekday (or closed); a closing time at or before the opening time runs past
 * midnight, and 00:00–00:00 means open around the clock.
 */

export type DayHours = { weekday: number; closed: boolean; opens: string; closes: string };

export type ShopSettings = {
  taxRateBps: number;
  receivingWallet: string | null;
  requiredConfirmations: number;
  fastLaneMaxCents: number;
  basePrepMinutes: number;
  /** The gross margin the beverage inventor prices new drinks at (basis points: 7000 = 70 %). */
  targetMarginBps: number;
  hours: DayHours[];
};

const MINUTES_PER_DAY = 1440;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 07:30.");

export const settingsSchema = z.object({
  taxRateBps: z.number({ error: "Enter a tax rate." }).int().min(0, "The tax rate cannot be negative.").max(2500, "The tax rate must be at most 25%."),
  receivingWallet: z
    .string()
    .trim()
    .regex(/^0x[0-9a-fA-F]{40}$/, "Enter an address like 0x… with 40 hexadecimal characters.")
    .nullable(),
  requiredConfirmations: z.number({ error: "Enter a number of confirmations." }).int().min(1, "At least 1 confirmation.").max(64, "At most 64 confirmations."),
  fastLaneMaxCents: z.number({ error: "Enter an amount." }).int().min(0, "The amount cannot be negative.").max(100_00, "At most $100.00."),
  basePrepMinutes: z.number({ error: "Enter minutes." }).int().min(1, "At least 1 minute.").max(60, "At most 60 minutes."),
  targetMarginBps: z.number({ error: "Enter a margin." }).int().min(0, "The margin cannot be negative.").max(9500, "The margin must be at most 95%."),
  hours: z
    .array(z.object({ weekday: z.number().int().min(0).max(6), closed: z.boolean(), opens: time, closes: time }))
    .length(7, "Give the hours for all seven days.")
    .refine((days) => new Set(days.map((d) => d.weekday)).size === 7, "Each weekday once."),
});

const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minute: number) => `${String(Math.floor((minute % MINUTES_PER_DAY) / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** Opening intervals from the form's days (pure). */
export function intervalsFromDays(days: readonly DayHours[]): OpeningInterval[] {
  return days
    .filter((d) => !d.closed)
    .map((d) => {
      const opens = toMinute(d.opens);
      const closes = toMinute(d.closes);
      return { weekday: d.weekday, opensMinute: opens, closesMinute: closes <= opens ? closes + MINUTES_PER_DAY : closes };
    })
    .sort((a, b) => a.weekday - b.weekday);
}

/** The form's days from stored intervals (the first interval of a day with several). */
export function daysFromIntervals(intervals: readonly OpeningInterval[]): DayHours[] {
  return [0, 1, 2, 3, 4, 5, 6].map((weekday) => {
    const first = intervals.filter((i) => i.weekday === weekday).sort((a, b) => a.opensMinute - b.opensMinute)[0];
    return first ? { weekday, closed: false, opens: toHhmm(first.opensMinute), closes: toHhmm(first.closesMinute) } : { weekday, closed: true, opens: "07:00", closes: "19:00" };
  });
}

export async function getShopSettings(db: Db, shopId: string): Promise<ShopSettings> {
  const shop = await db.shop.findUnique({ where: { id: shopId }, include: { hours: true } });
  if (!shop) throw new DomainError("not_found", "There is no such shop.");
  return {
    taxRateBps: shop.taxRateBps,
    receivingWallet: shop.receivingWallet,
    requiredConfirmations: shop.requiredConfirmations,
    fastLaneMaxCents: shop.fastLaneMaxCents,
    basePrepMinutes: shop.basePrepMinutes,
    targetMarginBps: shop.targetMarginBps,
    hours: daysFromIntervals(shop.hours),
  };
}

export async function updateShopSettings(db: Db, actor: AuditActor, shopId: string, raw: unknown): Promise<ShopSettings> {
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const next = { ...parsed.data, receivingWallet: parsed.data.receivingWallet || null };
  const before = await getShopSettings(db, shopId);
  const changed = changedFields(before, next);
  if (changed.length === 0) return before;

  await db.$transaction(async (tx) => {
    await tx.shop.update({
      where: { id: shopId },
      data: { taxRateBps: next.taxRateBps, receivingWallet: next.receivingWallet, requiredConfirmations: next.requiredConfirmations, fastLaneMaxCents: next.fastLaneMaxCents, basePrepMinutes: next.basePrepMinutes, targetMarginBps: next.targetMarginBps },
    });
    if (changed.includes("hours")) {
      await tx.shopHours.deleteMany({ where: { shopId } });
      await tx.shopHours.createMany({ data: intervalsFromDays(next.hours).map((i) => ({ shopId, ...i })) });
    }
    await recordAudit(tx, {
      shopId,
      actor,
      action: "shop.settings.updated",
      target: `shop:${shopId}`,
      summary: `Settings changed: ${changed.map((f) => LABELS[f]).join(", ")}`,
      before: pick(before, changed),
      after: pick({ ...next, hours: daysFromIntervals(intervalsFromDays(next.hours)) }, changed),
    });
  });
  return getShopSettings(db, shopId);
}

const LABELS: Record<keyof ShopSettings, string> = {
  taxRateBps: "tax rate",
  receivingWallet: "receiving wallet",
  requiredConfirmations: "required confirmations",
  fastLaneMaxCents: "fast-lane limit",
  basePrepMinutes: "base prep time",
  targetMarginBps: "target margin for new drinks",
  hours: "opening hours",
};

function changedFields(before: ShopSettings, after: ShopSettings): (keyof ShopSettings)[] {
  const keys = Object.keys(LABELS) as (keyof ShopSettings)[];
  // Hours compare as stored intervals: "closed" days with different placeholder times are equal.
  // Addresses compare without their checksum casing.
  const norm = (s: ShopSettings, k: keyof ShopSettings) => JSON.stringify(k === "hours" ? intervalsFromDays(s.hours) : k === "receivingWallet" ? s[k]?.toLowerCase() : s[k]);
  return keys.filter((k) => norm(before, k) !== norm(after, k));
}

function pick(settings: ShopSettings, fields: (keyof ShopSettings)[]): Prisma.InputJsonObject {
  return Object.fromEntries(fields.map((f) => [f, settings[f]])) as Prisma.InputJsonObject;
}
