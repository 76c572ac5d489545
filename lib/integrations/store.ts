import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db, Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Adapter } from "./adapter";
import { parseSecrets, type ClickUpAdapter } from "./clickup/adapter";
import type { ClickUpConfig, StatusMap } from "./clickup/mapping";
import { decrypt, encrypt, type KeyRing } from "./crypto";
import { KIND_LABEL, type AdminKind } from "./kinds";
import { INTEGRATION_EVENT_KINDS } from "./events";
import { parseInstanceUrl, type MastodonAdapter, type MastodonConfig } from "./mastodon/adapter";
import { SOCIAL_POST_DELIVERY } from "./social/posts";
import type { AirtableConfig } from "./airtable/adapter";
import type { SheetsConfig } from "./sheets/adapter";
import { testSheetMessage } from "./sheets/report";
import type { SlackConfig } from "./slack/adapter";
import type { XConfig } from "./x/adapter";
import { parseXCredential, revokeXTokens } from "./x/oauth";
import { testMessage, type SlackMessage } from "./slack/messages";

/**
 * Integrations and their delivery log, as the admin screen and the worker use them. Credentials
 * enter here in plaintext once (connect/reconnect), are encrypted before they touch the database,
 * and leave only towards the service's client (`credentialOf`); the views below never carry them.
 */

type Tx = Db | Prisma.TransactionClient;
export type SlackAdapter = Adapter<SlackConfig, SlackMessage>;


const subscription = {
  shopIds: z.array(z.uuid()).max(500).default([]),
  events: z.array(z.enum(INTEGRATION_EVENT_KINDS as [string, ...string[]])).min(1, "choose at least one kind of message").max(INTEGRATION_EVENT_KINDS.length),
};
export const connectSlackInput = z.object({
  name: z.string().trim().min(1, "give the connection a name").max(80),
  token: z.string().trim().min(1, "paste the bot token").max(256),
  channel: z
    .string()
    .trim()
    .regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{6,20})$/, "a channel is #name (lower case) or a channel id such as C0123456789"),
  ...subscription,
});

export const connectMastodonInput = z.object({
  name: z.string().trim().min(1, "give the connection a name").max(80),
  instanceUrl: z
    .string()
    .trim()
    .max(200)
    .transform((v, ctx) => {
      const url = parseInstanceUrl(v);
      if (!url) ctx.addIssue({ code: "custom", message: "the instance is its https address, such as https://mastodon.social (no path)" });
      return url ?? "";
    }),
  token: z.string().trim().min(1, "paste the access token").max(256),
  shopIds: subscription.shopIds,
});

const ADMIN_KINDS = Object.keys(KIND_LABEL) as AdminKind[];

export type IntegrationView = {
  id: string;
  kind: AdminKind;
  name: string;
  status: "ACTIVE" | "PAUSED" | "BROKEN";
  statusReason: string | null;
  channel: string;
  connectedAs: string | null;
  shopIds: string[];
  events: string[];
  pending: number;
  dead: number;
  /** ClickUp only: the list's status each of ours maps to. */
  statuses?: StatusMap;
  /** X only: made with X's consent page, so "Connect with X again" can renew it. */
  renewable?: boolean;
};

export async function connectSlack(db: Db, ring: KeyRing, slack: SlackAdapter, input: unknown, actor?: AuditActor): Promise<{ id: string }> {
  const data = connectSlackInput.parse(input);
  await assertShopsExist(db, data.shopIds);
  const check = await slack.verify(data.token, { channel: data.channel });
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  const id = uuidv7();
  await db.$transaction(async (tx) => {
    await tx.integration.create({
      data: { id, kind: "SLACK", name: data.name, credentials: encrypt(ring, data.token, id), config: { channel: data.channel, team: check.label }, shopIds: data.shopIds, events: data.events },
    });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.connected", target: `integration:${id}`, summary: `Connected Slack "${data.name}" to ${data.channel}`, after: { channel: data.channel, shopIds: data.shopIds, events: data.events } });
  });
  return { id };
}

