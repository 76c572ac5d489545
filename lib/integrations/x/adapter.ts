import { Agent as HttpAgent } from "node:http";
import { ApiRequestError, ApiResponseError, TwitterApi, type IClientSettings, type ITwitterApiClientPlugin } from "twitter-api-v2";
import type { Adapter, Failure } from "../adapter";
import { illustrationPng } from "../mastodon/image";
import { needsRefresh, parseXCredential, refreshXTokens, serializeXCredential } from "./oauth";

/** X's API as twitter-api-v2 addresses it (its v2 prefix is `https://api.x.com/2/`). */
export const X_API_URL = "https://api.x.com";

/** Where a connection posts: the API's base URL, and the account it verified as (users/me) at connect time. */
export type XConfig = { apiUrl: string; account?: string; username?: string; /** The X app's OAuth 2.0 client ID, for a connection made with X's consent page (public, not a secret). */ clientId?: string };

/** A post (text already fitted to 280, our illustration), or "Send a test" (GET /2/users/me: nothing is published). */
export type XMessage =
  | { type: "post"; text: string; imagePath: string; imageDescription: string; proposalId: string; summary: string }
  | { type: "test"; text: string; summary?: string };

export type XAdapter = Adapter<XConfig, XMessage>;

/**
 * twitter-api-v2 has its hosts built in (API_V2_PREFIX). This plugin sends each request to the
 * connection's base URL instead (its `onBeforeRequestConfig` hook runs before the URL is read) and
 * sets the request timeout; for an http base (only ever this machine: the fake) the request goes
 * through an http Agent, as the library's https.request accepts the protocol of the agent it is given.
 */
