import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomUUID } from "node:crypto";

/**
 * A local Slack Web API for tests and the demo: the real @slack/web-api client talks to it
 * through SLACK_API_URL. It speaks Slack's wire format (POST /api/<method>, form or JSON body,
 * `Authorization: Bearer <token>`, HTTP 200 with `{ ok: false, error }` for refusals, 429 with
 * Retry-After when rate limited) for the methods Go Coffee calls: auth.test, chat.postMessage,
 * chat.update, chat.postEphemeral and users.info (users are added with `addUser` or
 * POST /_fake/users `{ id, email }`; an unknown id is user_not_found, as Slack answers).
 *
 * Tokens: any `xoxb-…` is accepted except those containing "revoked" (token_revoked) or "invalid"
 * (invalid_auth). Channels: any name except "#nowhere" (channel_not_found).
 * Tests script failures with `failNext`; what was posted is in `posted` and at GET /_fake/messages,
 * updates in `updated` (GET /_fake/updates), ephemeral replies in `ephemeral` (GET /_fake/ephemeral).
 */

export type PostedMessage = { id: string; token: string; channel: string; text: string; blocks: unknown; at: string };

export type UpdatedMessage = { channel: string; ts: string; text: string; blocks: unknown; at: string };
export type EphemeralMessage = { channel: string; user: string; text: string; at: string };

export type FakeSlack = {
  url: string;
  posted: PostedMessage[];
  updated: UpdatedMessage[];
  ephemeral: EphemeralMessage[];
  /** A workspace member users.info knows (email null: Slack gives none, as without users:read.email). */
  addUser(id: string, email: string | null): void;
  /** The next `count` API calls answer with `status` (429 carries Retry-After: retryAfterSeconds). */
  failNext(count: number, status: 429 | 500 | 503, retryAfterSeconds?: number): void;
  calls: { method: string; status: number }[];
  /** Forgets what was posted, the calls and any scripted failures still queued. */
  reset(): void;
  close(): Promise<void>;
};

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const form = Object.fromEntries(new URLSearchParams(raw));
  // The client form-encodes nested arguments (blocks) as JSON strings.
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, k === "blocks" ? JSON.parse(v) : v]));
}

export async function startFakeSlack(port = 0, host = "127.0.0.1"): Promise<FakeSlack> {
  const posted: PostedMessage[] = [];
  const updated: UpdatedMessage[] = [];
  const ephemeral: EphemeralMessage[] = [];
  const users = new Map<string, string | null>();
  const calls: { method: string; status: number }[] = [];
  let failures: { status: number; retryAfter: number }[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(value));
      };
      if (req.method === "GET" && url.pathname === "/_fake/messages") return json(200, { messages: posted.map(({ token: _t, ...m }) => m) });
      if (req.method === "GET" && url.pathname === "/_fake/updates") return json(200, { updates: updated });
      if (req.method === "GET" && url.pathname === "/_fake/ephemeral") return json(200, { messages: ephemeral });
      if (req.method === "POST" && url.pathname === "/_fake/users") {
        const user = (await body(req).catch(() => ({}))) as { id?: unknown; email?: unknown };
        if (typeof user.id !== "string") return json(400, { ok: false, error: "id required" });
        users.set(user.id, typeof user.email === "string" ? user.email : null);
        return json(200, { ok: true });
      }
      const method = url.pathname.replace(/^\/api\//, "");
      const args = await body(req).catch(() => null);
      const failure = failures.shift();
      if (failure) {
        calls.push({ method, status: failure.status });
        return failure.status === 429 ? json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter) }) : json(failure.status, { ok: false, error: "internal_error" });
      }
      calls.push({ method, status: 200 });
      if (!args) return json(200, { ok: false, error: "invalid_form_data" });
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "") || String(args.token ?? "");
      if (!token) return json(200, { ok: false, error: "not_authed" });
      if (!token.startsWith("xoxb-") || token.includes("invalid")) return json(200, { ok: false, error: "invalid_auth" });
      if (token.includes("revoked")) return json(200, { ok: false, error: "token_revoked" });
      if (method === "auth.test") return json(200, { ok: true, url: "https://go-coffee-fake.slack.com/", team: "Go Coffee (fake Slack)", user: "gocoffee-bot", team_id: "T0FAKE", user_id: "U0BOT", bot_id: "B0BOT" });
      if (method === "chat.postMessage") {
        const channel = String(args.channel ?? "");
        if (!channel) return json(200, { ok: false, error: "channel_not_found" });
        if (channel === "#nowhere") return json(200, { ok: false, error: "channel_not_found" });
        if (!args.text && !args.blocks) return json(200, { ok: false, error: "no_text" });
        const ts = `${Math.floor(Date.now() / 1000)}.${String(posted.length + 1).padStart(6, "0")}`;
        posted.push({ id: randomUUID(), token, channel, text: String(args.text ?? ""), blocks: args.blocks ?? null, at: new Date().toISOString() });
        return json(200, { ok: true, channel: "C0FAKE", ts, message: { text: args.text, ts } });
      }
      if (method === "chat.update") {
        if (!args.channel || !args.ts) return json(200, { ok: false, error: !args.channel ? "channel_not_found" : "message_not_found" });
        updated.push({ channel: String(args.channel), ts: String(args.ts), text: String(args.text ?? ""), blocks: args.blocks ?? null, at: new Date().toISOString() });
        return json(200, { ok: true, channel: args.channel, ts: args.ts, text: args.text });
      }
      if (method === "chat.postEphemeral") {
        if (!args.channel) return json(200, { ok: false, error: "channel_not_found" });
        if (!args.user || !users.has(String(args.user))) return json(200, { ok: false, error: "user_not_in_channel" });
        ephemeral.push({ channel: String(args.channel), user: String(args.user), text: String(args.text ?? ""), at: new Date().toISOString() });
        return json(200, { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.000001` });
      }
      if (method === "users.info") {
        const id = String(args.user ?? "");
        if (!users.has(id)) return json(200, { ok: false, error: "user_not_found" });
        const email = users.get(id);
        return json(200, { ok: true, user: { id, team_id: "T0FAKE", name: id.toLowerCase(), deleted: false, is_bot: false, profile: { real_name: id, ...(email ? { email } : {}) } } });
      }
      return json(200, { ok: false, error: "unknown_method" });
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as { port: number };
  return {
    url: `http://${host}:${address.port}/api/`,
    posted,
    updated,
    ephemeral,
    addUser(id, email) {
      users.set(id, email);
    },
    calls,
    failNext(count, status, retryAfterSeconds = 0) {
      failures = [...failures, ...Array.from({ length: count }, () => ({ status, retryAfter: retryAfterSeconds }))];
    },
    reset() {
      posted.length = 0;
      updated.length = 0;
      ephemeral.length = 0;
      users.clear();
      calls.length = 0;
      failures = [];
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
