import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import type { Db, Prisma } from "@/lib/db";
import type { Mail } from "@/lib/mail/mailer";

type Tx = Prisma.TransactionClient;

/**
 * The platform's mail channel in the delivery engine: one `integrations` row of kind EMAIL (a
 * fixed id), so receipts and alert mails get what Slack deliveries get: the delivery log, retries
 * with backoff, a circuit breaker, dead letters, and an idempotency key per mail. It is not an
 * admin connection: its server is configuration (SMTP_URL / MAIL_FROM), its credential column
 * holds no secret, it subscribes to no alert kinds (events = {}), and the admin screen's Slack
 * doors do not list or change it.
 */
export const EMAIL_CHANNEL_ID = "019aee00-0000-7000-8000-00000000e4a1";
const NO_SECRET = "configuration:SMTP_URL";

/** Creates the channel's row if it is missing (first mail on a fresh database, or after a test wiped integrations). */
export async function ensureEmailChannel(tx: Tx | Db): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO integrations (id, kind, name, status, credentials, config, shop_ids, events, updated_at)
    VALUES (${EMAIL_CHANNEL_ID}::uuid, 'EMAIL', 'Email (SMTP)', 'ACTIVE', ${NO_SECRET}, '{}'::jsonb, '{}', '{}', now())
    ON CONFLICT (id) DO NOTHING`;
}

/**
 * At the integrations worker's start: the SMTP server's settings are configuration, so a restart
 * (after SMTP_URL was fixed) is the "reconnect": a channel held BROKEN by a refused login is
 * active again and its held mails are due now.
 */
export async function resumeEmailChannel(db: Db): Promise<void> {
  await ensureEmailChannel(db);
  await db.$transaction([
    db.$executeRaw`UPDATE integrations SET status = 'ACTIVE', status_reason = NULL, updated_at = now() WHERE id = ${EMAIL_CHANNEL_ID}::uuid AND status = 'BROKEN'`,
    db.$executeRaw`UPDATE integration_deliveries SET next_attempt_at = now() WHERE integration_id = ${EMAIL_CHANNEL_ID}::uuid AND status = 'PENDING' AND next_attempt_at > now()`,
  ]);
}

/** What the delivery row keeps: the mail, and a short line for the admin's delivery log (not the receipt's contents). */
export type EmailMessage = Mail & { summary: string };

/** A stable Message-ID from the idempotency key: if a crash ever sends one mail twice, inboxes see one message. */
export function messageIdFor(key: string): string {
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 40)}@mail.gocoffee>`;
}

/**
 * Records one mail for the dispatcher inside the caller's transaction, once per key: however often
 * an event is delivered or replayed, the key finds its row and nothing more is recorded.
 * Returns whether it was recorded now.
 */
export async function recordEmail(tx: Tx, input: { key: string; kind: string; shopId: string | null; mail: Mail; summary: string }): Promise<boolean> {
  await ensureEmailChannel(tx);
  const message: EmailMessage = { ...input.mail, messageId: messageIdFor(input.key), summary: input.summary };
  const inserted = await tx.$executeRaw`
    INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
    VALUES (${uuidv7()}::uuid, ${EMAIL_CHANNEL_ID}::uuid, ${input.key}, ${input.kind}, ${input.shopId}::uuid, ${JSON.stringify(message)}::jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING`;
  return inserted > 0;
}

