import type { Prisma } from "@/lib/db";
import { recordEmail } from "@/lib/integrations/email/channel";
import { maskAddress } from "@/lib/mail/address";
import { alertMail } from "@/lib/mail/alert";
import { ALERT_MAIL_LIMIT, decideMail, type MailLimit, type MailRecord } from "./mail-limit";

type Tx = Prisma.TransactionClient;

export const ALERT_MAIL_KIND = "alert.email";
/** How far back suppressed alerts are looked for to summarise in the next mail. */
const SUMMARY_LOOKBACK_MS = 24 * 60 * 60_000;

export type RaisedAlert = { alertId: string; shopId: string; subject: string; severity: "info" | "warning" | "critical"; message: string };
export type NewNotification = { id: string; userId: string };
/** A person just notified, and why they are mailed: they manage the shop, the alert is about their task, or they taste the drink. */
export type MailReader = NewNotification & { reader: "manager" | "owner" | "taster" };

/** Where each reader's mail links: a manager's alerts, an owner's queue screen (a barista's bell is there), a taster's Tastings page. */
const LINK: Record<MailReader["reader"], (slug: string) => string> = {
  manager: (slug) => `/manager/${slug}/agents#notifications`,
  owner: (slug) => `/barista/${slug}`,
  taster: (slug) => `/manager/${slug}/tastings`,
};

/**
 * The notifier's email channel, for the managers and task owners the notifier chose. It follows
 * the in-app channel: only the notifications just created (so the bell's merging of repeats within
 * the window applies to mail too), only for warning and critical alerts, only to confirmed addresses
 * of people who did not turn these mails off (lib/mail/preferences.ts). Per person, ALERT_MAIL_LIMIT applies
 * (mail-limit.ts): over it, the notification is marked SUPPRESSED and the next mail lists it.
 * Each mail is a delivery on the mail channel (`alert.email:<alert id>:<user id>`), sent by the
 * integrations worker's dispatcher with its retries and log. All of it in the consumer's
 * transaction, under a per-person advisory lock (two partitions' alerts for one manager of two
 * shops cannot both take the last place in the hour).
 */
export async function mailStaff(tx: Tx, alert: RaisedAlert, created: readonly MailReader[], at: Date, appUrl: string, limit: MailLimit = ALERT_MAIL_LIMIT): Promise<number> {
  if (alert.severity !== "warning" && alert.severity !== "critical") return 0;
  if (created.length === 0) return 0;
  // Those who turned the notifier's mails off on their account page (alertEmails) keep the bell only.
  const people = await tx.user.findMany({ where: { id: { in: created.map((c) => c.userId) }, email: { not: null }, emailVerifiedAt: { not: null }, alertEmails: true }, select: { id: true, email: true } });
  if (people.length === 0) return 0;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: alert.shopId }, select: { name: true, slug: true, timezone: true } });
  let mailed = 0;
  for (const person of people) {
    const notification = created.find((c) => c.userId === person.id)!;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('notifier.mail'), hashtext(${person.id}))`;
    const recent = await tx.notification.findMany({
      where: { userId: person.id, emailStatus: { not: null }, createdAt: { gt: new Date(at.getTime() - Math.max(limit.windowMs, SUMMARY_LOOKBACK_MS)) }, id: { not: notification.id } },
      select: { id: true, createdAt: true, emailStatus: true, severity: true, message: true },
    });
    const records: MailRecord[] = recent.map((r) => ({ id: r.id, at: r.createdAt, status: r.emailStatus === "QUEUED" ? "QUEUED" : "SUPPRESSED" }));
    const decision = decideMail(records, at, limit);
    if (!decision.send) {
      await tx.notification.update({ where: { id: notification.id }, data: { emailStatus: "SUPPRESSED" } });
      continue;
    }
    const heldBack = decision.heldBack.map((id) => recent.find((r) => r.id === id)!).map((r) => ({ severity: r.severity, message: r.message, at: r.createdAt }));
    const mail = alertMail({
      to: person.email!,
      shopName: shop.name,
      severity: alert.severity,
      message: alert.message,
      at,
      timezone: shop.timezone,
      link: new URL(LINK[notification.reader](shop.slug), appUrl).toString(),
      reader: notification.reader,
      heldBack,
      limitPerHour: limit.max,
    });
    await tx.notification.update({ where: { id: notification.id }, data: { emailStatus: "QUEUED" } });
    const summary = `${alert.severity} alert "${alert.subject}" to ${maskAddress(person.email!)}${heldBack.length ? ` (+${heldBack.length} held back)` : ""}`;
    if (await recordEmail(tx, { key: `${ALERT_MAIL_KIND}:${alert.alertId}:${person.id}`, kind: ALERT_MAIL_KIND, shopId: alert.shopId, mail, summary })) mailed++;
  }
  return mailed;
}
