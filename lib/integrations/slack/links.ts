import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { SlackConfig } from "./adapter";

/**
 * Linking a Slack user to an account, for a manager whose Slack email is not their Go Coffee one
 * (or whose Slack app may not read emails). When a proposal's button press cannot be tied to a
 * manager, the ephemeral reply (Slack shows it to the presser alone) carries a one-time link: 32
 * random bytes, stored as a SHA-256, valid for SLACK_LINK_TTL_MS, one per Slack user and
 * connection (pressing again replaces it). Opened while signed in, the page names the Slack user
 * and the connection, and links them only when the person presses "Link" (a POST: a link opened by
 * accident, or sent by someone else, links nothing by itself). Links are audited, listed on the
 * account page and removed there; removing the Slack connection removes its links.
 */

export const SLACK_LINK_TTL_MS = 30 * 60_000;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
/** base64url of 32 bytes: anything else is not one of ours, and is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

type SlackUser = { integrationId: string; slackUserId: string; slackName: string };

/** A new one-time link for this Slack user of this connection (replacing an earlier one): the URL to show them. */
export async function offerSlackLink(db: Db, who: SlackUser, appUrl: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const fields = { slackName: who.slackName, tokenHash: hash(token), expiresAt: new Date(now.getTime() + SLACK_LINK_TTL_MS) };
  await db.slackLinkRequest.upsert({
    where: { integrationId_slackUserId: { integrationId: who.integrationId, slackUserId: who.slackUserId } },
    create: { integrationId: who.integrationId, slackUserId: who.slackUserId, ...fields },
    update: fields,
  });
  return new URL(`/slack-link/${token}`, appUrl).toString();
}

export type SlackLinkOffer = { slackUserId: string; slackName: string; connection: string; workspace: string | null; expiresAt: Date };

/** What a link would link, for the page to show before anyone presses "Link"; null when it is unknown, spent or expired. */
export async function slackLinkOffer(db: Db, token: string, now = new Date()): Promise<SlackLinkOffer | null> {
  if (!TOKEN.test(token)) return null;
  const row = await db.slackLinkRequest.findUnique({ where: { tokenHash: hash(token) }, include: { integration: { select: { name: true, config: true } } } });
  if (!row || row.expiresAt <= now) return null;
  return { slackUserId: row.slackUserId, slackName: row.slackName, connection: row.integration.name, workspace: (row.integration.config as SlackConfig).team ?? null, expiresAt: row.expiresAt };
}

const SPENT = "That Slack link is not valid: it may be expired or already used. Press the button in Slack again for a new one.";

/** Spends the link: its Slack user acts as `user` from now on (re-linked if they were someone else's). Audited. */
export async function acceptSlackLink(db: Db, token: string, user: AuditActor, now = new Date()): Promise<{ slackName: string; connection: string }> {
  if (!TOKEN.test(token)) throw new DomainError("invalid", SPENT);
  return db.$transaction(async (tx) => {
    const row = await tx.slackLinkRequest.findUnique({ where: { tokenHash: hash(token) }, include: { integration: { select: { name: true } } } });
    if (!row || row.expiresAt <= now) throw new DomainError("invalid", SPENT);
    // One DELETE decides: two presses of "Link" at once cannot both spend it.
    const { count } = await tx.slackLinkRequest.deleteMany({ where: { tokenHash: row.tokenHash, expiresAt: { gt: now } } });
    if (count === 0) throw new DomainError("invalid", SPENT);
    const key = { integrationId: row.integrationId, slackUserId: row.slackUserId };
    await tx.slackUserLink.upsert({ where: { integrationId_slackUserId: key }, create: { ...key, slackName: row.slackName, userId: user.id, linkedAt: now }, update: { slackName: row.slackName, userId: user.id, linkedAt: now } });
    await recordAudit(tx, { shopId: null, actor: user, action: "slack.user.linked", target: `integration:${row.integrationId}`, summary: `Linked Slack user ${row.slackName} (${row.slackUserId}) of "${row.integration.name}" to ${user.email}`, after: key });
    return { slackName: row.slackName, connection: row.integration.name };
  });
}

/** The account a Slack user of this connection is linked to, or null. */
export async function linkedAccount(db: Db, integrationId: string, slackUserId: string): Promise<string | null> {
  const row = await db.slackUserLink.findUnique({ where: { integrationId_slackUserId: { integrationId, slackUserId } }, select: { userId: true } });
  return row?.userId ?? null;
}

/** An account's linked Slack users, for its page. */
export async function slackLinksOf(db: Db, userId: string): Promise<{ integrationId: string; connection: string; slackUserId: string; slackName: string; linkedAt: Date }[]> {
  const rows = await db.slackUserLink.findMany({ where: { userId }, orderBy: { linkedAt: "asc" }, include: { integration: { select: { name: true } } } });
  return rows.map((r) => ({ integrationId: r.integrationId, connection: r.integration.name, slackUserId: r.slackUserId, slackName: r.slackName, linkedAt: r.linkedAt }));
}

/** Removes one of the account's own Slack links (nobody else's). Audited. */
export async function unlinkSlackUser(db: Db, user: AuditActor, integrationId: string, slackUserId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(integrationId) || !/^[A-Z0-9]{1,64}$/i.test(slackUserId)) throw new DomainError("invalid", "That is not a linked Slack user.");
  await db.$transaction(async (tx) => {
    const { count } = await tx.slackUserLink.deleteMany({ where: { integrationId, slackUserId, userId: user.id } });
    if (count === 0) throw new DomainError("not_found", "That Slack user is not linked to your account.");
    await recordAudit(tx, { shopId: null, actor: user, action: "slack.user.unlinked", target: `integration:${integrationId}`, summary: `Unlinked Slack user ${slackUserId} from ${user.email}`, before: { integrationId, slackUserId } });
  });
}
