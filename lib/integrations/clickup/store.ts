import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { OPEN_STATUSES } from "@/lib/agents/tasks/rules";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { encrypt, type KeyRing } from "../crypto";
import { assertShopsExist, credentialOf, findConnection, renewConnection } from "../store";
import { classifyClickUp, parseSecrets, type ClickUpAdapter } from "./adapter";
import { DEFAULT_STATUSES, missingStatuses, type ClickUpConfig, type StatusMap } from "./mapping";
import { CLICKUP_EVENT, recordTask } from "./tasks";

/**
 * Connecting a ClickUp list: the token is checked by reading the list, every status our tasks map
 * to must exist in it, and a webhook for the task events we read back (WEBHOOK_EVENTS: status, assignees, name, due date) is registered on it pointing at
 * /api/integrations/clickup/webhook/<connection id> (ClickUp returns the secret that signs its
 * requests). Token and secret are stored encrypted together; the open tasks of the chosen shops
 * are queued for the list at once, so it starts complete.
 */

const statusName = z.string().trim().min(1, "name a status of the list").max(60);
export const connectClickUpInput = z.object({
  name: z.string().trim().min(1, "give the connection a name").max(80),
  token: z.string().trim().regex(/^pk_[A-Za-z0-9_]{4,200}$/, "a ClickUp personal API token starts with pk_"),
  teamId: z.string().trim().regex(/^\d{1,20}$/, "the Workspace ID is a number (in ClickUp's URL: app.clickup.com/<Workspace ID>/…)"),
  listId: z.string().trim().regex(/^\d{1,20}$/, "the List ID is a number (the list's ⋯ menu → Copy link: …/li/<List ID>)"),
  shopIds: z.array(z.uuid()).max(500).default([]),
  statuses: z.object({ OPEN: statusName, IN_PROGRESS: statusName, DONE: statusName, CANCELLED: statusName }).default(DEFAULT_STATUSES),
});

export async function connectClickUp(db: Db, ring: KeyRing, clickup: ClickUpAdapter, input: unknown, appUrl: string, actor?: AuditActor): Promise<{ id: string; queued: number }> {
  const data = connectClickUpInput.parse(input);
  await assertShopsExist(db, data.shopIds);
  const list = await clickup.client.getList(data.token, data.listId).catch((error: unknown) => {
    throw new DomainError("invalid", classifyClickUp(error).reason, [{ path: "token", message: "ClickUp refused" }]);
  });
  assertListHas(list, data.statuses as StatusMap);
  const id = uuidv7();
  const endpoint = new URL(`/api/integrations/clickup/webhook/${id}`, appUrl).toString();
  const hook = await clickup.client.createWebhook(data.token, data.teamId, endpoint, data.listId).catch((error: unknown) => {
    throw new DomainError("invalid", `ClickUp would not register our webhook: ${classifyClickUp(error).reason}`);
  });
  const config: ClickUpConfig = { teamId: data.teamId, listId: data.listId, listName: list.name, webhookId: hook.webhook.id, statuses: data.statuses as StatusMap };
  try {
    const queued = await db.$transaction(async (tx) => {
      await tx.integration.create({
        data: { id, kind: "CLICKUP", name: data.name, credentials: encrypt(ring, JSON.stringify({ token: data.token, webhookSecret: hook.webhook.secret }), id), config, shopIds: data.shopIds, events: [CLICKUP_EVENT] },
      });
      const open = await tx.agentTask.findMany({ where: { status: { in: [...OPEN_STATUSES] }, ...(data.shopIds.length > 0 ? { shopId: { in: data.shopIds } } : {}) }, select: { id: true }, orderBy: { createdAt: "asc" } });
      let n = 0;
      for (const t of open) n += await recordTask(tx, t.id, id, appUrl, null);
      if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.connected", target: `integration:${id}`, summary: `Connected ClickUp "${data.name}" to the list “${list.name}”`, after: { listId: data.listId, shopIds: data.shopIds, statuses: data.statuses } });
      return n;
    });
    return { id, queued };
  } catch (error) {
    // Nothing stored: take the webhook back so ClickUp does not call a connection that does not exist.
    await clickup.client.deleteWebhook(data.token, hook.webhook.id).catch(() => undefined);
    throw error;
  }
}

