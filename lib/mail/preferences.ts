import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";

/**
 * A person's mail settings (the account page), each on by default and sent only to a confirmed
 * address: receipts for the orders they collect (lib/integrations/email/receipts.ts), and for staff
 * the notifier's mails, its warnings and critical alerts, their tasks and tastings
 * (lib/agents/notifier/email.ts; the bell shows those either way).
 */

export type MailSetting = "receipts" | "alerts";
const COLUMN = { receipts: "receiptEmails", alerts: "alertEmails" } as const;

export async function mailSettings(db: Db, userId: string): Promise<Record<MailSetting, boolean>> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { receiptEmails: true, alertEmails: true } });
  return { receipts: user?.receiptEmails ?? false, alerts: user?.alertEmails ?? false };
}

const onOff = z.boolean({ error: "say whether you want these emails (true or false)" });

/** Turns one kind of mail on or off; what happens after this follows the new setting. Both arrive from a browser: checked here. */
export async function setMailSetting(db: Db, userId: string, setting: unknown, on: unknown): Promise<boolean> {
  if (setting !== "receipts" && setting !== "alerts") throw new DomainError("invalid", "There is no such email setting.");
  const parsed = onOff.parse(on);
  const changed = await db.user.updateMany({ where: { id: userId }, data: { [COLUMN[setting satisfies MailSetting]]: parsed } });
  if (changed.count === 0) throw new DomainError("not_found", "This account no longer exists.");
  return parsed;
}
