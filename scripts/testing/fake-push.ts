import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer } from "node:http";
import ece from "http_ece";
import { readBody, sendJson } from "./fake-http";

/**
 * A local Web Push service (RFC 8030) with the browser's half of the encryption: it hands out
 * subscriptions as a browser's PushManager would (an endpoint here, a P-256 key pair and an auth
 * secret it keeps), receives pushes the way FCM or Mozilla's service does (POST, TTL, Urgency,
 * Topic, a VAPID JWT in Authorization, RFC 8292) and decrypts their aes128gcm payloads (RFC 8291)
 * with the kept keys, so a test reads exactly what a phone would show.
 *
 * - `POST /_fake/subscriptions` → a PushSubscription's JSON ({ endpoint, keys: { p256dh, auth } })
 * - `POST /push/<id>` → 201 (or what `POST /_fake/answer` queued: e.g. 500 then 410)
 * - `GET /_fake/messages` → what was received: headers checked, payload decrypted
 * Bad VAPID (missing, unsigned by the key it names, wrong audience, expired) is refused with 401/403 as the real services do.
 */

export type ReceivedPush = { subscription: string; ttl: number; urgency: string | null; topic: string | null; payload: string; vapidSubject: string; at: string };
export type FakePush = { url: string; subscribe(): { endpoint: string; keys: { p256dh: string; auth: string } }; messages: ReceivedPush[]; answerNext(...statuses: number[]): void; close(): Promise<void> };

type Kept = { ecdh: ReturnType<typeof createECDH>; auth: Buffer };

const b64u = (b: Buffer) => b.toString("base64url");

/** The claims of a VAPID JWT signed by `k` (the raw P-256 public key, base64url), or an error sentence. */
function checkVapid(header: string | undefined, audience: string): { sub: string } | string {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!m) return "missing vapid authorization";
  const [, jwt, k] = m as unknown as [string, string, string];
  const [h, p, s] = jwt.split(".");
  if (!h || !p || !s) return "malformed JWT";
  const raw = Buffer.from(k, "base64url");
  if (raw.length !== 65) return "k is not a P-256 public key";
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33)) }, format: "jwk" });
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))) return "JWT signature does not match k";
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { aud?: string; exp?: number; sub?: string };
  if (claims.aud !== audience) return `aud must be ${audience}`;
  const now = Date.now() / 1000;
  if (!claims.exp || claims.exp < now || claims.exp > now + 24 * 3600) return "exp must be within 24 hours";
  if (!claims.sub) return "sub (a contact) is required";
  return { sub: claims.sub };
}

export async function startFakePush(port = 0): Promise<FakePush> {
  const kept = new Map<string, Kept>();
  const messages: ReceivedPush[] = [];
  const answers: number[] = [];
  let origin = "";

  const subscribe = () => {
    const id = randomBytes(12).toString("hex");
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16);
    kept.set(id, { ecdh, auth });
    return { endpoint: `${origin}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      if (req.method === "POST" && url.pathname === "/_fake/subscriptions") return sendJson(res, 201, subscribe());
      if (req.method === "GET" && url.pathname === "/_fake/messages") return sendJson(res, 200, messages);
      if (req.method === "POST" && url.pathname === "/_fake/answer") {
        answers.push(...(JSON.parse(await readBody(req)) as number[]));
        return sendJson(res, 200, { queued: answers.length });
      }
      const push = /^\/push\/([0-9a-f]+)$/.exec(url.pathname);
      if (req.method !== "POST" || !push) return sendJson(res, 404, { error: "not found" });
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const sub = kept.get(push[1]!);
      if (!sub) return sendJson(res, 410, { error: "subscription expired or unsubscribed" });
      const vapid = checkVapid(req.headers.authorization, origin);
      if (typeof vapid === "string") return sendJson(res, vapid.startsWith("missing") ? 401 : 403, { error: vapid });
      const ttl = Number(req.headers.ttl);
      if (!Number.isInteger(ttl) || ttl < 0) return sendJson(res, 400, { error: "TTL header required" });
      if (req.headers["content-encoding"] !== "aes128gcm") return sendJson(res, 415, { error: "Content-Encoding must be aes128gcm" });
      const queued = answers.shift();
      if (queued && queued !== 201) return sendJson(res, queued, { error: `queued answer ${queued}` });
      const payload = ece.decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: sub.ecdh, authSecret: b64u(sub.auth) }).toString();
      messages.push({ subscription: push[1]!, ttl, urgency: (req.headers.urgency as string) ?? null, topic: (req.headers.topic as string) ?? null, payload, vapidSubject: vapid.sub, at: new Date().toISOString() });
      res.writeHead(201, { location: `${origin}/messages/${messages.length}` });
      res.end();
    })().catch((error: unknown) => sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: origin,
    subscribe,
    messages,
    answerNext: (...statuses) => void answers.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
