import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";

/**
 * A customer's mail settings (the account page). Receipts are on by default for accounts with an
 * email address; they are sent only to a confirmed address (lib/integrations/email/receipts.ts).
 */

export async function receiptEmailsOn(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { receiptEmails: true } });
  return user?.receiptEmails ?? false;
}

const receiptSetting = z.boolean({ error: "say whether you want receipts (true or false)" });

/** Turns receipts on or off; what is collected after this follows the new setting. */
export async function setReceiptEmails(db: Db, userId: string, on: unknown): Promise<boolean> {
  const parsed = receiptSetting.parse(on);
  const changed = await db.user.updateMany({ where: { id: userId }, data: { receiptEmails: parsed } });
  if (changed.count === 0) throw new DomainError("not_found", "This account no longer exists.");
  return parsed;
}
