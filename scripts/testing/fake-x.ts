import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

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
 * - OAuth 2.0 with PKCE (https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code):
 *   `GET /i/oauth2/authorize` is X's consent page ("Authorize app" / "Cancel", back to the
 *   redirect_uri with `code` and `state`, or `error=access_denied`) for client FAKE_X_CLIENT_ID;
 *   `POST /2/oauth2/token` (form or JSON: twitter-api-v2 1.29 sends JSON) takes
 *   `grant_type=authorization_code` (the code once, its redirect_uri, and a `code_verifier` whose
 *   S256 is the challenge) or `grant_type=refresh_token`, and answers `{ token_type, expires_in,
 *   access_token, scope, refresh_token }`. Refresh tokens rotate: a used one is refused (400
 *   `invalid_request`) as X does. Access tokens it issued expire after `tokenLifetime(s)` (7200 s by default).
 *   `POST /2/oauth2/revoke` (`token`, `token_type_hint`, `client_id`) kills a token (RFC 7009: 200 for
 *   an unknown one too); what was asked is in `revocations`. `failNext` applies to it.
 * Every request needs `Authorization: Bearer <token>`; tokens containing "invalid" or "revoked", revoked
 * tokens, and issued tokens past their life, get 401 `{ title: "Unauthorized", … }`. Errors are X's problem JSON (`title`, `detail`, `type`, `status`).
 * Tests script failures with `failNext(count, 401 | 429 | 500 | 503)` (or `POST /_fake/fail`
 * `{"status":500,"count":1}`); a 429 carries `x-rate-limit-reset` one second ahead. What was
 * posted: `posts` and `GET /_fake/posts` (each with its media: content type, size, PNG or not, alt text).
 */

export type FakeXMedia = { id: string; mediaType: string; totalBytes: number; chunks: Map<number, Buffer>; size: number; isPng: boolean; finalized: boolean; altText: string | null };
export type FakeXRevocation = { tokenTypeHint: string; token: string; /** a token the fake issued */ known: boolean };
export type FakeXPost = { id: string; url: string; text: string; mediaIds: string[]; token: string; at: string };

export type FakeX = {
  url: string;
  /** Access tokens issued from now on live this many seconds. */
  tokenLifetime(seconds: number): void;
  /** Every token request: its grant type and what it answered. */
  tokenRequests: { grantType: string; status: number }[];
  /** Every revocation asked for, in order. */
  revocations: FakeXRevocation[];
  posts: FakeXPost[];
  media: Map<string, FakeXMedia>;
  calls: { method: string; path: string; status: number }[];
  failNext(count: number, status: 401 | 429 | 500 | 503): void;
  reset(): void;
  close(): Promise<void>;
};

export const FAKE_X_USERNAME = "gocoffee";
/** The one app registered at the fake (an X app's OAuth 2.0 client ID). */
export const FAKE_X_CLIENT_ID = "Z29jb2ZmZWUtZmFrZS1jbGllbnQ";
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