/** Every status our tasks map to must be one of the list's, or a sentence naming the list's real ones. */
function assertListHas(list: { name: string; statuses: { status: string }[] }, statuses: StatusMap): void {
  const missing = missingStatuses(statuses, list.statuses.map((s) => s.status));
  if (missing.length === 0) return;
  const has = list.statuses.map((s) => s.status).join(", ") || "none";
  throw new DomainError("invalid", `The list “${list.name}” has no status ${missing.map((m) => `“${m}”`).join(", ")}. Its statuses are: ${has}. Map each of ours to one of them.`, [{ path: "statuses", message: "unknown status" }]);
}

const statusesInput = connectClickUpInput.shape.statuses.unwrap();

/**
 * New status names for a connection (the list's statuses were renamed in ClickUp): checked against
 * the list as at connecting, stored, and the open tasks sent again so ClickUp shows them under the
 * new names. Audited. `changed: false` when nothing differs.
 */
export async function changeClickUpStatuses(db: Db, ring: KeyRing, clickup: ClickUpAdapter, id: string, input: unknown, appUrl: string, actor?: AuditActor): Promise<{ changed: boolean; queued: number }> {
  const row = await findConnection(db, id);
  if (row.kind !== "CLICKUP") throw new DomainError("invalid", "Only a ClickUp connection maps statuses.");
  const parsed = statusesInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const statuses = parsed.data as StatusMap;
  const config = row.config as ClickUpConfig;
  // Key by key: the stored map comes back from JSONB with its keys in another order.
  if ((Object.keys(statuses) as (keyof StatusMap)[]).every((k) => statuses[k] === config.statuses[k])) return { changed: false, queued: 0 };
  const { token } = parseSecrets(await credentialOf(db, ring, row));
  const list = await clickup.client.getList(token, config.listId).catch((error: unknown) => {
    throw new DomainError("invalid", classifyClickUp(error).reason);
  });
  assertListHas(list, statuses);
  const stamp = Date.now();
  const queued = await db.$transaction(async (tx) => {
    await tx.integration.update({ where: { id }, data: { config: { ...config, statuses } } });
    const open = await tx.agentTask.findMany({ where: { status: { in: [...OPEN_STATUSES] }, ...(row.shopIds.length > 0 ? { shopId: { in: row.shopIds } } : {}) }, select: { id: true }, orderBy: { createdAt: "asc" } });
    let n = 0;
    for (const t of open) n += await recordTask(tx, t.id, id, appUrl, `clickup.statuses:${id}:${stamp}:${t.id}`);
    const words = (m: StatusMap) => (Object.entries(m) as [string, string][]).map(([k, v]) => `${k.toLowerCase().replace("_", " ")} → “${v}”`).join(", ");
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.configured", target: `integration:${id}`, summary: `Changed ClickUp "${row.name}": statuses ${words(statuses)}`, before: { statuses: config.statuses }, after: { statuses } });
    return n;
  });
  return { changed: true, queued };
}

/** A new token for a broken ClickUp connection: checked against its list, stored with the webhook's secret, held deliveries resume. */
export async function reconnectClickUp(db: Db, ring: KeyRing, clickup: ClickUpAdapter, id: string, token: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  const parsed = connectClickUpInput.shape.token.parse(token);
  const config = row.config as ClickUpConfig;
  const { webhookSecret } = parseSecrets(await credentialOf(db, ring, row));
  const check = await clickup.verify(JSON.stringify({ token: parsed, webhookSecret }), config);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  await renewConnection(db, ring, row, { credential: JSON.stringify({ token: parsed, webhookSecret }), actor, summary: `New token for ClickUp "${row.name}"` });
}
