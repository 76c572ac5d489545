import { z } from "zod";
import { syncAlerts, type WantedAlert } from "@/lib/agents/core/alerts";
import type { Db, Prisma } from "@/lib/db";
import { dueLabel } from "./due-label";
import { OPEN_STATUSES, TASKS_AGENT } from "./rules";

type Tx = Prisma.TransactionClient;

const PREFIX = "overdue:";

/** An overdue task's alert subject: one per task. */
export const overdueSubject = (taskId: string) => `${PREFIX}${taskId}`;

/** The task an overdue alert is about, or null for any other subject. Pure. */
export function overdueTaskId(subject: string): string | null {
  const id = subject.startsWith(PREFIX) ? subject.slice(PREFIX.length) : "";
  return z.uuid().safeParse(id).success ? id : null;
}

/**
 * Who an overdue task's alert is for beyond the shop's managers: the task's owner, whatever their
 * role (a barista's task is theirs to do), while they work at the shop. Empty for other alerts.
 */
export async function overdueTaskOwners(tx: Tx, alert: { shopId: string; subject: string }): Promise<string[]> {
  const taskId = overdueTaskId(alert.subject);
  if (!taskId) return [];
  const task = await tx.agentTask.findFirst({ where: { id: taskId, shopId: alert.shopId }, select: { ownerId: true } });
  return task?.ownerId ? [task.ownerId] : [];
}

/** "Task overdue: Receive the delivery from Bean Co: 6 kg beans — due Fri 15:00, owner Ana Barista". Pure. */
export function overdueTaskMessage(t: { title: string; dueAt: Date; ownerName: string | null }, timezone: string): string {
  const due = dueLabel(t.dueAt, timezone);
  return `Task overdue: ${t.title} — due ${due}, ${t.ownerName ? `owner ${t.ownerName}` : "no owner yet"}`;
}

/**
 * One open warning per open task of the shop past its due time (`overdue:<task id>`): warnings
 * reach the shop's managers in their bell, by mail, on Telegram and Slack (the notifier), which is
 * the reminder; the task manager makes no task of it (rules.ts). A task done, cancelled or given a
 * later due date resolves its alert. Called by the task manager's clock (syncOverdueTaskAlertsDue)
 * and wherever a person changes a task (manage.ts), in that transaction.
 */
export async function syncOverdueTaskAlerts(tx: Tx, shopId: string, now: Date): Promise<{ raised: WantedAlert[]; resolved: string[] }> {
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  const overdue = await tx.agentTask.findMany({
    where: { shopId, status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } },
    select: { id: true, title: true, dueAt: true, owner: { select: { name: true, email: true } } },
    orderBy: { dueAt: "asc" },
  });
  const wanted = overdue.map((t) => ({ subject: overdueSubject(t.id), severity: "warning" as const, message: overdueTaskMessage({ title: t.title, dueAt: t.dueAt, ownerName: t.owner ? t.owner.name || t.owner.email : null }, shop.timezone) }));
  return syncAlerts(tx, TASKS_AGENT, shopId, wanted, null, now);
}

/**
 * The clock's pass: every shop with an overdue open task that has no alert yet, or with an open
 * overdue alert whose task is no longer overdue, is synced (one transaction per shop). Returns the
 * shops synced; a quiet pass is one read.
 */
export async function syncOverdueTaskAlertsDue(db: Db, now = new Date(), opts: { /** Only these shops (a test's own shop). */ shopIds?: string[] } = {}): Promise<number> {
  const shops = opts.shopIds ?? null;
  const open = [...OPEN_STATUSES];
  const due = await db.$queryRaw<{ shop_id: string }[]>`
    SELECT DISTINCT t.shop_id FROM agent_tasks t
    WHERE t.status = ANY(${open}::"TaskStatus"[]) AND t.due_at < ${now}
      AND (${shops}::uuid[] IS NULL OR t.shop_id = ANY(${shops}::uuid[]))
      AND NOT EXISTS (SELECT 1 FROM agent_alerts a WHERE a.agent = ${TASKS_AGENT} AND a.shop_id = t.shop_id AND a.subject = ${PREFIX}::text || t.id::text AND a.resolved_at IS NULL)
    UNION
    SELECT a.shop_id FROM agent_alerts a
    WHERE a.agent = ${TASKS_AGENT} AND a.resolved_at IS NULL
      AND (${shops}::uuid[] IS NULL OR a.shop_id = ANY(${shops}::uuid[]))
      AND NOT EXISTS (SELECT 1 FROM agent_tasks t WHERE ${PREFIX}::text || t.id::text = a.subject AND t.status = ANY(${open}::"TaskStatus"[]) AND t.due_at < ${now})`;
  for (const { shop_id } of due) await db.$transaction((tx) => syncOverdueTaskAlerts(tx, shop_id, now));
  return due.length;
}
