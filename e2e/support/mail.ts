import { expect } from "@playwright/test";

/**
 * The local mail sink the e2e run starts (scripts/infra/mail.ts): its inbox API is at the SMTP
 * port + 7000. Tests find their mail by its unique recipient.
 */
const smtpPort = Number(new URL(process.env.SMTP_URL ?? "smtp://127.0.0.1:1025").port || 25);
export const MAIL_INBOX = `http://127.0.0.1:${smtpPort + 7000}`;

export type Mail = { to: string[]; subject: string; text: string; listUnsubscribe: { url: string; post: string | null } | null };

/** The newest mail to `to`, waiting for it to arrive. */
export async function mailTo(to: string, subject?: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const { messages } = (await (await fetch(`${MAIL_INBOX}/messages?to=${encodeURIComponent(to)}`)).json()) as { messages: Mail[] };
        found = messages.find((m) => !subject || subject.test(m.subject));
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The first link in a mail, as a path on the app (the mail carries APP_URL's origin). */
export function linkIn(mail: Mail): string {
  const url = /https?:\/\/\S+/.exec(mail.text)?.[0];
  if (!url) throw new Error(`no link in "${mail.subject}"`);
  const { pathname, search } = new URL(url);
  return pathname + search;
}