/**
 * A Mastodon account for a shop's approved social posts: the token is checked with
 * verify_credentials before anything is stored, then kept encrypted like Slack's.
 */
export async function connectMastodon(db: Db, ring: KeyRing, mastodon: MastodonAdapter, input: unknown, actor?: AuditActor): Promise<{ id: string }> {
  const data = connectMastodonInput.parse(input);
  await assertShopsExist(db, data.shopIds);
  const check = await mastodon.verify(data.token, { instanceUrl: data.instanceUrl });
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  const id = uuidv7();
  await db.$transaction(async (tx) => {
    await tx.integration.create({
      data: { id, kind: "MASTODON", name: data.name, credentials: encrypt(ring, data.token, id), config: { instanceUrl: data.instanceUrl, account: check.label }, shopIds: data.shopIds, events: [SOCIAL_POST_DELIVERY] },
    });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.connected", target: `integration:${id}`, summary: `Connected Mastodon "${data.name}" at ${data.instanceUrl}`, after: { instanceUrl: data.instanceUrl, shopIds: data.shopIds } });
  });
  return { id };
}

/** A new Mastodon access token for an existing connection (after a refusal): checked, stored, and held posts resume. */
export async function reconnectMastodon(db: Db, ring: KeyRing, mastodon: MastodonAdapter, id: string, token: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  const parsed = z.string().trim().min(1, "paste the access token").max(256).parse(token);
  const config = row.config as MastodonConfig;
  const check = await mastodon.verify(parsed, config);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  await renewConnection(db, ring, row, { credential: parsed, config: { ...config, account: check.label }, actor, summary: `New token for Mastodon "${row.name}"` });
}

/** A new Slack token for an existing connection (after a revocation): checked, stored, and held deliveries resume. */
export async function reconnectSlack(db: Db, ring: KeyRing, slack: SlackAdapter, id: string, token: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  const parsed = z.string().trim().min(1, "paste the bot token").max(256).parse(token);
  const config = row.config as SlackConfig;
  const check = await slack.verify(parsed, config);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  await renewConnection(db, ring, row, { credential: parsed, config: { ...config, team: check.label }, actor, summary: `New token for Slack "${row.name}"` });
}

/**
 * The end of every reconnect, whatever the kind: the new (already checked) credential stored
 * encrypted, the connection ACTIVE again, the deliveries held while it was broken sent at once,
 * and the audit line, in one transaction.
 */
export async function renewConnection(
  db: Db,
  ring: KeyRing,
  row: { id: string },
  change: { credential: string; config?: Prisma.InputJsonObject; actor?: AuditActor; summary: string },
): Promise<void> {
  const { id } = row;
  await db.$transaction(async (tx) => {
    await tx.integration.update({ where: { id }, data: { credentials: encrypt(ring, change.credential, id), ...(change.config ? { config: change.config } : {}), status: "ACTIVE", statusReason: null } });
    await tx.integrationDelivery.updateMany({ where: { integrationId: id, status: "PENDING" }, data: { nextAttemptAt: new Date() } });
    if (change.actor) await recordAudit(tx, { shopId: null, actor: change.actor, action: "integration.reconnected", target: `integration:${id}`, summary: change.summary });
  });
}

/** Paused: events while paused are not recorded for it (deliveries already queued wait). */
export async function setPaused(db: Db, id: string, paused: boolean, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  if (row.status === "BROKEN" && !paused) throw new DomainError("conflict", "This connection needs a new token before it can resume.");
  await db.$transaction(async (tx) => {
    await tx.integration.update({ where: { id }, data: { status: paused ? "PAUSED" : "ACTIVE" } });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: paused ? "integration.paused" : "integration.resumed", target: `integration:${id}`, summary: `${paused ? "Paused" : "Resumed"} ${KIND_LABEL[row.kind]} "${row.name}"` });
  });
}

