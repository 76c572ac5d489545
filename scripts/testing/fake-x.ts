import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A local X API for tests and the demo: the real `twitter-api-v2` client talks to it through the
 * API base URL an admin connects. It speaks the parts of X API v2 Go Coffee calls, in the wire
 * format https://docs.x.com/x-api documents:
 * - `GET /2/users/me` → `{ data: { id, name, username } }` (the connection check and "Send a test");
 * - the chunked media upload twitter-api-v2 1.29 uses: `POST /2/media/upload/initialize` (JSON
 *   `media_type`, `total_bytes`, `media_category`) → `{ data: { id, media_key, expires_after_secs } }`,
 *   `POST /2/media/upload/:id/append` (multipart `segment_index`, `media`), `POST /2/media/upload/:id/finalize`
 *   (checks the bytes add up; images need no processing, so no `processing_info`);
 * - `POST /2/media/metadata` (JSON `id`, `metadata.alt_text.text`);
 * - `POST /2/tweets` (JSON `text`, `media.media_ids`) → 201 `{ data: { id, text, edit_history_tweet_ids } }`;
 *   more than 280 characters (links counted as 23) → 400 invalid-request; the same text again from
 *   the same account → 403 "duplicate content", as X does.
 * Every request needs `Authorization: Bearer <token>`; tokens containing "invalid" or "revoked" get
 * 401 `{ title: "Unauthorized", … }`. Errors are X's problem JSON (`title`, `detail`, `type`, `status`).
 * Tests script failures with `failNext(count, 401 | 429 | 500 | 503)` (or `POST /_fake/fail`
 * `{"status":500,"count":1}`); a 429 carries `x-rate-limit-reset` one second ahead. What was
 * posted: `posts` and `GET /_fake/posts` (each with its media: content type, size, PNG or not, alt text).
 */

export type FakeXMedia = { id: string; mediaType: string; totalBytes: number; chunks: Map<number, Buffer>; size: number; isPng: boolean; finalized: boolean; altText: string | null };
export type FakeXPost = { id: string; url: string; text: string; mediaIds: string[]; token: string; at: string };

export type FakeX = {
  url: string;
  posts: FakeXPost[];
  media: Map<string, FakeXMedia>;
  calls: { method: string; path: string; status: number }[];
  failNext(count: number, status: 401 | 429 | 500 | 503): void;
  reset(): void;
  close(): Promise<void>;
};

export const FAKE_X_USERNAME = "gocoffee";
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PROBLEM = { 401: ["Unauthorized", "Unauthorized"], 429: ["Too Many Requests", "Too Many Requests"], 500: ["Internal Server Error", "Internal error"], 503: ["Service Unavailable", "Service Unavailable"] } as const;

async function raw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A multipart/form-data body's fields as bytes. twitter-api-v2 sends the chunk as a part without a
 * filename, which WHATWG FormData would read as (mangled) text, so the parts are split by hand.
 */
function multipart(contentType: string | undefined, body: Buffer): Map<string, Buffer> {
  const fields = new Map<string, Buffer>();
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? "");
  if (!boundary) return fields;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before the CRLF that precedes the next delimiter
    const split = part.indexOf("\r\n\r\n");
    const name = /name="([^"]+)"/.exec(part.subarray(0, split).toString("utf8"))?.[1];
    if (split >= 0 && name) fields.set(name, Buffer.from(part.subarray(split + 4)));
    at = next;
  }
  return fields;
}

/** X's count for the limit, simply: links are 23, everything else one per code point. */
const counted = (text: string) => [...text.replace(/https?:\/\/\S+/g, "x".repeat(23))].length;

