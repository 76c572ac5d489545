import { ApiResponseError, TwitterApi } from "twitter-api-v2";
import { X_API_URL, xClientSettings } from "./adapter";

/**
 * X's OAuth 2.0 authorization code flow with PKCE, for a public client (the admin's X app, by its
 * client ID; no secret is kept): the admin is sent to X's consent page, X sends them back to
 * `/api/integrations/x/callback` with a code, and the code becomes an access token (2 hours) and,
 * with the `offline.access` scope, a refresh token. X rotates refresh tokens: each refresh answers
 * a new pair and the old refresh token stops working, so the new pair must be stored before use.
 * The calls go through twitter-api-v2 (generateOAuth2AuthLink, loginWithOAuth2, refreshOAuth2Token).
 */

/** Where X sends the admin back (register APP_URL + this as the X app's callback URI). */
export const X_CALLBACK_PATH = "/api/integrations/x/callback";
/** The cookie that carries the sealed start to the callback (and only to its path). */
export const X_AUTHORIZATION_COOKIE = "gc_x_authorization";

/** What posting needs; offline.access gives the refresh token. */
export const X_SCOPES = ["tweet.read", "tweet.write", "users.read", "media.write", "offline.access"];

/** What the encrypted credential holds for a connection made through the flow (a pasted token is the bare string). */
export type XTokens = { accessToken: string; refreshToken?: string; /** ms since epoch */ expiresAt?: number; clientId?: string };

/** Refresh this long before the access token's end, so a post never goes out with a token about to expire. */
const REFRESH_MARGIN_MS = 2 * 60_000;

/** The stored credential: JSON from the flow, or a bare access token pasted by an admin (older connections). */
export function parseXCredential(credential: string): XTokens {
  if (!credential.startsWith("{")) return { accessToken: credential };
  const t = JSON.parse(credential) as XTokens;
  if (typeof t.accessToken !== "string" || !t.accessToken) throw new Error("the stored X credential has no access token");
  return t;
}

export const serializeXCredential = (t: XTokens): string => JSON.stringify(t);

export function needsRefresh(t: XTokens, now = Date.now()): boolean {
  return Boolean(t.refreshToken && t.clientId && t.expiresAt !== undefined && t.expiresAt - now < REFRESH_MARGIN_MS);
}

/** X's consent page; for a local stand-in of the API, the same path at its address. */
export function xAuthorizationLink(apiUrl: string, clientId: string, redirectUri: string): { url: string; state: string; codeVerifier: string } {
  const { url, state, codeVerifier } = new TwitterApi({ clientId }).generateOAuth2AuthLink(redirectUri, { scope: X_SCOPES });
  if (apiUrl === X_API_URL) return { url, state, codeVerifier };
  const local = new URL(url);
  const base = new URL(apiUrl);
  local.protocol = base.protocol;
  local.host = base.host;
  return { url: local.toString(), state, codeVerifier };
}

const tokensOf = (r: { accessToken: string; refreshToken?: string; expiresIn: number }, clientId: string, now: number): XTokens => ({
  accessToken: r.accessToken,
  ...(r.refreshToken ? { refreshToken: r.refreshToken } : {}),
  expiresAt: now + r.expiresIn * 1000,
  clientId,
});

/** The code X sent back, exchanged for tokens (the verifier proves this server started the flow). */
export async function exchangeXCode(apiUrl: string, p: { clientId: string; code: string; codeVerifier: string; redirectUri: string; timeoutMs?: number }): Promise<XTokens> {
  const client = new TwitterApi({ clientId: p.clientId }, xClientSettings(apiUrl, p.timeoutMs ?? 15_000));
  const now = Date.now();
  return tokensOf(await client.loginWithOAuth2({ code: p.code, codeVerifier: p.codeVerifier, redirectUri: p.redirectUri }), p.clientId, now);
}

/** A new pair for the refresh token (which X then no longer accepts). */
export async function refreshXTokens(apiUrl: string, t: XTokens, timeoutMs = 15_000): Promise<XTokens> {
  if (!t.refreshToken || !t.clientId) throw new Error("this X connection has no refresh token: reconnect it");
  const client = new TwitterApi({ clientId: t.clientId }, xClientSettings(apiUrl, timeoutMs));
  const now = Date.now();
  return tokensOf(await client.refreshOAuth2Token(t.refreshToken), t.clientId, now);
}

/**
 * Undoes the connection at X when it is removed (X's `POST /2/oauth2/revoke`): the refresh token
 * first, so no new pair can be made from it, then the access token. Answers the phrase the audit
 * line ends with. Best effort: the connection is removed whatever X says, and the phrase tells the
 * admin what is left to do. A token pasted by hand has no client ID to revoke it with.
 */
export async function revokeXTokens(apiUrl: string, t: XTokens, timeoutMs = 15_000): Promise<string> {
  if (!t.clientId) return "; its pasted token was not revoked at X (only tokens of X's consent page can be): regenerate it in X's developer portal";
  const client = new TwitterApi({ clientId: t.clientId }, xClientSettings(apiUrl, timeoutMs));
  try {
    if (t.refreshToken) await client.revokeOAuth2Token(t.refreshToken, "refresh_token");
    await client.revokeOAuth2Token(t.accessToken, "access_token");
    return "; its tokens revoked at X";
  } catch (error) {
    const reason = error instanceof ApiResponseError ? `${error.code}` : error instanceof Error ? error.message : String(error);
    return `; X did not confirm revoking its tokens (${reason}): remove Go Coffee under "Connected apps" in the X account's settings`;
  }
}
