import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A local Mastodon instance for tests and the demo: the real `masto` client talks to it through
 * the instance URL an admin connects. It speaks the parts of Mastodon's REST API Go Coffee calls,
 * as https://docs.joinmastodon.org documents them:
 * - `GET /api/v1/accounts/verify_credentials` (the connection check and "Send a test");
 * - `POST /api/v2/media` (multipart/form-data, field `file`), answered 200 with the attachment,
 *   and `GET /api/v1/media/:id` (masto polls it until the attachment has a url);
 * - `POST /api/v1/statuses` (JSON `status`, `media_ids`, `visibility`) honouring the
 *   `Idempotency-Key` header: the same key (for the same token) returns the same status and posts
 *   nothing new, as Mastodon does for an hour.
 * Every request needs `Authorization: Bearer <token>`; tokens containing "invalid" or "revoked"
 * are refused with 401 `{"error":"The access token is invalid"}` (Mastodon's answer). Tests script
 * server failures with `failNext`. What was published: `statuses` and GET /_fake/statuses (each with
 * its media: content type, byte size, whether it is a PNG).
 */

export type FakeMedia = { id: string; contentType: string; size: number; isPng: boolean; description: string | null; bytes: Buffer };
export type FakeStatus = { id: string; url: string; text: string; visibility: string; mediaIds: string[]; idempotencyKey: string | null; token: string; at: string };

export type FakeMastodon = {
  url: string;
  statuses: FakeStatus[];
  media: Map<string, FakeMedia>;
  calls: { method: string; path: string; status: number }[];
  failNext(count: number, status: 429 | 500 | 503): void;
  reset(): void;
  close(): Promise<void>;
};

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function raw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeMastodon(port = 0, host = "127.0.0.1"): Promise<FakeMastodon> {
  const statuses: FakeStatus[] = [];
  const media = new Map<string, FakeMedia>();
  const calls: { method: string; path: string; status: number }[] = [];
  const byKey = new Map<string, FakeStatus>();
  let failures: number[] = [];
  let nextId = 1;
  let base = "";

  const attachment = (m: FakeMedia) => ({ id: m.id, type: "image", url: `${base}/system/media/${m.id}.png`, preview_url: `${base}/system/media/${m.id}.png`, remote_url: null, text_url: null, meta: {}, description: m.description, blurhash: null });
  const account = (token: string) => ({ id: "1", username: "gocoffee", acct: "gocoffee", display_name: "Go Coffee", url: `${base}/@gocoffee`, locked: false, bot: false, created_at: "2026-01-01T00:00:00.000Z", note: "", avatar: "", header: "", followers_count: 0, following_count: 0, statuses_count: statuses.filter((s) => s.token === token).length, fields: [], emojis: [] });

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const path = url.pathname;
      const json = (status: number, value: unknown) => {
        calls.push({ method: req.method ?? "GET", path, status });
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
      };
      if (path === "/_fake/statuses") return json(200, statuses.map(({ token: _t, ...s }) => ({ ...s, media: s.mediaIds.map((id) => { const m = media.get(id); return m ? { id, contentType: m.contentType, size: m.size, isPng: m.isPng, description: m.description } : { id }; }) })));
      if (path === "/_fake/reset" && req.method === "POST") {
        statuses.length = 0;
        media.clear();
        byKey.clear();
        return json(200, { ok: true });
      }
      if (!path.startsWith("/api/")) return json(404, { error: "Record not found" });
      const failure = failures.shift();
      if (failure) {
        await raw(req);
        return json(failure, { error: failure === 429 ? "Too many requests" : "Something went wrong on our end" });
      }
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
      const token = auth?.[1] ?? "";
      if (!token || /invalid|revoked/.test(token)) {
        await raw(req);
        return json(401, { error: "The access token is invalid" });
      }
      if (req.method === "GET" && path === "/api/v1/accounts/verify_credentials") return json(200, account(token));
      if (req.method === "POST" && path === "/api/v2/media") {
        const body = await raw(req);
        const form = await new Request("http://x/", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: new Uint8Array(body) }).formData().catch(() => null);
        const file = form?.get("file");
        if (!form || !file || typeof file === "string") return json(422, { error: "Validation failed: File can't be blank" });
        const bytes = Buffer.from(await file.arrayBuffer());
        const contentType = file.type || "application/octet-stream";
        if (!/^image\/(png|jpeg|webp|gif)$/.test(contentType)) return json(422, { error: `Validation failed: File content type is invalid (${contentType})` });
        const description = form.get("description");
        const m: FakeMedia = { id: String(nextId++), contentType, size: bytes.length, isPng: bytes.subarray(0, 8).equals(PNG_MAGIC), description: typeof description === "string" ? description : null, bytes };
        media.set(m.id, m);
        return json(200, attachment(m));
      }
      const mediaGet = /^\/api\/v1\/media\/(\d+)$/.exec(path);
      if (req.method === "GET" && mediaGet) {
        const m = media.get(mediaGet[1]!);
        return m ? json(200, attachment(m)) : json(404, { error: "Record not found" });
      }
      if (req.method === "POST" && path === "/api/v1/statuses") {
        const body = await raw(req);
        let data: { status?: unknown; media_ids?: unknown; visibility?: unknown };
        try {
          data = JSON.parse(body.toString("utf8")) as typeof data;
        } catch {
          return json(400, { error: "Malformed JSON" });
        }
        const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
        const existing = key ? byKey.get(`${token}\n${key}`) : undefined;
        const mediaIds = Array.isArray(data.media_ids) ? data.media_ids.map(String) : [];
        const text = typeof data.status === "string" ? data.status : "";
        if (!existing) {
          if (!text && mediaIds.length === 0) return json(422, { error: "Validation failed: Text can't be blank" });
          if (text.length > 500) return json(422, { error: "Validation failed: Text character limit of 500 exceeded" });
          if (mediaIds.some((id) => !media.has(id))) return json(422, { error: "Validation failed: media not found" });
        }
        const status = existing ?? { id: String(nextId++), url: "", text, visibility: typeof data.visibility === "string" ? data.visibility : "public", mediaIds, idempotencyKey: key, token, at: new Date().toISOString() };
        if (!existing) {
          status.url = `${base}/@gocoffee/${status.id}`;
          statuses.push(status);
          if (key) byKey.set(`${token}\n${key}`, status);
        }
        return json(200, { id: status.id, uri: status.url, url: status.url, created_at: status.at, content: `<p>${status.text}</p>`, visibility: status.visibility, sensitive: false, spoiler_text: "", media_attachments: status.mediaIds.map((id) => attachment(media.get(id)!)), account: account(token), mentions: [], tags: [], emojis: [], reblogs_count: 0, favourites_count: 0, replies_count: 0 });
      }
      return json(404, { error: "Record not found" });
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  base = `http://${host}:${typeof address === "object" && address ? address.port : port}`;
  return {
    url: base,
    statuses,
    media,
    calls,
    failNext(count, status) {
      failures.push(...Array.from({ length: count }, () => status));
    },
    reset() {
      statuses.length = 0;
      media.clear();
      byKey.clear();
      calls.length = 0;
      failures = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
