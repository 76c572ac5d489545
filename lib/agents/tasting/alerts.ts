import { syncAlerts } from "@/lib/agents/core/alerts";
import type { Prisma } from "@/lib/db";

type Tx = Prisma.TransactionClient;

/** The tasting agent's name on its alerts (agent.ts has the same constant; not imported to keep this module free of the agent's dependencies). */
const AGENT = "tasting";

/** "Tasting: Winter Hazelnut Mocha, Fri 15:00 — give your score on the Tastings page". Pure. */
export function tastingAlertMessage(t: { name: string; scheduledAt: Date }, timezone: string): string {
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(t.scheduledAt);
  return `Tasting: ${t.name}, ${when} — give your score on the Tastings page`;
}

/**
 * One open info alert per open tasting of the shop (`tasting:<id>`), so the notifier puts it in
 * the bell of the shop's managers and baristas (forBaristas); a tasting that passes or fails
 * resolves its alert. Called wherever a tasting opens or closes, in that transaction.
 */
export async function syncTastingAlerts(tx: Tx, shopId: string, now: Date): Promise<void> {
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  const open = await tx.tasting.findMany({ where: { shopId, status: "OPEN" }, select: { id: true, name: true, scheduledAt: true, runId: true }, orderBy: { scheduledAt: "asc" } });
  const wanted = open.map((t) => ({ subject: `tasting:${t.id}`, severity: "info" as const, message: tastingAlertMessage(t, shop.timezone) }));
  await syncAlerts(tx, AGENT, shopId, wanted, open.at(-1)?.runId ?? null, now);
}
