import nodemailer from "nodemailer";
import { DomainError } from "@/lib/errors";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";

/**
 * Outgoing mail over SMTP (nodemailer). Locally and in tests the server is the mail sink
 * (scripts/mail-sink), which keeps every message readable at its web page; in production
 * SMTP_URL points at the provider's relay.
 *
 * Two ways to send, over the same transport:
 * - `createMailer(...).send`: for a person waiting on a page (invitations, confirmations). A
 *   failed send is a DomainError "unavailable" with a sentence for people; the details go to the log.
 * - `createSmtpSender(...)`: for the integrations delivery engine (receipts, alert mails,
 *   lib/integrations/email). It throws nodemailer's own error (with its SMTP code), because the
 *   engine decides from it whether to retry, hold or dead-letter, and returns the Message-ID.
 */

/**
 * `messageId` (`<id@host>`): set by callers that send one message more than once, so inboxes can
 * tell it is the same mail. `headers`: extra header fields (List-Unsubscribe on receipts).
 */
export type Mail = { to: string; subject: string; text: string; html?: string; messageId?: string; headers?: Record<string, string> };
export type Mailer = { send(mail: Mail): Promise<void> };
/** Sends one mail; resolves with the Message-ID the server accepted, throws nodemailer's error. */
export type SmtpSender = (mail: Mail) => Promise<string>;

export function createSmtpSender(url: string, from: string): SmtpSender {
  const transport = nodemailer.createTransport(url, { from });
  return async (mail) => {
    const info = await transport.sendMail(mail);
    return String(info.messageId ?? "");
  };
}

export function createMailer(url: string, from: string): Mailer {
  const deliver = createSmtpSender(url, from);
  const log = childLogger("mail");
  return {
    async send(mail) {
      try {
        await deliver(mail);
      } catch (error) {
        log.error({ err: error instanceof Error ? error.message : String(error), subject: mail.subject }, "could not send mail");
        throw new DomainError("unavailable", "We could not send the email just now. Please try again in a minute.");
      }
    },
  };
}

let instance: Mailer | undefined;

/** The app's mailer (SMTP_URL, MAIL_FROM). */
export function mailer(): Mailer {
  instance ??= createMailer(env().SMTP_URL, env().MAIL_FROM);
  return instance;
}
