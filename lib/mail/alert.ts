import { escapeHtml, htmlDocument } from "./html";
import type { Mail } from "./mailer";

/**
 * The notifier's alert mail to a shop's manager, or to the person an alert is about (an overdue
 * task's owner, who may be a barista) (lib/agents/notifier/email.ts decides who and whether the
 * hourly limit allows it). Alerts that were held back by that limit since the last
 * mail are listed at the end, so nothing is silently lost: they are also in the in-app bell.
 */

export type AlertMailInput = {
  to: string;
  shopName: string;
  severity: "warning" | "critical";
  message: string;
  at: Date;
  timezone: string;
  link: string;
  /** Why this person is told: they manage the shop, the alert is about their own task, or they taste the drink. */
  reader: "manager" | "owner" | "taster";
  /** Alerts not mailed (over the limit) since this person's previous alert mail, oldest first. */
  heldBack: { severity: string; message: string; at: Date }[];
  limitPerHour: number;
};

const SEVERITY = { warning: "Warning", critical: "Critical" } as const;
const FOR = {
  manager: { see: "See the shop's alerts and what the agents propose", link: "See the shop's alerts", why: "You get this because you manage this shop on Go Coffee." },
  owner: { see: "See your notifications", link: "See your notifications", why: "You get this because this task is yours at this shop on Go Coffee." },
  taster: { see: "Taste it and give your score", link: "Open the Tastings page", why: "You get this because you taste new drinks at this shop on Go Coffee." },
} as const;

function time(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: timezone }).format(at);
}

/** A mail subject line's share of the message: its first 90 characters. */
function headline(message: string): string {
  return message.length <= 90 ? message : `${message.slice(0, 89).trimEnd()}…`;
}

/**
 * The mail names an alert by its message ("Oat milk runs out in 2 hours"); its subject key
 * ("out:<ingredient id>") is the notifier's, for merging, and means nothing to a person.
 */
export function alertMail(a: AlertMailInput): Mail {
  const reader = FOR[a.reader];
  const held = a.heldBack.map((h) => `- ${time(h.at, a.timezone)} · ${h.severity} · ${h.message}`);
  const heldIntro = `${a.heldBack.length} earlier ${a.heldBack.length === 1 ? "alert was" : "alerts were"} not mailed (at most ${a.limitPerHour} alert mails an hour per person):`;
  const text = [
    `${SEVERITY[a.severity]} at ${a.shopName}:`,
    "",
    a.message,
    "",
    `Raised ${time(a.at, a.timezone)} (${a.timezone}).`,
    `${reader.see}: ${a.link}`,
    ...(held.length ? ["", heldIntro, ...held] : []),
    "",
    `${reader.why} Repeats of the same alert within 30 minutes are merged.`,
  ].join("\n");
  const html = htmlDocument(
    `${SEVERITY[a.severity]}: ${headline(a.message)}`,
    `<p><strong>${SEVERITY[a.severity]} at ${escapeHtml(a.shopName)}:</strong></p>
<p>${escapeHtml(a.message)}</p>
<p style="color:#6b5a50">Raised ${escapeHtml(time(a.at, a.timezone))} (${escapeHtml(a.timezone)}).</p>
<p><a href="${escapeHtml(a.link)}">${reader.link}</a></p>
${held.length ? `<p>${escapeHtml(heldIntro)}</p><ul>${a.heldBack.map((h) => `<li>${escapeHtml(`${time(h.at, a.timezone)} · ${h.severity} · ${h.message}`)}</li>`).join("")}</ul>` : ""}
<p style="color:#6b5a50;font-size:12px">${reader.why} Repeats of the same alert within 30 minutes are merged.</p>`,
  );
  return { to: a.to, subject: `[${SEVERITY[a.severity]}] ${a.shopName}: ${headline(a.message)}`, text, html };
}