function baseUrlPlugin(apiUrl: string, timeoutMs: number): ITwitterApiClientPlugin {
  return {
    onBeforeRequestConfig({ params }) {
      if (apiUrl !== X_API_URL) params.url = params.url.replace(/^https:\/\/api\.x\.com\//, `${apiUrl}/`);
      params.timeout ??= timeoutMs;
    },
  };
}

/**
 * The X adapter over the `twitter-api-v2` client, with the account's OAuth 2.0 user access token
 * (scopes tweet.read, tweet.write, users.read, media.write) as its bearer. A post uploads the PNG
 * with the v2 chunked upload twitter-api-v2 1.29 uses (POST /2/media/upload/initialize, …/append,
 * …/finalize), gives it its description (POST /2/media/metadata), then creates the post
 * (POST /2/tweets with the media id) and returns its public link, https://x.com/<username>/status/<id>,
 * kept as the delivery's external ref and shown on the Social screen.
 *
 * Once: X has no Idempotency-Key. What keeps a post single is our side: one delivery per approval
 * and connection (its key, so a redelivered or replayed approval records nothing), and a delivered
 * delivery is never sent again. The remaining window is a post X created whose answer we never got
 * (a timeout or a 5xx after the write, or the worker stopped before recording it): the engine sends
 * it again. X then refuses the same text from the same account as a duplicate (403 "duplicate
 * content"), which is classified below as permanent with that sentence, not as a broken
 * credential: the delivery is dead and says the post was most likely published already; its link
 * is not known. A manager's edited text (different) would post twice in that window.
 */
export function xAdapter(opts: { timeoutMs?: number; publicDir?: string } = {}): XAdapter {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const client = (token: string, config: XConfig) => new TwitterApi(token, xClientSettings(config.apiUrl, timeoutMs)).v2;
  const classify = (error: unknown): Failure => {
    if (error instanceof XRefreshRefused) return { kind: "credential", reason: error.message };
    if (error instanceof ApiResponseError) {
      const s = error.code;
      const data = error.data as { detail?: string; title?: string; errors?: { message?: string; detail?: string }[] } | undefined;
      const detail = data?.detail ?? data?.errors?.[0]?.message ?? data?.errors?.[0]?.detail ?? data?.title;
      const said = detail ? `: ${detail}` : "";
      if (s === 403 && /duplicate/i.test(detail ?? "")) return { kind: "permanent", reason: `X refused the post as a duplicate (403${said}): the same text was most likely published already by an earlier attempt whose answer was lost` };
      if (s === 401 || s === 403) return { kind: "credential", reason: `X refused the access token (${s}${said}). Make a new OAuth 2.0 user token with the tweet.read, tweet.write, users.read and media.write scopes and reconnect.` };
      if (s === 429) {
        // x-rate-limit-reset is the epoch second the window reopens; the engine caps the wait.
        const reset = error.rateLimit?.reset;
        return { kind: "transient", reason: `X is rate limiting (429)`, ...(reset ? { retryAfterMs: Math.max(0, reset * 1000 - Date.now()) } : {}) };
      }
      if (s >= 500 || s === 408) return { kind: "transient", reason: `X answered HTTP ${s}${said}` };
      return { kind: "permanent", reason: `X refused the post (${s}${said})` };
    }
    if (error instanceof ApiRequestError) {
      // 1.29 builds this error with its cause under `error` while the `requestError` getter reads another key.
      const cause = (error.requestError ?? (error as unknown as { _options?: { error?: Error } })._options?.error) as { code?: string; message?: string } | undefined;
      return { kind: "transient", reason: `X could not be reached (${cause?.code ?? cause?.message ?? error.message})` };
    }
    return { kind: "transient", reason: `X could not be reached (${error instanceof Error ? error.message : String(error)})` };
  };
  return {
    async verify(credential, config) {
      try {
        const { data: me } = await client(parseXCredential(credential).accessToken, config).me();
        return { ok: true, label: `@${me.username}` };
      } catch (error) {
        return { ok: false, reason: classify(error).reason };
      }
    },
    async send(credential, config, message, ctx) {
      let tokens = parseXCredential(credential);
      // A rotated pair is stored before it is used: X accepts the old refresh token no more.
      const refresh = async () => {
        tokens = await refreshXTokens(config.apiUrl, tokens, timeoutMs).catch((error: unknown) => {
          throw refreshFailure(error);
        });
        await ctx!.saveCredential(serializeXCredential(tokens));
      };
      const canRefresh = ctx !== undefined && tokens.refreshToken !== undefined;
      if (canRefresh && needsRefresh(tokens)) await refresh();
      const publish = async () => {
        const x = client(tokens.accessToken, config);
        if (message.type === "test") {
          const { data: me } = await x.me();
          return `https://x.com/${me.username}`;
        }
        const png = await illustrationPng(message.imagePath, opts.publicDir);
        const mediaId = await x.uploadMedia(png, { media_type: "image/png", media_category: "tweet_image" });
        await x.createMediaMetadata(mediaId, { alt_text: { text: message.imageDescription.slice(0, 1000) } });
        const { data: post } = await x.tweet({ text: message.text, media: { media_ids: [mediaId] } });
        return postLink(config, post.id);
      };
      try {
        return await publish();
      } catch (error) {
        // Revoked early or expired sooner than X said: one refresh, one more try.
        if (!(canRefresh && error instanceof ApiResponseError && error.code === 401)) throw error;
        await refresh();
        return publish();
      }
    },
    classify,
  };
}

/** The client options every X call uses: the connection's base URL, the timeout, and an http Agent for a local stand-in. */
export function xClientSettings(apiUrl: string, timeoutMs: number): Partial<IClientSettings> {
  return { plugins: [baseUrlPlugin(apiUrl, timeoutMs)], ...(apiUrl.startsWith("http:") ? { httpAgent: new HttpAgent() } : {}) };
}

/** X would not refresh the token (revoked, or the refresh token already used): an admin must connect again. */
class XRefreshRefused extends Error {}

function refreshFailure(error: unknown): Error {
  if (error instanceof ApiResponseError && error.code >= 400 && error.code < 500) {
    const data = error.data as { error_description?: string; error?: string } | undefined;
    return new XRefreshRefused(`X would not renew the access token (${error.code}: ${data?.error_description ?? data?.error ?? "refused"}). Connect the account with X again.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** A post's public link; the username is the one the token verified as when connected. */
export function postLink(config: XConfig, id: string): string {
  return config.username ? `https://x.com/${config.username}/status/${id}` : `https://x.com/i/web/status/${id}`;
}
