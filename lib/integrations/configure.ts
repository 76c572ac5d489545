import { z } from "zod";
import { OPEN_STATUSES } from "@/lib/agents/tasks/rules";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { recordMirror } from "./airtable/mirror";
import { recordTask } from "./clickup/tasks";
import { INTEGRATION_EVENT_KINDS, INTEGRATION_EVENTS } from "./events";
import { KIND_LABEL } from "./kinds";
import { assertShopsExist, connectSlackInput, findConnection } from "./store";

/**
 * "Change" on a connection's card: its label, the shops it covers (none: every shop) and, for
 * Slack, which messages it receives and the channel they go to (posts already made stay where they
 * are; their updates, such as a decided proposal, still reach them there). The other kinds have one subscription each (the shops' tasks,
 * social posts, days, the menu mirror), so only their shops and label change. Credentials are not
 * touched here (Reconnect does that). Audited with the before and after.
 *
 * What a new scope starts: a ClickUp list gets the open tasks of shops it did not cover (only those
 * it has not made yet); an Airtable base gets the mirror at once, so rows of shops taken out go and
 * rows of shops added come; Google Sheets picks a new shop's last day up at its next ten-minute
 * check; Slack and Mastodon take what happens from now on.
 */

const configureInput = z.object({
  name: z.string().trim().min(1, "give the connection a name").max(80),
  shopIds: z.array(z.uuid()).max(500).default([]),
  /** Slack only: absent for the other kinds. */
  channel: connectSlackInput.shape.channel.optional(),
  /** Slack only: absent for the other kinds. */
  events: z.array(z.enum(INTEGRATION_EVENT_KINDS as [string, ...string[]])).min(1, "choose at least one kind of message").max(INTEGRATION_EVENT_KINDS.length).optional(),
});

export async function configureIntegration(db: Db, id: string, input: unknown, appUrl: string, actor?: AuditActor): Promise<{ changed: boolean }> {
  const row = await findConnection(db, id);
  const parsed = configureInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  if ((data.events || data.channel) && row.kind !== "SLACK") throw new DomainError("invalid", `${/^[AEIOX]/.test(KIND_LABEL[row.kind]) ? "An" : "A"} ${KIND_LABEL[row.kind]} connection receives one kind of message; only its label and shops change.`, [{ path: data.events ? "events" : "channel", message: "not for this kind of connection" }]);
  await assertShopsExist(db, data.shopIds);
  const shopIds = [...new Set(data.shopIds)].sort();
  const events = data.events ? [...new Set(data.events)] : row.events;
  const config = row.config as { channel?: string };
  const channel = data.channel ?? config.channel ?? null;
  const before = { name: row.name, shopIds: [...row.shopIds].sort(), events: row.events, channel: config.channel ?? null };
  const after = { name: data.name, shopIds, events, channel };
  if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
  await db.$transaction(async (tx) => {
    await tx.integration.update({ where: { id }, data: { name: data.name, shopIds, events, ...(channel !== before.channel ? { config: { ...config, channel } } : {}) } });
    const widened = before.shopIds.length > 0 && (shopIds.length === 0 || shopIds.some((s) => !before.shopIds.includes(s)));
    if (row.kind === "CLICKUP" && widened) {
      const open = await tx.agentTask.findMany({ where: { status: { in: [...OPEN_STATUSES] }, ...(shopIds.length > 0 ? { shopId: { in: shopIds } } : {}) }, select: { id: true }, orderBy: { createdAt: "asc" } });
      for (const t of open) await recordTask(tx, t.id, id, appUrl, null);
    }
    if (row.kind === "AIRTABLE") await recordMirror(tx, { causeId: `configured:${Date.now()}`, cause: "shops changed", shopId: null, connectionId: id });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.configured", target: `integration:${id}`, summary: `Changed ${KIND_LABEL[row.kind]} "${data.name}": ${describe(before, after)}`, before, after });
  });
  return { changed: true };
}

type Scope = { name: string; shopIds: string[]; events: string[]; channel: string | null };

function describe(before: Scope, after: Scope): string {
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`renamed from "${before.name}"`);
  if (before.channel !== after.channel) parts.push(`posts to ${after.channel} (was ${before.channel})`);
  if (JSON.stringify(before.shopIds) !== JSON.stringify(after.shopIds)) parts.push(after.shopIds.length === 0 ? "now every shop" : `now ${after.shopIds.length} shop${after.shopIds.length === 1 ? "" : "s"}`);
  if (JSON.stringify(before.events) !== JSON.stringify(after.events)) parts.push(`messages: ${after.events.map((e) => INTEGRATION_EVENTS[e as keyof typeof INTEGRATION_EVENTS] ?? e).join(", ")}`);
  return parts.join("; ");
}
