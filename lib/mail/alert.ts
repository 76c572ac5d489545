import { escapeHtml, htmlDocument } from "./html";
import type { Mail } from "./mailer";

/**
 * The notifier's alert mail to a shop's manager (lib/agents/notifier/email.ts decides who and
 * whether the hourly limit allows it). Alerts that were held back by that limit since the last
 * mail are listed at the end, so nothing is silently lost: they are also in the in-app bell.
 */

export type AlertMailInput = {
  to: string;
  shopName: string;
  subject: string;
  severity: "warning" | "critical";
  message: string;
  at: Date;
  timezone: string;
  link: string;
  /** Alerts not mailed (over the limit) since this person's previous alert mail, oldest first. */
  heldBack: { subject: string; severity: string; message: string; at: Date }[];
  limitPerHour: number;
};

const SEVERITY = { warning: "Warning", critical: "Critical" } as const;

function time(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: timezone }).format(at);
}

export function alertMail(a: AlertMailInput): Mail {
  const held = a.heldBack.map((h) => `- ${time(h.at, a.timezone)} · ${h.severity} · ${h.subject}: ${h.message}`);
  const heldIntro = `${a.heldBack.length} earlier ${a.heldBack.length === 1 ? "alert was" : "alerts were"} not mailed (at most ${a.limitPerHour} alert mails an hour per person):`;
  const text = [
    `${SEVERITY[a.severity]} at ${a.shopName}: ${a.subject}`,
    "",
    a.message,
    "",
    `Raised ${time(a.at, a.timezone)} (${a.timezone}).`,
    `See the shop's alerts and what the agents propose: ${a.link}`,
    ...(held.length ? ["", heldIntro, ...held] : []),
    "",
    "You get this because you manage this shop on Go Coffee. Repeats of the same alert within 30 minutes are merged.",
  ].join("\n");
  const html = htmlDocument(
    `${SEVERITY[a.severity]}: ${a.subject}`,
    `<p><strong>${SEVERITY[a.severity]} at ${escapeHtml(a.shopName)}: ${escapeHtml(a.subject)}</strong></p>
<p>${escapeHtml(a.message)}</p>
<p style="color:#6b5a50">Raised ${escapeHtml(time(a.at, a.timezone))} (${escapeHtml(a.timezone)}).</p>
<p><a href="${escapeHtml(a.link)}">See the shop's alerts</a></p>
${held.length ? `<p>${escapeHtml(heldIntro)}</p><ul>${a.heldBack.map((h) => `<li>${escapeHtml(`${time(h.at, a.timezone)} · ${h.severity} · ${h.subject}: ${h.message}`)}</li>`).join("")}</ul>` : ""}
<p style="color:#6b5a50;font-size:12px">You get this because you manage this shop on Go Coffee. Repeats of the same alert within 30 minutes are merged.</p>`,
  );
  return { to: a.to, subject: `[${SEVERITY[a.severity]}] ${a.shopName}: ${a.subject}`, text, html };
}
