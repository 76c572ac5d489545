import type { Prisma } from "@/lib/db";
import { recordEmail } from "@/lib/integrations/email/channel";
import { sendToLinkedChats } from "@/lib/integrations/telegram/personal";
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
 * pages' for a manager), the same line with that link on the Telegram chats they linked
 * (telegram/personal.ts) and, to a confirmed address, a mail whose link opens where they work it
 * (a barista's queue screen, where their tasks are listed; a manager's Tasks page). One mail per
 * assignment (`task.assigned:<task>:<owner>:<when>`): given, taken back and given again is told
 * twice, as it happened twice.
 */
export async function tellNewOwner(
  tx: Tx,
  a: { task: { id: string; shopId: string; title: string; detail: string; dueAt: Date }; ownerId: string; byId: string; at: Date; appUrl: string },
): Promise<{ noticed: boolean; mailed: boolean; telegrammed: number }> {
  const untold = { noticed: false, mailed: false, telegrammed: 0 };
  if (a.ownerId === a.byId) return untold;
  // One after another: a transaction's queries share one connection.
  const owner = await tx.shopMember.findUnique({ where: { shopId_userId: { shopId: a.task.shopId, userId: a.ownerId } }, select: { role: true, user: { select: { email: true, emailVerifiedAt: true } } } });
  if (!owner) return untold;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: a.task.shopId }, select: { name: true, slug: true, timezone: true } });
  const by = await tx.user.findUnique({ where: { id: a.byId }, select: { name: true, email: true } });
  const byName = by?.name ?? by?.email ?? "Someone";
  const message = taskNoticeMessage({ by: byName, title: a.task.title, dueAt: a.task.dueAt }, shop.timezone);
  const notice = await tx.notification.create({
    data: { userId: a.ownerId, shopId: a.task.shopId, alertId: null, subject: taskNoticeSubject(a.task.id), severity: "info", message, createdAt: a.at },
    select: { id: true },
  });
  const path = owner.role === "BARISTA" ? `/barista/${encodeURIComponent(shop.slug)}` : `/manager/${encodeURIComponent(shop.slug)}/tasks`;
  const link = new URL(path, a.appUrl).toString();
  const key = `${TASK_ASSIGNED_MAIL_KIND}:${a.task.id}:${a.ownerId}:${a.at.getTime()}`;
  const telegrammed = await sendToLinkedChats(tx, {
    notificationId: notice.id,
    userId: a.ownerId,
    shopId: a.task.shopId,
    key: `telegram.${key}`,
    kind: TASK_ASSIGNED_MAIL_KIND,
    text: `📋 ${message}\n${link}`,
    summary: `task "${a.task.title}"`,
    at: a.at,
  });
  const to = owner.user.email;
  if (!to || !owner.user.emailVerifiedAt) return { noticed: true, mailed: false, telegrammed };
  const mail = taskAssignedMail({ to, shopName: shop.name, title: a.task.title, detail: a.task.detail, dueAt: a.task.dueAt, timezone: shop.timezone, by: byName, link });
  const mailed = await recordEmail(tx, {
    key,
    kind: TASK_ASSIGNED_MAIL_KIND,
    shopId: a.task.shopId,
    mail,
    summary: `task "${a.task.title}" given to ${maskAddress(to)}`,
  });
  return { noticed: true, mailed, telegrammed };
}
