import type { Prisma } from "@/lib/db";
import { recordEmail } from "@/lib/integrations/email/channel";
import { maskAddress } from "@/lib/mail/address";
import { taskAssignedMail } from "@/lib/mail/task-assigned";
import { dueLabel } from "./due-label";

type Tx = Prisma.TransactionClient;

export const TASK_ASSIGNED_MAIL_KIND = "task.assigned";

/** The subject of a "task given to you" notice: one per task (the bell's key, not an alert's). */
export const taskNoticeSubject = (taskId: string) => `task:${taskId}`;

/** "Marco Rossi gave you a task: Receive the delivery … — due Fri 5 Jun, 15:00". Pure. */
export function taskNoticeMessage(t: { by: string; title: string; dueAt: Date }, timezone: string): string {
  return `${t.by} gave you a task: ${t.title} — due ${dueLabel(t.dueAt, timezone)}`;
}

/**
 * A task was given to someone (assignTask, in its transaction): the new owner is told, unless they
 * gave it to themselves. A notice in their bell (the queue screen's for a barista, the manager
 * pages' for a manager) and, to a confirmed address, a mail whose link opens where they work it
 * (a barista's queue screen, where their tasks are listed; a manager's Tasks page). One mail per
 * assignment (`task.assigned:<task>:<owner>:<when>`): given, taken back and given again is told
 * twice, as it happened twice.
 */
export async function tellNewOwner(
  tx: Tx,
  a: { task: { id: string; shopId: string; title: string; detail: string; dueAt: Date }; ownerId: string; byId: string; at: Date; appUrl: string },
): Promise<{ noticed: boolean; mailed: boolean }> {
  if (a.ownerId === a.byId) return { noticed: false, mailed: false };
  // One after another: a transaction's queries share one connection.
  const owner = await tx.shopMember.findUnique({ where: { shopId_userId: { shopId: a.task.shopId, userId: a.ownerId } }, select: { role: true, user: { select: { email: true, emailVerifiedAt: true } } } });
  if (!owner) return { noticed: false, mailed: false };
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: a.task.shopId }, select: { name: true, slug: true, timezone: true } });
  const by = await tx.user.findUnique({ where: { id: a.byId }, select: { name: true, email: true } });
  const byName = by?.name ?? by?.email ?? "Someone";
  await tx.notification.create({
    data: { userId: a.ownerId, shopId: a.task.shopId, alertId: null, subject: taskNoticeSubject(a.task.id), severity: "info", message: taskNoticeMessage({ by: byName, title: a.task.title, dueAt: a.task.dueAt }, shop.timezone), createdAt: a.at },
  });
  const to = owner.user.email;
  if (!to || !owner.user.emailVerifiedAt) return { noticed: true, mailed: false };
  const path = owner.role === "BARISTA" ? `/barista/${encodeURIComponent(shop.slug)}` : `/manager/${encodeURIComponent(shop.slug)}/tasks`;
  const mail = taskAssignedMail({ to, shopName: shop.name, title: a.task.title, detail: a.task.detail, dueAt: a.task.dueAt, timezone: shop.timezone, by: byName, link: new URL(path, a.appUrl).toString() });
  const mailed = await recordEmail(tx, {
    key: `${TASK_ASSIGNED_MAIL_KIND}:${a.task.id}:${a.ownerId}:${a.at.getTime()}`,
    kind: TASK_ASSIGNED_MAIL_KIND,
    shopId: a.task.shopId,
    mail,
    summary: `task "${a.task.title}" given to ${maskAddress(to)}`,
  });
  return { noticed: true, mailed };
}
