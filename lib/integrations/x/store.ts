import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { encrypt, type KeyRing } from "../crypto";
import { parseInstanceUrl } from "../mastodon/adapter";
import { SOCIAL_POST_DELIVERY } from "../social/posts";
import { assertShopsExist, findConnection } from "../store";
import { X_API_URL, type XAdapter, type XConfig } from "./adapter";

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
  const id = uuidv7();
  const config: XConfig = { apiUrl: data.apiUrl, ...accountOf(check.label) };
  await db.$transaction(async (tx) => {
    await tx.integration.create({ data: { id, kind: "X", name: data.name, credentials: encrypt(ring, data.token, id), config, shopIds: data.shopIds, events: [SOCIAL_POST_DELIVERY] } });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.connected", target: `integration:${id}`, summary: `Connected X "${data.name}" as ${check.label}${data.apiUrl === X_API_URL ? "" : ` at ${data.apiUrl}`}`, after: { apiUrl: data.apiUrl, account: check.label, shopIds: data.shopIds } });
  });
  return { id };
}

/** A new access token for an existing X connection (after a refusal): checked, stored, and held posts resume. */
export async function reconnectX(db: Db, ring: KeyRing, x: XAdapter, id: string, token: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  const parsed = tokenText.parse(token);
  const config = row.config as XConfig;
  const check = await x.verify(parsed, config);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  await db.$transaction(async (tx) => {
    await tx.integration.update({ where: { id }, data: { credentials: encrypt(ring, parsed, id), config: { ...config, ...accountOf(check.label) }, status: "ACTIVE", statusReason: null } });
    await tx.integrationDelivery.updateMany({ where: { integrationId: id, status: "PENDING" }, data: { nextAttemptAt: new Date() } });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.reconnected", target: `integration:${id}`, summary: `New token for X "${row.name}" (${check.label})` });
  });
}
