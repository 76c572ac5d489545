import nodemailer from "nodemailer";
import { DomainError } from "@/lib/errors";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";

/**
 * Outgoing mail over SMTP (nodemailer). Locally and in tests the server is the mail sink
 * (scripts/infra/mail-sink.ts), which keeps every message readable at its web page; in
 * production SMTP_URL points at the provider's relay. A failed send is a DomainError
 * "unavailable" with a sentence for people; the details go to the log, not to the browser.
 */

export type Mail = { to: string; subject: string; text: string; html?: string };
export type Mailer = { send(mail: Mail): Promise<void> };

export function createMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, { from });
  const log = childLogger("mail");
  return {
    async send(mail) {
      try {
        await transport.sendMail(mail);
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
