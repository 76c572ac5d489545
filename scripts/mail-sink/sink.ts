import { createServer, type Server } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A local mail sink for the demo and the tests (like MailHog): an SMTP server that accepts every
 * message and keeps the newest MAX_MESSAGES in memory, and a small web page / JSON API to read
 * them. Loopback only: it accepts mail from anyone who can reach it.
 *   GET /                 the inbox as a page (newest first; links in mails are clickable)
 *   GET /messages?to=…    JSON { messages: [{ id, to, from, subject, text, html, messageId, listUnsubscribe, date }] }
 *   GET /health           200
 */

/** html: the HTML part when the mail has one (the page shows the text part); messageId: the Message-ID header. */
/** `listUnsubscribe`: the List-Unsubscribe and List-Unsubscribe-Post header values as sent, when present. */
export type SinkMessage = { id: number; to: string[]; from: string; subject: string; text: string; html: string | null; messageId: string | null; listUnsubscribe: { url: string; post: string | null } | null; date: string };

/** A header's value as the sender wrote it (unfolded), from mailparser's raw header lines. */
function rawHeader(lines: readonly { key: string; line: string }[], key: string): string | null {
  const line = lines.find((h) => h.key === key)?.line;
  return line ? line.slice(line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim() : null;
}

const MAX_MESSAGES = 1000;
const MAX_MESSAGE_BYTES = 1_000_000;

export type MailSink = { messages: SinkMessage[]; close(): Promise<void>; smtpPort: number; httpPort: number };

export async function startMailSink(opts: { host?: string; smtpPort: number; httpPort: number }): Promise<MailSink> {
  const host = opts.host ?? "127.0.0.1";
  const messages: SinkMessage[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    async onData(stream, session, callback) {
      try {
        const parsed = await simpleParser(stream);
        messages.unshift({
          id: nextId++,
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : null,
          messageId: parsed.messageId ?? null,
          listUnsubscribe: unsubscribe(parsed.headerLines),
          date: new Date().toISOString(),
        });
        messages.length = Math.min(messages.length, MAX_MESSAGES);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });

  function unsubscribe(lines: readonly { key: string; line: string }[]): SinkMessage["listUnsubscribe"] {
    const url = rawHeader(lines, "list-unsubscribe");
    return url ? { url, post: rawHeader(lines, "list-unsubscribe-post") } : null;
  }

  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sink");
    if (url.pathname === "/health") return void res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    if (url.pathname === "/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const list = to ? messages.filter((m) => m.to.includes(to)) : messages;
      return void res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ messages: list }));
    }
    if (url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(inboxPage(messages));
    res.writeHead(404).end();
  });

  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(opts.smtpPort, host, () => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.httpPort, host, () => resolve());
  });
  return {
    messages,
    smtpPort: (smtp.server.address() as { port: number }).port,
    httpPort: (http.address() as { port: number }).port,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (s: string) => escape(s).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

function inboxPage(messages: SinkMessage[]): string {
  const items = messages
    .map((m) => `<article><h2>${escape(m.subject)}</h2><p class="meta">To ${escape(m.to.join(", "))} · ${escape(m.date)}</p><pre>${linkify(m.text)}</pre></article>`)
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Go Coffee demo inbox</title>
<style>body{font:16px system-ui;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#2b1a12}article{border-top:1px solid #ddd;padding:1rem 0}h2{font-size:1.1rem;margin:0}.meta{color:#555;font-size:.85rem}pre{white-space:pre-wrap;font:inherit}</style>
</head><body><h1>Demo inbox</h1><p>Every mail the local Go Coffee sends lands here (newest first). Nothing leaves this machine.</p>${items || "<p>No mail yet.</p>"}</body></html>`;
}
