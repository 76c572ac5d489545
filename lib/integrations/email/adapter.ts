import { createSmtpSender } from "@/lib/mail/mailer";
import type { Adapter, Failure } from "../adapter";
import type { EmailMessage } from "./channel";

/** The email channel has no per-connection settings: the server is SMTP_URL. */
export type EmailConfig = Record<string, never>;
export type EmailAdapter = Adapter<EmailConfig, EmailMessage>;

/**
 * The delivery engine's adapter for mail: sends one recorded mail over SMTP (lib/mail) and says
 * what a failure means, from nodemailer's error code and the server's SMTP reply code:
 * - the server refused our login (EAUTH, 530/535): credential — the channel is held until SMTP_URL
 *   is fixed and the worker restarted (lib/integrations/email/channel.ts resumeEmailChannel);
 * - a 5xx reply or an envelope/message the server will never take (EENVELOPE, EMESSAGE): permanent;
 * - 4xx replies ("try again later", greylisting), connection, DNS and timeout errors: transient.
 */
export function emailAdapter(smtpUrl: string, from: string): EmailAdapter {
  const send = createSmtpSender(smtpUrl, from);
  return {
    async verify() {
      // Nothing to check per connection; the first mail tells.
      return { ok: true, label: new URL(smtpUrl).host };
    },
    async send(_credential, _config, message) {
      const { to, subject, text, html, messageId, headers } = message;
      return send({ to, subject, text, html, messageId, headers });
    },
    classify: classifySmtpError,
  };
}

export function classifySmtpError(error: unknown): Failure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = e.response ? `: ${e.response}` : e.message ? `: ${e.message}` : "";
  if (e.code === "EAUTH" || e.responseCode === 530 || e.responseCode === 535) {
    return { kind: "credential", reason: `The mail server refused our login${said}. Fix SMTP_URL and restart the integrations worker: held mails are then sent.` };
  }
  if (e.responseCode !== undefined && e.responseCode >= 500) return { kind: "permanent", reason: `The mail server refused this mail (${e.responseCode})${said}` };
  if (e.responseCode !== undefined && e.responseCode >= 400) return { kind: "transient", reason: `The mail server asked us to try later (${e.responseCode})${said}` };
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE") return { kind: "permanent", reason: `The mail cannot be sent as it is${said}` };
  return { kind: "transient", reason: `The mail server could not be reached${said}` };
}