/**
 * Removes a connection and its log. With `services`, what the service keeps for it is undone there
 * first, best effort: a ClickUp connection's webhook is deleted (a token already revoked cannot,
 * and ClickUp then drops the webhook itself after its failures; our endpoint answers 404 for it from
 * now on); an X connection's tokens are revoked at X, and the audit line says whether X confirmed.
 */
export async function removeIntegration(db: Db, id: string, actor?: AuditActor, services?: { ring: KeyRing; clickup: ClickUpAdapter }): Promise<void> {
  const row = await findConnection(db, id);
  const undone = services ? await undoAtService(db, services, row) : "";
  await db.$transaction(async (tx) => {
    await tx.integration.delete({ where: { id } });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.removed", target: `integration:${id}`, summary: `Removed ${KIND_LABEL[row.kind]} "${row.name}" and its delivery log${undone}` });
  });
}

/** What the service holds for a connection, undone before it is removed; answers what the audit line adds. */
async function undoAtService(db: Db, services: { ring: KeyRing; clickup: ClickUpAdapter }, row: Awaited<ReturnType<typeof findConnection>>): Promise<string> {
  if (row.kind === "CLICKUP") {
    const config = row.config as ClickUpConfig;
    await services.clickup.client.deleteWebhook(parseSecrets(await credentialOf(db, services.ring, row)).token, config.webhookId).catch(() => undefined);
  }
  if (row.kind === "X") return revokeXTokens((row.config as XConfig).apiUrl, parseXCredential(await credentialOf(db, services.ring, row)));
  return "";
}

/** "Send a test": a delivery like any other (same queue, retries and log), sent by the worker. */
export async function enqueueTest(db: Db, id: string, by: string): Promise<{ deliveryId: string }> {
  const row = await findConnection(db, id);
  if (row.status !== "ACTIVE") throw new DomainError("conflict", row.status === "PAUSED" ? "This connection is paused: resume it to send a test." : `This connection is broken: ${row.statusReason ?? "reconnect it"}`);
  const deliveryId = uuidv7();
  await db.integrationDelivery.create({ data: { id: deliveryId, integrationId: id, idempotencyKey: `test:${deliveryId}`, kind: "test", message: testFor(row.kind, by) as unknown as Prisma.InputJsonValue } });
  return { deliveryId };
}

/** The plaintext credential for the service's client; one under an older key is re-encrypted under the newest. */
export async function credentialOf(db: Tx, ring: KeyRing, integration: { id: string; credentials: string }): Promise<string> {
  const { plaintext, stale } = decrypt(ring, integration.credentials, integration.id);
  if (stale) await db.integration.updateMany({ where: { id: integration.id, credentials: integration.credentials }, data: { credentials: encrypt(ring, plaintext, integration.id) } });
  return plaintext;
}

export async function listIntegrations(db: Db): Promise<IntegrationView[]> {
  // The mail channel (kind EMAIL) is the platform's, configured by SMTP_URL: not an admin connection.
  const rows = await db.integration.findMany({ where: { kind: { in: ADMIN_KINDS } }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, name: true, status: true, statusReason: true, config: true, shopIds: true, events: true } });
  const counts = await db.integrationDelivery.groupBy({ by: ["integrationId", "status"], where: { status: { in: ["PENDING", "DEAD"] } }, _count: true });
  const count = (id: string, status: string) => counts.find((c) => c.integrationId === id && c.status === status)?._count ?? 0;
  return rows.map((r) => {
    const common = { id: r.id, name: r.name, status: r.status, statusReason: r.statusReason, shopIds: r.shopIds, events: r.events, pending: count(r.id, "PENDING"), dead: count(r.id, "DEAD") };
    if (r.kind === "CLICKUP") {
      const config = r.config as ClickUpConfig;
      return { ...common, kind: "CLICKUP" as const, channel: `List “${config.listName}”`, connectedAs: `workspace ${config.teamId}`, statuses: config.statuses };
    }
    if (r.kind === "GOOGLE_SHEETS") {
      const config = r.config as SheetsConfig;
      return { ...common, kind: "GOOGLE_SHEETS" as const, channel: `Spreadsheet “${config.title}”`, connectedAs: config.account };
    }
    if (r.kind === "AIRTABLE") {
      const config = r.config as AirtableConfig;
      return { ...common, kind: "AIRTABLE" as const, channel: `Base “${config.baseName}”`, connectedAs: config.baseId };
    }
    if (r.kind === "X") {
      const config = r.config as XConfig;
      return { ...common, kind: "X" as const, channel: config.apiUrl, connectedAs: config.account ?? null, renewable: Boolean(config.clientId) };
    }
    if (r.kind === "MASTODON") {
      const config = r.config as MastodonConfig;
      return { ...common, kind: "MASTODON" as const, channel: config.instanceUrl, connectedAs: config.account ?? null };
    }
    const config = r.config as SlackConfig;
    return { ...common, kind: "SLACK" as const, channel: config.channel, connectedAs: config.team ?? null };
  });
}

