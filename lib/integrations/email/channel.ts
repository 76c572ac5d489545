import { createHash } from "node:crypto";
import type { Db, Prisma } from "@/lib/db";
import type { Mail } from "@/lib/mail/mailer";
import { recordOnChannel, resumeChannel, type PlatformChannel } from "../platform-channel";

type Tx = Prisma.TransactionClient;

/**
 * The platform's mail channel in the delivery engine (lib/integrations/platform-channel.ts): one
 * `integrations` row of kind EMAIL, so receipts and alert mails get the delivery log, retries, a
 * circuit breaker, dead letters and an idempotency key per mail. Its server is configuration
 * (SMTP_URL / MAIL_FROM).
 */
export const EMAIL_CHANNEL_ID = "019aee00-0000-7000-8000-00000000e4a1";
const EMAIL_CHANNEL: PlatformChannel = { id: EMAIL_CHANNEL_ID, kind: "EMAIL", name: "Email (SMTP)", configuredBy: "configuration:SMTP_URL" };

/** At the integrations worker's start: SMTP_URL may have been fixed since a refused login held the channel. */
export const resumeEmailChannel = (db: Db) => resumeChannel(db, EMAIL_CHANNEL);

/** What the delivery row keeps: the mail, and a short line for the admin's delivery log (not the receipt's contents). */
export type EmailMessage = Mail & { summary: string };

/** A stable Message-ID from the idempotency key: if a crash ever sends one mail twice, inboxes see one message. */
export function messageIdFor(key: string): string {
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 40)}@mail.gocoffee>`;
}

/** Records one mail for the dispatcher inside the caller's transaction, once per key; returns whether it was recorded now. */
export async function recordEmail(tx: Tx, input: { key: string; kind: string; shopId: string | null; mail: Mail; summary: string }): Promise<boolean> {
  const message: EmailMessage = { ...input.mail, messageId: messageIdFor(input.key), summary: input.summary };
  return recordOnChannel(tx, EMAIL_CHANNEL, { key: input.key, kind: input.kind, shopId: input.shopId, message });
}
