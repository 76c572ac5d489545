import { syncAlerts } from "@/lib/agents/core/alerts";
import type { Db, Prisma } from "@/lib/db";
import { shopDayTime, shopTime } from "@/lib/shops/local-time";

type Tx = Prisma.TransactionClient;

/** The tasting agent's name on its alerts (agent.ts has the same constant; not imported to keep this module free of the agent's dependencies). */
const AGENT = "tasting";

/** "Tasting: Winter Hazelnut Mocha, Fri 15:00 — give your score on the Tastings page". Pure. */
export function tastingAlertMessage(t: { name: string; scheduledAt: Date }, timezone: string): string {
  return `Tasting: ${t.name}, ${shopDayTime(t.scheduledAt, timezone)} — give your score on the Tastings page`;
}

/** A tasting's reminder goes out this long before it starts. */
export const TASTING_REMINDER_MS = 60 * 60_000;

/** "Tasting in under an hour: Winter Hazelnut Mocha at 15:00 — …". Pure. */
export function tastingReminderMessage(t: { name: string; scheduledAt: Date }, timezone: string): string {
  return `Tasting soon: ${t.name} at ${shopTime(t.scheduledAt, timezone)} — taste it with the team and give your score on the Tastings page`;
}

/**
 * One open info alert per open tasting of the shop (`tasting:<id>`), so the notifier puts it in
 * the bell of the shop's managers and baristas (forBaristas); from TASTING_REMINDER_MS before its
 * start, a warning beside it (`tasting-soon:<id>`): warnings are what the notifier mails (managers)
 * and sends to linked Telegram chats (managers, and baristas for the bar's alerts), so that is the
 * reminder. A tasting that passes or fails resolves both. Called wherever a tasting opens or
 * closes, in that transaction, and by the tasting agent's clock (syncDueTastingAlerts).
 */
export async function syncTastingAlerts(tx: Tx, shopId: string, now: Date): Promise<void> {
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  const open = await tx.tasting.findMany({ where: { shopId, status: "OPEN" }, select: { id: true, name: true, scheduledAt: true, runId: true }, orderBy: { scheduledAt: "asc" } });
  const wanted = open.flatMap((t) => [
    { subject: `tasting:${t.id}`, severity: "info" as const, message: tastingAlertMessage(t, shop.timezone) },
    ...(t.scheduledAt.getTime() - now.getTime() <= TASTING_REMINDER_MS ? [{ subject: `tasting-soon:${t.id}`, severity: "warning" as const, message: tastingReminderMessage(t, shop.timezone) }] : []),
  ]);
  await syncAlerts(tx, AGENT, shopId, wanted, open.at(-1)?.runId ?? null, now);
}

/**
 * The clock's pass: each shop with an open tasting that is due a reminder and has none yet gets
 * its alerts synced (one transaction per shop; an unchanged set writes nothing). Returns the shops synced.
 */
export async function syncDueTastingAlerts(db: Db, now = new Date(), opts: { /** Only these shops (a test's own shop). */ shopIds?: string[] } = {}): Promise<number> {
  const due = await db.$queryRaw<{ shop_id: string }[]>`
    SELECT DISTINCT t.shop_id FROM tastings t
    WHERE t.status = 'OPEN' AND t.scheduled_at <= ${new Date(now.getTime() + TASTING_REMINDER_MS)}
      AND (${opts.shopIds ?? null}::uuid[] IS NULL OR t.shop_id = ANY(${opts.shopIds ?? null}::uuid[]))
      AND NOT EXISTS (SELECT 1 FROM agent_alerts a WHERE a.agent = ${AGENT} AND a.shop_id = t.shop_id AND a.subject = 'tasting-soon:' || t.id::text AND a.resolved_at IS NULL)`;
  for (const { shop_id } of due) await db.$transaction((tx) => syncTastingAlerts(tx, shop_id, now));
  return due.length;
}