export type DeliveryView = { id: string; integrationName: string; kind: string; status: "PENDING" | "DELIVERED" | "DEAD"; attempts: number; lastError: string | null; text: string; acknowledgedBy: string | null; createdAt: Date; deliveredAt: Date | null };

export async function deliveryLog(db: Db, opts: { integrationId?: string; limit?: number } = {}): Promise<DeliveryView[]> {
  const rows = await db.integrationDelivery.findMany({
    where: opts.integrationId ? { integrationId: opts.integrationId } : {},
    orderBy: { createdAt: "desc" },
    take: opts.limit ?? 50,
    include: { integration: { select: { name: true } } },
  });
  // Mails show their summary line (the receipt's contents and the full address stay out of the log).
  return rows.map((r) => ({ id: r.id, integrationName: r.integration.name, kind: r.kind, status: r.status, attempts: r.attempts, lastError: r.lastError, text: (r.message as { summary?: string; text?: string }).summary ?? (r.message as { text?: string }).text ?? "", acknowledgedBy: r.acknowledgedBy, createdAt: r.createdAt, deliveredAt: r.deliveredAt }));
}

/** An admin's connection (any kind in KIND_LABEL) by id; 404 for anything else, the mail channel included. */
export async function findConnection(db: Db, id: string) {
  if (!z.uuid().safeParse(id).success) throw new DomainError("not_found", "There is no such integration.");
  const row = await db.integration.findUnique({ where: { id } });
  // The mail channel is not changed from the admin's doors (its settings are SMTP_URL).
  if (!row || !(ADMIN_KINDS as string[]).includes(row.kind)) throw new DomainError("not_found", "There is no such integration.");
  return { ...row, kind: row.kind as AdminKind };
}

function testFor(kind: AdminKind, by: string) {
  // X's test is the same: GET /2/users/me through the engine, nothing published.
  if (kind === "MASTODON" || kind === "X") return mastodonTest(by);
  if (kind === "AIRTABLE") return { type: "test" as const, text: `Test by ${by}: checked the token and the mirrored tables (nothing was written)`, summary: `Test by ${by}: token and tables checked, nothing written` };
  if (kind === "GOOGLE_SHEETS") return testSheetMessage(by, new Date());
  return testMessage(by);
}

/** Mastodon's and X's "Send a test" checks the token (verify_credentials, users/me) through the engine: nothing is published. */
function mastodonTest(by: string) {
  return { type: "test" as const, text: `Test by ${by}: checked the access token (nothing was published)`, summary: `Test by ${by}: token checked, nothing published` };
}

export async function assertShopsExist(db: Db, shopIds: string[]): Promise<void> {
  if (shopIds.length === 0) return;
  const found = await db.shop.count({ where: { id: { in: shopIds } } });
  if (found !== new Set(shopIds).size) throw new DomainError("invalid", "One of the chosen shops does not exist.", [{ path: "shopIds", message: "unknown shop" }]);
}
