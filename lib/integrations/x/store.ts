import { timingSafeEqual } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { decrypt, encrypt, type KeyRing } from "../crypto";
import { parseInstanceUrl } from "../mastodon/adapter";
import { SOCIAL_POST_DELIVERY } from "../social/posts";
import { assertShopsExist, findConnection, renewConnection } from "../store";
import { X_API_URL, type XAdapter, type XConfig } from "./adapter";
import { exchangeXCode, serializeXCredential, xAuthorizationLink } from "./oauth";

/**
 * Connecting an X account for a shop's approved social posts: the API base URL (X's own unless a
 * local stand-in: https, or http only to this machine, no path), and an OAuth 2.0 user access
 * token checked with GET /2/users/me before anything is stored, then kept encrypted like every
 * credential. The account's username is kept: it makes the posts' public links.
 */

const tokenText = z.string().trim().min(1, "paste the access token").max(512);

export const connectXInput = z.object({
  name: z.string().trim().min(1, "give the connection a name").max(80),
  apiUrl: z
    .string()
    .trim()
    .max(200)
    .default(X_API_URL)
    .transform((v, ctx) => {
      const url = parseInstanceUrl(v || X_API_URL);
      if (!url) ctx.addIssue({ code: "custom", message: `the API's https address, such as ${X_API_URL} (no path)` });
      return url ?? "";
    }),
  token: tokenText,
  shopIds: z.array(z.uuid()).max(500).default([]),
});

/** "@name" as users/me answered, and the name alone for links. */
const accountOf = (label: string): Pick<XConfig, "account" | "username"> => ({ account: label, username: label.replace(/^@/, "") });

export async function connectX(db: Db, ring: KeyRing, x: XAdapter, input: unknown, actor?: AuditActor): Promise<{ id: string }> {
  const data = connectXInput.parse(input);
  await assertShopsExist(db, data.shopIds);
  const check = await x.verify(data.token, { apiUrl: data.apiUrl });
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  return createXConnection(db, ring, { name: data.name, apiUrl: data.apiUrl, shopIds: data.shopIds }, data.token, check.label, "a pasted token", actor);
}

async function createXConnection(db: Db, ring: KeyRing, data: { name: string; apiUrl: string; shopIds: string[]; clientId?: string }, credential: string, label: string, how: string, actor?: AuditActor): Promise<{ id: string }> {
  const id = uuidv7();
  const config: XConfig = { apiUrl: data.apiUrl, ...accountOf(label), ...(data.clientId ? { clientId: data.clientId } : {}) };
  await db.$transaction(async (tx) => {
    await tx.integration.create({ data: { id, kind: "X", name: data.name, credentials: encrypt(ring, credential, id), config, shopIds: data.shopIds, events: [SOCIAL_POST_DELIVERY] } });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.connected", target: `integration:${id}`, summary: `Connected X "${data.name}" as ${label} with ${how}${data.apiUrl === X_API_URL ? "" : ` at ${data.apiUrl}`}`, after: { apiUrl: data.apiUrl, account: label, shopIds: data.shopIds } });
  });
  return { id };
}

/*
 * Connecting with X's consent page instead of a pasted token (oauth.ts): the tokens renew
 * themselves, where a pasted one stops after two hours. The start seals what the callback needs
 * (state, PKCE verifier, client ID, label, shops) with the integrations key, bound to the admin
 * who started, into a short-lived cookie; the callback opens it, checks the state X sent back,
 * trades the code for tokens and stores the connection.
 */

export const startXInput = z.object({
  name: connectXInput.shape.name,
  apiUrl: connectXInput.shape.apiUrl,
  clientId: z
    .string()
    .trim()
    .min(1, "paste your X app's OAuth 2.0 client ID")
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, "an X client ID is letters, digits, - and _"),
  shopIds: connectXInput.shape.shopIds,
});

/** An admin has this long to answer X's consent page. */
const AUTHORIZATION_MS = 10 * 60_000;

type XAuthorization = { state: string; codeVerifier: string; clientId: string; apiUrl: string; name: string; shopIds: string[]; adminId: string; expiresAt: number; /** Connecting an existing (broken) connection again. */ reconnectId?: string };

const sealedFor = (adminId: string) => `x-authorization:${adminId}`;

