import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomUUID } from "node:crypto";

/**
 * A local Slack Web API for tests and the demo: the real @slack/web-api client talks to it
 * through SLACK_API_URL. It speaks Slack's wire format (POST /api/<method>, form or JSON body,
 * `Authorization: Bearer <token>`, HTTP 200 with `{ ok: false, error }` for refusals, 429 with
 * Retry-After when rate limited) for the methods Go Coffee calls: auth.test and chat.postMessage.
 *
 * Tokens: any `xoxb-…` is accepted except those containing "revoked" (token_revoked) or "invalid"
 * (invalid_auth). Channels: any name except "#nowhere" (channel_not_found).
 * Tests script failures with `failNext`; what was posted is in `posted` and at GET /_fake/messages.
 */

export type PostedMessage = { id: string; token: string; channel: string; text: string; blocks: unknown; at: string };

export type FakeSlack = {
  url: string;
  posted: PostedMessage[];
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
  const calls: { method: string; status: number }[] = [];
  let failures: { status: number; retryAfter: number }[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(value));
      };
      if (req.method === "GET" && url.pathname === "/_fake/messages") return json(200, { messages: posted.map(({ token: _t, ...m }) => m) });
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
    calls,
    failNext(count, status, retryAfterSeconds = 0) {
      failures = [...failures, ...Array.from({ length: count }, () => ({ status, retryAfter: retryAfterSeconds }))];
    },
    reset() {
      posted.length = 0;
      calls.length = 0;
      failures = [];
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