/** An OAuth request's body: form-encoded as RFC 6749 says, or JSON as twitter-api-v2 1.29 sends it. */
function formOrJson(contentType: string | undefined, text: string): Record<string, string> {
  try {
    return (contentType ?? "").includes("json") ? (JSON.parse(text) as Record<string, string>) : Object.fromEntries(new URLSearchParams(text));
  } catch {
    return {};
  }
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
  // OAuth 2.0: codes handed to the consent page's redirect, tokens issued, refresh tokens (one use each).
  let lifetimeS = 7200;
  const codes = new Map<string, { redirectUri: string; challenge: string; scope: string; expiresAt: number }>();
  const issued = new Map<string, number>(); // access token → expiry (ms)
  const refreshable = new Map<string, { scope: string; used: boolean }>();
  const tokenRequests: { grantType: string; status: number }[] = [];
  const revoked = new Set<string>();
  const revocations: FakeXRevocation[] = [];
  const secret = () => randomBytes(24).toString("base64url");

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
      if (path === "/i/oauth2/authorize") return authorize(req, res, url, method);
      if (method === "POST" && path === "/2/oauth2/token") return tokenGrant(req, json);
      if (!path.startsWith("/2/")) return problem(404, "Not Found Error", `Could not find ${path}`);

      const failure = failures.shift();
      if (failure) {
        await raw(req);
        const [title, detail] = PROBLEM[failure];
        const reset = failure === 429 ? { "x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.ceil(Date.now() / 1000) + 1) } : undefined;
        return json(failure, { title, detail, type: "about:blank", status: failure }, reset);
      }
      if (method === "POST" && path === "/2/oauth2/revoke") return revoke(req, json);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
      const expiry = issued.get(token);
      if (!token || /invalid|revoked/.test(token) || revoked.has(token) || (expiry !== undefined && expiry < Date.now())) {
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
  /** X's consent page: GET shows it, POST is its buttons; back to the app's redirect_uri either way. */
  async function authorize(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    const q = method === "POST" ? new URLSearchParams((await raw(req)).toString("utf8")) : url.searchParams;
    const page = (status: number, body: string) => res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="en"><head><title>X</title></head><body><main>${body}</main></body></html>`);
    const redirectUri = q.get("redirect_uri") ?? "";
    const state = q.get("state") ?? "";
    const challenge = q.get("code_challenge") ?? "";
    if (q.get("client_id") !== FAKE_X_CLIENT_ID) return page(400, "<h1>Something went wrong</h1><p>This app is not registered (client_id).</p>");
    if (q.get("response_type") !== "code" || !/^https?:\/\//.test(redirectUri) || !state || !challenge || q.get("code_challenge_method")?.toLowerCase() !== "s256") return page(400, "<h1>Something went wrong</h1><p>response_type, redirect_uri, state and an S256 code_challenge are required.</p>");
    const back = new URL(redirectUri);
    back.searchParams.set("state", state);
    if (method === "POST") {
      if (q.get("decision") !== "allow") back.searchParams.set("error", "access_denied");
      else {
        const code = secret();
        codes.set(code, { redirectUri, challenge, scope: q.get("scope") ?? "", expiresAt: Date.now() + 30_000 });
        back.searchParams.set("code", code);
      }
      return res.writeHead(302, { location: back.toString() }).end();
    }
    const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}">`).join("");
    return page(200, `<h1>Go Coffee wants to access your X account</h1><p>Signed in as @${FAKE_X_USERNAME}. It will be able to: ${(url.searchParams.get("scope") ?? "").split(" ").join(", ")}.</p><form method="post">${hidden}<button name="decision" value="allow">Authorize app</button> <button name="decision" value="deny">Cancel</button></form>`);
  }

  /** POST /2/oauth2/revoke (RFC 7009): the token is dead from now on; an unknown token is answered alike, as the RFC asks. */
  async function revoke(req: IncomingMessage, json: (status: number, value: unknown) => void) {
    const b = formOrJson(req.headers["content-type"], (await raw(req)).toString("utf8"));
    if (b.client_id !== FAKE_X_CLIENT_ID) return json(400, { error: "invalid_request", error_description: "Missing valid authorization header" });
    const token = b.token ?? "";
    const known = issued.has(token) || refreshable.has(token);
    revoked.add(token);
    refreshable.delete(token);
    revocations.push({ tokenTypeHint: b.token_type_hint ?? "", token, known });
    return json(200, { revoked: true });
  }

  /** POST /2/oauth2/token: a code (with its verifier) or a refresh token for a new pair. */
  async function tokenGrant(req: IncomingMessage, json: (status: number, value: unknown) => void) {
    const b = formOrJson(req.headers["content-type"], (await raw(req)).toString("utf8"));
    const refuse = (description: string) => {
      tokenRequests.push({ grantType: String(b.grant_type), status: 400 });
      return json(400, { error: "invalid_request", error_description: description });
    };
    if (b.client_id !== FAKE_X_CLIENT_ID) return refuse("Missing valid authorization header");
    let scope: string;
    if (b.grant_type === "authorization_code") {
      const c = codes.get(b.code ?? "");
      codes.delete(b.code ?? "");
      if (!c || c.expiresAt < Date.now() || c.redirectUri !== b.redirect_uri) return refuse("Value passed for the authorization code was invalid.");
      if (createHash("sha256").update(b.code_verifier ?? "").digest("base64url") !== c.challenge) return refuse("Value passed for the code verifier was invalid.");
      scope = c.scope;
    } else if (b.grant_type === "refresh_token") {
      const r = refreshable.get(b.refresh_token ?? "");
      if (!r || r.used) return refuse("Value passed for the token was invalid.");
      r.used = true;
      scope = r.scope;
    } else return refuse("Unsupported grant_type");
    const access = secret();
    issued.set(access, Date.now() + lifetimeS * 1000);
    const answer: Record<string, unknown> = { token_type: "bearer", expires_in: lifetimeS, access_token: access, scope };
    if (scope.split(" ").includes("offline.access")) {
      const refresh = secret();
      refreshable.set(refresh, { scope, used: false });
      answer.refresh_token = refresh;
    }
    tokenRequests.push({ grantType: b.grant_type, status: 200 });
    return json(200, answer);
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${typeof address === "object" && address ? address.port : port}`,
    posts,
    media,
    calls,
    tokenRequests,
    revocations,
    tokenLifetime(seconds) {
      lifetimeS = seconds;
    },
    failNext(count, status) {
      failures.push(...Array.from({ length: count }, () => status));
    },
    reset() {
      posts.length = 0;
      media.clear();
      calls.length = 0;
      tokenRequests.length = 0;
      revocations.length = 0;
      lifetimeS = 7200;
      failures = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
