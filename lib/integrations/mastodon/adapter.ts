import { createRestAPIClient, MastoHttpError, MastoTimeoutError } from "masto";
import type { Adapter, Failure } from "../adapter";
import { illustrationPng } from "./image";

/** Where a connection posts: the instance, and the account it verified as at connect time. */
export type MastodonConfig = { instanceUrl: string; account?: string };

/** A post (text + our illustration), or "Send a test" (verify_credentials: nothing is published). */
export type MastodonMessage =
  | { type: "status"; text: string; imagePath: string; imageDescription: string; proposalId: string; idempotencyKey: string; summary: string }
  | { type: "test"; text: string; summary?: string };

export type MastodonAdapter = Adapter<MastodonConfig, MastodonMessage>;

/**
 * The Mastodon adapter over the `masto` client (createRestAPIClient, base URL = the instance).
 * A post uploads the PNG (POST /api/v2/media; masto waits until the attachment is processed),
 * then publishes the status with that media id and an `Idempotency-Key` header: the delivery's
 * key, so a delivery sent again (a retry after a lost answer, a lease that ran out) returns the
 * same status instead of a second one (Mastodon keeps keys for an hour; our delivery log, keyed
 * the same, guards beyond that). Returns the status's public URL, kept as the delivery's
 * external ref and shown on the Social screen. The engine owns retries and the circuit breaker.
 */
export function mastodonAdapter(opts: { timeoutMs?: number; publicDir?: string } = {}): MastodonAdapter {
  const client = (token: string, config: MastodonConfig) => createRestAPIClient({ url: config.instanceUrl, accessToken: token, timeout: opts.timeoutMs ?? 15_000, log: "error", mediaTimeout: 60_000 });
  const classify = (error: unknown): Failure => {
    if (error instanceof MastoHttpError) {
      const s = error.statusCode;
      const said = error.message ? `: ${error.message}` : "";
      if (s === 401 || s === 403) return { kind: "credential", reason: `Mastodon refused the access token (${s}${said}). Create a new token with the write:statuses, write:media and read:accounts scopes and reconnect.` };
      if (s === 429) return { kind: "transient", reason: `Mastodon is rate limiting (429)` };
      if (s >= 500 || s === 408) return { kind: "transient", reason: `Mastodon answered HTTP ${s}${said}` };
      return { kind: "permanent", reason: `Mastodon refused the post (${s}${said})` };
    }
    if (error instanceof MastoTimeoutError) return { kind: "transient", reason: `Mastodon did not answer in time (${error.message})` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "transient", reason: `Mastodon could not be reached (${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))})` };
  };
  return {
    async verify(token, config) {
      try {
        const me = await client(token, config).v1.accounts.verifyCredentials();
        return { ok: true, label: `@${me.acct}${me.url ? ` (${me.url})` : ""}` };
      } catch (error) {
        return { ok: false, reason: classify(error).reason };
      }
    },
    async send(token, config, message) {
      const masto = client(token, config);
      if (message.type === "test") {
        const me = await masto.v1.accounts.verifyCredentials();
        return me.url ?? `@${me.acct}`;
      }
      const png = await illustrationPng(message.imagePath, opts.publicDir);
      const media = await masto.v2.media.create({ file: new Blob([new Uint8Array(png)], { type: "image/png" }), description: message.imageDescription });
      const status = await masto.v1.statuses.create({ status: message.text, mediaIds: [media.id], visibility: "public" }, { requestInit: { headers: { "Idempotency-Key": message.idempotencyKey } } });
      return status.url ?? status.uri;
    },
    classify,
  };
}

/**
 * The instance URL an admin may connect: https, or http only to this machine (a local instance,
 * the tests' fake). No path, query or credentials in it.
 */
export function parseInstanceUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.username || u.password || u.search || u.hash || (u.pathname !== "/" && u.pathname !== "")) return null;
  const local = u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]";
  if (u.protocol !== "https:" && !(u.protocol === "http:" && local)) return null;
  return u.origin;
}
