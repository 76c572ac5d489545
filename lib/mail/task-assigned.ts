import { escapeHtml, htmlDocument } from "./html";
import type { Mail } from "./mailer";

/**
 * The mail to a person a task was given to (lib/agents/tasks/assigned.ts decides whether): who gave
 * it, what it is, when it is due in the shop's time zone, and where to work it (a barista's queue
 * screen, a manager's Tasks page).
 */
export type TaskAssignedMailInput = { to: string; shopName: string; title: string; detail: string; dueAt: Date; timezone: string; by: string; link: string };

export function taskAssignedMail(t: TaskAssignedMailInput): Mail {
  const due = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: t.timezone }).format(t.dueAt);
  const text = [
    `${t.by} gave you a task at ${t.shopName}:`,
    "",
    t.title,
    ...(t.detail ? ["", t.detail] : []),
    "",
    `Due ${due} (${t.timezone}).`,
    `Start it and mark it done here: ${t.link}`,
    "",
    "You get this because this task is now yours at this shop on Go Coffee.",
  ].join("\n");
  const html = htmlDocument(
    `Task: ${t.title}`,
    `<p><strong>${escapeHtml(t.by)} gave you a task at ${escapeHtml(t.shopName)}:</strong></p>
<p>${escapeHtml(t.title)}</p>
${t.detail ? `<p style="color:#6b5a50">${escapeHtml(t.detail)}</p>` : ""}
<p>Due ${escapeHtml(due)} (${escapeHtml(t.timezone)}).</p>
<p><a href="${escapeHtml(t.link)}">Start it and mark it done</a></p>
<p style="color:#6b5a50;font-size:12px">You get this because this task is now yours at this shop on Go Coffee.</p>`,
  );
  return { to: t.to, subject: `Task for you at ${t.shopName}: ${t.title.length <= 90 ? t.title : `${t.title.slice(0, 89).trimEnd()}…`}`, text, html };
}