/** Where to send the admin, and the sealed cookie value that the callback will need. */
export async function startXAuthorization(db: Db, ring: KeyRing, input: unknown, adminId: string, redirectUri: string, now = Date.now()): Promise<{ url: string; sealed: string }> {
  const data = startXInput.parse(input);
  await assertShopsExist(db, data.shopIds);
  const { url, state, codeVerifier } = xAuthorizationLink(data.apiUrl, data.clientId, redirectUri);
  const auth: XAuthorization = { state, codeVerifier, clientId: data.clientId, apiUrl: data.apiUrl, name: data.name, shopIds: data.shopIds, adminId, expiresAt: now + AUTHORIZATION_MS };
  return { url, sealed: encrypt(ring, JSON.stringify(auth), sealedFor(adminId)) };
}

/**
 * "Connect with X again" for a connection made through the consent page (its config keeps the
 * client ID; a pasted token's connection has none and is refused with what to do instead): the
 * same start, sealed with the connection it renews.
 */
export async function startXReauthorization(db: Db, ring: KeyRing, id: string, adminId: string, redirectUri: string, now = Date.now()): Promise<{ url: string; sealed: string }> {
  const row = await findConnection(db, id);
  const config = row.config as XConfig;
  if (row.kind !== "X") throw new DomainError("invalid", "Only an X connection is connected again with X.");
  if (!config.clientId) throw new DomainError("conflict", "This X connection was made with a pasted token: paste a new token, or remove it and connect with X.");
  const { url, state, codeVerifier } = xAuthorizationLink(config.apiUrl, config.clientId, redirectUri);
  const auth: XAuthorization = { state, codeVerifier, clientId: config.clientId, apiUrl: config.apiUrl, name: row.name, shopIds: row.shopIds, adminId, expiresAt: now + AUTHORIZATION_MS, reconnectId: id };
  return { url, sealed: encrypt(ring, JSON.stringify(auth), sealedFor(adminId)) };
}

/**
 * X sent the admin back: the sealed start must be this admin's, recent, and name the same state
 * (a link forged by someone else, or replayed, has another or none); then the code becomes tokens,
 * checked with users/me, and the connection is stored.
 */
export async function finishXAuthorization(
  db: Db,
  ring: KeyRing,
  x: XAdapter,
  p: { sealed: string | undefined; adminId: string; state: string | null; code: string | null; error: string | null; redirectUri: string; now?: number },
  actor?: AuditActor,
): Promise<{ id: string; account: string }> {
  const refused = (why: string) => new DomainError("invalid", `X connection not made: ${why}`);
  let auth: XAuthorization;
  try {
    auth = JSON.parse(decrypt(ring, p.sealed ?? "", sealedFor(p.adminId)).plaintext) as XAuthorization;
  } catch {
    throw refused("this browser did not start it (or started it as another admin). Start again from Integrations.");
  }
  const same = Buffer.from(auth.state);
  const sent = Buffer.from(p.state ?? "");
  if (same.length !== sent.length || !timingSafeEqual(same, sent)) throw refused("the answer does not belong to the request this browser made. Start again.");
  if (auth.expiresAt < (p.now ?? Date.now())) throw refused("it took longer than 10 minutes. Start again.");
  if (p.error) throw refused(p.error === "access_denied" ? "the X account did not authorize Go Coffee." : `X answered ${p.error}.`);
  if (!p.code) throw refused("X sent no code back.");
  await assertShopsExist(db, auth.shopIds);
  const tokens = await exchangeXCode(auth.apiUrl, { clientId: auth.clientId, code: p.code, codeVerifier: auth.codeVerifier, redirectUri: p.redirectUri }).catch((error: unknown) => {
    throw refused(`X would not exchange the code (${x.classify(error).reason}).`);
  });
  const credential = serializeXCredential(tokens);
  const check = await x.verify(credential, { apiUrl: auth.apiUrl });
  if (!check.ok) throw refused(check.reason);
  if (auth.reconnectId) {
    const row = await findConnection(db, auth.reconnectId);
    const summary = `Connected X "${row.name}" again with X's consent page (${check.label})`;
    await renewConnection(db, ring, row, { credential, config: { ...(row.config as XConfig), ...accountOf(check.label) }, actor, summary });
    return { id: auth.reconnectId, account: check.label };
  }
  const { id } = await createXConnection(db, ring, auth, credential, check.label, `X's consent page${tokens.refreshToken ? " (renewing tokens)" : ""}`, actor);
  return { id, account: check.label };
}

/** A new access token for an existing X connection (after a refusal): checked, stored, and held posts resume. */
export async function reconnectX(db: Db, ring: KeyRing, x: XAdapter, id: string, token: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  const parsed = tokenText.parse(token);
  const config = row.config as XConfig;
  const check = await x.verify(parsed, config);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  await renewConnection(db, ring, row, { credential: parsed, config: { ...config, ...accountOf(check.label) }, actor, summary: `New token for X "${row.name}" (${check.label})` });
}
