import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A local Telegram Bot API for tests and the demo: grammY talks to it through its `apiRoot`
 * (TELEGRAM_API_URL). It speaks the Bot API's wire format (POST /bot<token>/<method>, JSON or form
 * body, `{ ok, result }` / `{ ok: false, error_code, description }`) for what the bot calls: getMe,
 * deleteWebhook, setWebhook, getUpdates (long polling with offset and timeout), sendMessage,
 * sendPhoto (multipart upload, as grammY sends an InputFile), answerCallbackQuery, editMessageText. Tests act as the user with `sendText` and `press`, and
 * read what the bot sent in `sent` (or at GET /_fake/sent). `blocked` chats answer sends with
 * Telegram's 403 (`setBlocked` also sends the bot the `my_chat_member` update, as Telegram does); `slowDown(n)` answers the next n sends with a 429 and a retry_after of 1 s.
 */

export type SentMessage = {
  message_id: number;
  chat_id: number;
  /** The text, or a photo's caption. */
  text: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] };
  /** sendPhoto: the uploaded image. */
  photo?: { bytes: Buffer; type: string };
};
type Update = Record<string, unknown> & { update_id: number };

export type FakeTelegram = {
  url: string;
  token: string;
  sent: SentMessage[];
  /** Chats whose person blocked the bot: sends to them are refused with 403. */
  blocked: Set<number>;
  /** The person blocks (true) or unblocks the bot in chat `chatId`: sends are refused or taken again, and the bot gets the `my_chat_member` update Telegram sends. */
  setBlocked(chatId: number, isBlocked: boolean): void;
  /** The next `n` sends are refused with 429 Too Many Requests (retry_after 1). */
  slowDown(n: number): void;
  /** The last setWebhook call (null after deleteWebhook). */
  webhook: { url: string; secret_token?: string } | null;
  /** The user types `text` in chat `chatId`; returns the message id. */
  sendText(chatId: number, text: string, from?: { id: number; first_name: string }): number;
  /** The user presses the inline button with this text on the bot's message `messageId`. */
  press(chatId: number, messageId: number, buttonText: string): void;
  /** The bot's next message (after the one the last waitFor returned) that matches. */
  waitFor(match: (m: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  close(): Promise<void>;
};

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const buffer = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (type.includes("multipart/form-data")) {
    // grammY uploads files as multipart parts, named in the field by `attach://<part name>`. Its
    // headers are terse (`content-disposition:form-data;name="x";filename=p.png`), which undici's
    // strict FormData parser refuses (Telegram takes them), so the parts are split here.
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
    const delimiter = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ""}`);
    const fields: Record<string, unknown> = {};
    let at = buffer.indexOf(delimiter);
    while (at >= 0) {
      const next = buffer.indexOf(delimiter, at + delimiter.length);
      if (next < 0) break;
      const part = buffer.subarray(at + delimiter.length + 2, next - 2); // past CRLF, before CRLF
      const split = part.indexOf("\r\n\r\n");
      const head = part.subarray(0, split).toString("utf8");
      const name = /name="?([^";\r\n]+)"?/i.exec(head)?.[1];
      const content = part.subarray(split + 4);
      if (name) fields[name] = /filename=/i.test(head) ? { bytes: Buffer.from(content), type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? "application/octet-stream" } : content.toString("utf8");
      at = next;
    }
    for (const [name, value] of Object.entries(fields)) if (typeof value === "string" && value.startsWith("attach://")) fields[name] = fields[value.slice("attach://".length)];
    return fields;
  }
  const raw = buffer.toString("utf8");
  if (!raw) return {};
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

export async function startFakeTelegram(opts: { port?: number; token?: string } = {}): Promise<FakeTelegram> {
  const token = opts.token ?? "123456:FAKE-telegram-token";
  const sent: SentMessage[] = [];
  const updates: Update[] = [];
  let nextUpdate = 1;
  let nextMessage = 1000;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  const user = { id: 42, first_name: "Ada", is_bot: false };
  let cursor = 0;
  let webhook: FakeTelegram["webhook"] = null;
  const blocked = new Set<number>();
  let tooMany = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const reply = (value: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result: value }));
      const refuse = (code: number, description: string) => res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: code, description }));
      if (req.method === "GET" && url.pathname === "/_fake/sent") return reply(sent);
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
      if (!match) return refuse(404, "Not Found");
      if (match[1] !== token) return refuse(401, "Unauthorized");
      const method = match[2]!;
      const args = await body(req);
      if (method === "sendMessage" || method === "sendPhoto") {
        if (blocked.has(Number(args.chat_id))) return refuse(403, "Forbidden: bot was blocked by the user");
        if (tooMany > 0) {
          tooMany--;
          return res.writeHead(429, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } }));
        }
      }
      switch (method) {
        case "getMe":
          return reply({ id: 777, is_bot: true, first_name: "Go Coffee", username: "gocoffee_fake_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
        case "deleteWebhook":
          webhook = null;
          return reply(true);
        case "setWebhook":
          if (!String(args.url ?? "").startsWith("https://")) return refuse(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
          webhook = { url: String(args.url), ...(args.secret_token ? { secret_token: String(args.secret_token) } : {}) };
          return reply(true);
        case "sendPhoto": {
          const photo = args.photo as { bytes: Buffer; type: string } | undefined;
          if (!photo?.bytes) return refuse(400, "Bad Request: there is no photo in the request");
          const message: SentMessage = { message_id: nextMessage++, chat_id: Number(args.chat_id), text: String(args.caption ?? ""), photo };
          sent.push(message);
          wake();
          return reply({ message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: { id: message.chat_id, type: "private" }, photo: [{ file_id: `photo-${message.message_id}`, file_unique_id: `u${message.message_id}`, width: 512, height: 512 }], caption: message.text });
        }
        case "getUpdates": {
          const offset = Number(args.offset ?? 0);
          const timeoutMs = Math.min(Number(args.timeout ?? 0), 30) * 1000;
          const pending = () => updates.filter((u) => u.update_id >= offset);
          // Confirmed updates are gone for good, as on Telegram.
          for (let i = updates.length - 1; i >= 0; i--) if (updates[i]!.update_id < offset) updates.splice(i, 1);
          if (pending().length === 0 && timeoutMs > 0) {
            await new Promise<void>((resolve) => {
              const done = () => {
                waiters.delete(done);
                clearTimeout(timer);
                resolve();
              };
              const timer = setTimeout(done, timeoutMs);
              waiters.add(done);
              req.on("close", done);
            });
          }
          return reply(pending().slice(0, Number(args.limit ?? 100)));
        }
        case "sendMessage": {
          const markup = typeof args.reply_markup === "string" ? JSON.parse(args.reply_markup) : args.reply_markup;
          const message: SentMessage = { message_id: nextMessage++, chat_id: Number(args.chat_id), text: String(args.text ?? ""), ...(markup ? { reply_markup: markup } : {}) };
          if (!message.text) return refuse(400, "Bad Request: message text is empty");
          sent.push(message);
          wake();
          return reply({ message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: { id: message.chat_id, type: "private" }, text: message.text, ...(markup ? { reply_markup: markup } : {}) });
        }
        case "answerCallbackQuery":
          return reply(true);
        case "editMessageText": {
          const markup = typeof args.reply_markup === "string" ? JSON.parse(args.reply_markup) : args.reply_markup;
          const message: SentMessage = { message_id: Number(args.message_id), chat_id: Number(args.chat_id), text: String(args.text ?? ""), ...(markup ? { reply_markup: markup } : {}) };
          sent.push(message);
          wake();
          return reply({ message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: { id: message.chat_id, type: "private" }, text: message.text });
        }
        default:
          return refuse(404, `Not Found: method ${method}`);
      }
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    sent,
    blocked,
    setBlocked(chatId, isBlocked) {
      if (isBlocked) blocked.add(chatId);
      else blocked.delete(chatId);
      const bot = { id: Number(token.split(":")[0]), is_bot: true, first_name: "Go Coffee" };
      const [from, to] = isBlocked ? ["member", "kicked"] : ["kicked", "member"];
      updates.push({
        update_id: nextUpdate++,
        my_chat_member: { chat: { id: chatId, type: "private", first_name: user.first_name }, from: user, date: Math.floor(Date.now() / 1000), old_chat_member: { user: bot, status: from }, new_chat_member: { user: bot, status: to, ...(isBlocked ? { until_date: 0 } : {}) } },
      });
      wake();
    },
    slowDown(n) {
      tooMany = n;
    },
    get webhook() {
      return webhook;
    },
    sendText(chatId, text, from = user) {
      const message_id = nextMessage++;
      const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] : undefined;
      updates.push({ update_id: nextUpdate++, message: { message_id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: from.first_name }, from: { ...from, is_bot: false }, text, ...(entities ? { entities } : {}) } });
      wake();
      return message_id;
    },
    press(chatId, messageId, buttonText) {
      const message = [...sent].reverse().find((m) => m.message_id === messageId && m.chat_id === chatId);
      const button = message?.reply_markup?.inline_keyboard?.flat().find((b) => b.text === buttonText || b.text.startsWith(`${buttonText} `));
      if (!button?.callback_data) throw new Error(`no button "${buttonText}" on message ${messageId}: ${JSON.stringify(message?.reply_markup)}`);
      updates.push({
        update_id: nextUpdate++,
        callback_query: { id: String(nextUpdate), from: user, chat_instance: "1", data: button.callback_data, message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text: message!.text } },
      });
      wake();
    },
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = sent.findIndex((m, i) => i >= cursor && match(m));
        if (index >= 0) {
          cursor = index + 1;
          return sent[index]!;
        }
        if (Date.now() > deadline) throw new Error(`the bot sent nothing matching in ${timeoutMs} ms; sent: ${JSON.stringify(sent.slice(-3))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((r) => {
        wake();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
