import { escapeHtml, htmlDocument } from "./html";
import type { Mail } from "./mailer";

/**
 * The tasting coordinator's invitation to a shop's staff (lib/agents/tasting/invite.ts decides
 * who): what is tasted, when (in the shop's time zone), why then, and where to score it.
 */

export type TastingMailInput = { to: string; shopName: string; drinkName: string; description: string; at: Date; timezone: string; scheduleNote: string; link: string };

export function tastingMail(t: TastingMailInput): Mail {
  const when = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: t.timezone }).format(t.at);
  const text = [
    `Tasting at ${t.shopName}: ${t.drinkName}`,
    "",
    `${when} (${t.timezone}).`,
    ...(t.description ? ["", t.description] : []),
    "",
    t.scheduleNote,
    "",
    `Make it, taste it, and give it a score from 1 to 5 with a note: ${t.link}`,
    "Three scores with a mean of 3.5 or more pass it, and the manager is asked to put it on the menu.",
    "",
    "You get this because you work at this shop on Go Coffee.",
  ].join("\n");
  const html = htmlDocument(
    `Tasting: ${t.drinkName}`,
    `<p><strong>Tasting at ${escapeHtml(t.shopName)}: ${escapeHtml(t.drinkName)}</strong></p>
<p>${escapeHtml(when)} (${escapeHtml(t.timezone)}).</p>
${t.description ? `<p>${escapeHtml(t.description)}</p>` : ""}
<p style="color:#6b5a50">${escapeHtml(t.scheduleNote)}</p>
<p><a href="${escapeHtml(t.link)}">Score it</a>: 1 to 5, with a note. Three scores with a mean of 3.5 or more pass it.</p>
<p style="color:#6b5a50;font-size:12px">You get this because you work at this shop on Go Coffee.</p>`,
  );
  return { to: t.to, subject: `Tasting at ${t.shopName}: ${t.drinkName}, ${when}`, text, html };
}