export async function startFakeX(port = 0, host = "127.0.0.1"): Promise<FakeX> {
  const posts: FakeXPost[] = [];
  const media = new Map<string, FakeXMedia>();
  const calls: { method: string; path: string; status: number }[] = [];
  let failures: (401 | 429 | 500 | 503)[] = [];
  // Snowflake-like ids: long decimal strings, as X's.
  let nextId = 1_860_000_000_000_000_000n;
  const newId = () => String(nextId++);

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const path = url.pathname;
      const method = req.method ?? "GET";
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        calls.push({ method, path, status });
        res.writeHead(status, { "content-type": status >= 400 ? "application/problem+json" : "application/json; charset=utf-8", ...headers }).end(JSON.stringify(value));
      };
      const problem = (status: number, title: string, detail: string, extra: object = {}) => json(status, { title, detail, type: "about:blank", status, ...extra });
      const invalid = (message: string) => json(400, { errors: [{ message }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
      const body = async <T>() => {
        try {
          return JSON.parse((await raw(req)).toString("utf8") || "{}") as T;
        } catch {
          return null;
        }
      };

      if (path === "/_fake/posts") return json(200, posts.map(({ token: _t, ...p }) => ({ ...p, media: p.mediaIds.map((id) => { const m = media.get(id); return m ? { id, contentType: m.mediaType, size: m.size, isPng: m.isPng, altText: m.altText } : { id }; }) })));
      if (path === "/_fake/reset" && method === "POST") {
        posts.length = 0;
        media.clear();
        failures = [];
        return json(200, { ok: true });
      }
      if (path === "/_fake/fail" && method === "POST") {
        const f = await body<{ status?: number; count?: number }>();
        if (!f || ![401, 429, 500, 503].includes(f.status ?? 0)) return json(400, { error: "status: 401, 429, 500 or 503" });
        failures.push(...Array.from({ length: f.count ?? 1 }, () => f.status as 401 | 429 | 500 | 503));
        return json(200, { ok: true });
      }
      if (!path.startsWith("/2/")) return problem(404, "Not Found Error", `Could not find ${path}`);

      const failure = failures.shift();
      if (failure) {
        await raw(req);
        const [title, detail] = PROBLEM[failure];
        const reset = failure === 429 ? { "x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.ceil(Date.now() / 1000) + 1) } : undefined;
        return json(failure, { title, detail, type: "about:blank", status: failure }, reset);
      }
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
      if (!token || /invalid|revoked/.test(token)) {
        await raw(req);
        return problem(401, "Unauthorized", "Unauthorized");
      }

      if (method === "GET" && path === "/2/users/me") return json(200, { data: { id: "1860000000000000001", name: "Go Coffee", username: FAKE_X_USERNAME } });

      if (method === "POST" && path === "/2/media/upload/initialize") {
        const b = await body<{ media_type?: unknown; total_bytes?: unknown; media_category?: unknown }>();
        if (!b || typeof b.media_type !== "string" || typeof b.total_bytes !== "number") return invalid("media_type and total_bytes are required");
        if (!/^image\/(png|jpeg|webp|gif)$/.test(b.media_type)) return invalid(`Unsupported media_type ${b.media_type}`);
        const m: FakeXMedia = { id: newId(), mediaType: b.media_type, totalBytes: b.total_bytes, chunks: new Map(), size: 0, isPng: false, finalized: false, altText: null };
        media.set(m.id, m);
        return json(200, { data: { id: m.id, media_key: `3_${m.id}`, expires_after_secs: 86400 } });
      }
      const append = /^\/2\/media\/upload\/(\d+)\/append$/.exec(path);
      if (method === "POST" && append) {
        const m = media.get(append[1]!);
        const form = multipart(req.headers["content-type"], await raw(req));
        if (!m) return problem(404, "Not Found Error", "Media not found");
        const chunk = form.get("media");
        const index = Number(form.get("segment_index")?.toString("utf8"));
        if (!chunk || !Number.isInteger(index)) return invalid("media and segment_index are required (multipart/form-data)");
        m.chunks.set(index, chunk);
        return json(200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } });
      }
      const finalize = /^\/2\/media\/upload\/(\d+)\/finalize$/.exec(path);
      if (method === "POST" && finalize) {
        await raw(req);
        const m = media.get(finalize[1]!);
        if (!m) return problem(404, "Not Found Error", "Media not found");
        const bytes = Buffer.concat([...m.chunks.entries()].sort(([a], [b]) => a - b).map(([, c]) => c));
        if (bytes.length !== m.totalBytes) return invalid(`Received ${bytes.length} bytes, expected ${m.totalBytes}`);
        Object.assign(m, { size: bytes.length, isPng: bytes.subarray(0, 8).equals(PNG_MAGIC), finalized: true });
        return json(200, { data: { id: m.id, media_key: `3_${m.id}`, size: m.size, expires_after_secs: 86400 } });
      }
      if (method === "POST" && path === "/2/media/metadata") {
        const b = await body<{ id?: unknown; metadata?: { alt_text?: { text?: unknown } } }>();
        const m = typeof b?.id === "string" ? media.get(b.id) : undefined;
        if (!m) return invalid("id: media not found");
        const alt = b?.metadata?.alt_text?.text;
        if (typeof alt !== "string" || alt.length > 1000) return invalid("metadata.alt_text.text: at most 1000 characters");
        m.altText = alt;
        return json(200, { data: { id: m.id, associated_metadata: { alt_text: { text: alt } } } });
      }
      if (method === "POST" && path === "/2/tweets") {
        const b = await body<{ text?: unknown; media?: { media_ids?: unknown } }>();
        if (!b) return invalid("Malformed JSON");
        const text = typeof b.text === "string" ? b.text : "";
        const mediaIds = Array.isArray(b.media?.media_ids) ? b.media.media_ids.map(String) : [];
        if (!text && mediaIds.length === 0) return invalid("text or media is required");
        if (counted(text) > 280) return invalid(`text: Tweet text is too long (${counted(text)} > 280)`);
        if (mediaIds.some((id) => !media.get(id)?.finalized)) return invalid("media.media_ids: media not found or not finalized");
        if (posts.some((p) => p.token === token && p.text === text)) return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
        const id = newId();
        const post: FakeXPost = { id, url: `https://x.com/${FAKE_X_USERNAME}/status/${id}`, text, mediaIds, token, at: new Date().toISOString() };
        posts.push(post);
        return json(201, { data: { id, text, edit_history_tweet_ids: [id] } });
      }
      return problem(404, "Not Found Error", `Could not find ${method} ${path}`);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ title: "Internal Server Error", detail: String(error), type: "about:blank", status: 500 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${typeof address === "object" && address ? address.port : port}`,
    posts,
    media,
    calls,
    failNext(count, status) {
      failures.push(...Array.from({ length: count }, () => status));
    },
    reset() {
      posts.length = 0;
      media.clear();
      calls.length = 0;
      failures = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
