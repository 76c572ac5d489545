import type { Db, Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { overdueTaskOwners } from "@/lib/agents/tasks/overdue";
import { mailStaff, type MailReader, type NewNotification } from "./email";

type Tx = Prisma.TransactionClient;

export const NOTIFIER_CONSUMER = "agents-notifier";
/** A raised alert about a subject that someone was told of this recently is merged into that notification. */
export const MERGE_WINDOW_MS = 30 * 60_000;

/**
 * The notifier's channels: each raised alert becomes one in-app notification for each manager of
 * its shop (admins see every shop's screens but are told only where they are members), and the
 * alerts that change the bar's work (forBaristas) for its baristas too, and an overdue task's
 * alert for the task's owner whatever their role, unless that person had one about the same
 * subject within the merge window. Resolved alerts notify no one.
 * Warning and critical alerts are also mailed to the managers and owners just notified, and the
 * tasting reminder to the baristas (mailReader; email.ts: confirmed addresses, a per-person hourly
 * limit, sent by the integrations worker's delivery engine); the other baristas see theirs on the
 * queue screen's bell.
 * Redelivery is harmless: the consumer's processed-events guard, (user, alert) unique, and one
 * mail delivery per (alert, person) key.
 */
export const notifierHandler: BatchHandler = {
  types: ["agents.alert"],
  async handle(events, { tx }) {
    for (const e of events) {
      if (e.type !== "agents.alert" || e.payload.resolved) continue;
      const at = new Date(e.occurredAt);
      const owners = await overdueTaskOwners(tx, e.payload);
      const created = await notifyStaff(tx, e.payload, owners, at);
      const readers = created.flatMap((c) => {
        const reader = mailReader(e.payload.subject, c.role, owners.includes(c.userId));
        return reader ? [{ ...c, reader }] : [];
      });
      await mailStaff(tx, e.payload, readers, at, env().APP_URL);
    }
  },
};

/**
 * Alerts a barista acts on: an ingredient out (what cannot be made, so what to tell customers), a
 * rush beyond the forecast, and a tasting to score. Purchase orders, ratings, transfers and the
 * rest are the managers'. Pure.
 */
export function forBaristas(subject: string): boolean {
  return subject.startsWith("out:") || subject.startsWith("busy:") || subject.startsWith("tasting:") || subject.startsWith("tasting-soon:");
}

/**
 * Why a person just notified is mailed the alert, or null: managers are mailed their shops' alerts,
 * a task's owner the alert about their task, and baristas the tasting reminder (`tasting-soon:`,
 * an hour before: they are the tasters, and may not be at the queue screen's bell). Other
 * alerts reach baristas on the bell only. Pure.
 */
export function mailReader(subject: string, role: string, owner: boolean): MailReader["reader"] | null {
  if (owner) return "owner";
  if (role !== "BARISTA") return "manager";
  return subject.startsWith("tasting-soon:") ? "taster" : null;
}

/** Creates the in-app notifications (the roles' and `owners`'); returns the ones created now (not merged, not already there). */
async function notifyStaff(tx: Tx, alert: { alertId: string; shopId: string; subject: string; severity: string; message: string }, owners: string[], at: Date): Promise<(NewNotification & { role: string })[]> {
  const roles = forBaristas(alert.subject) ? ["MANAGER", "ADMIN", "BARISTA"] : ["MANAGER", "ADMIN"];
  const since = new Date(at.getTime() - MERGE_WINDOW_MS);
  const rows = await tx.$queryRaw<{ id: string; user_id: string; role: string }[]>`
    INSERT INTO notifications (id, user_id, shop_id, alert_id, subject, severity, message, created_at)
    SELECT gen_random_uuid(), m.user_id, m.shop_id, ${alert.alertId}::uuid, ${alert.subject}, ${alert.severity}, ${alert.message}, ${at}
    FROM shop_members m
    WHERE m.shop_id = ${alert.shopId}::uuid AND (m.role::text = ANY(${roles}) OR m.user_id = ANY(${owners}::uuid[]))
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = m.user_id AND n.shop_id = m.shop_id AND n.subject = ${alert.subject} AND n.created_at > ${since})
    ON CONFLICT (user_id, alert_id) DO NOTHING
    RETURNING id, user_id, (SELECT m2.role::text FROM shop_members m2 WHERE m2.user_id = notifications.user_id AND m2.shop_id = notifications.shop_id) AS role`;
  return rows.map((r) => ({ id: r.id, userId: r.user_id, role: r.role }));
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications(db: Db, userId: string, shopId: string, take = 20) {
  return db.notification.findMany({ where: { userId, shopId }, orderBy: { createdAt: "desc" }, take });
}

/** Marks the person's notifications of one shop read; returns how many changed. */
export async function markShopRead(db: Db, userId: string, shopId: string, now = new Date()): Promise<number> {
  return (await db.notification.updateMany({ where: { userId, shopId, readAt: null }, data: { readAt: now } })).count;
}
