import { v7 as uuidv7 } from "uuid";
import { MERGE_WINDOW_MS } from "@/lib/agents/notifier/notifications";
import type { Db, Prisma } from "@/lib/db";
import type { EventPayload } from "@/lib/kafka/events";
import type { Logger } from "@/lib/log";
import { counter } from "@/lib/metrics";
import { parseSlackRef } from "./slack/adapter";
import { agentAlertMessage, agentAlertRepeatMessage, agentAlertResolvedMessage, proposalDecidedMessage, proposalMessage, type AgentAlertFacts, type SlackMessage } from "./slack/messages";
import { shopTime } from "@/lib/shops/local-time";

type Tx = Prisma.TransactionClient;

/**
 * The agents' alerts and proposals as integration deliveries (recorded by the integrations
 * consumer from agents.alerts.v1 and agents.proposals.v1, sent by the delivery engine).
 *
 * Alerts, per connection subscribed to `agent.alert` and the alert's shop:
 * - a raised alert is one delivery, key `agent.alert:<alert id>:<connection>`: redelivered or
 *   replayed events find it and record nothing;
 * - a raise of a subject (same shop) that this connection had a raised delivery for within the
 *   notifier's merge window (MERGE_WINDOW_MS, 30 minutes) is merged: not posted again, as the bell
 *   merges it (a flapping stock level does not fill the channel), but the post it merged into is
 *   updated in place (key `agent.alert.repeat:<alert id>:<connection>`) with a line saying it was
 *   raised again, how often and when, and once that repeat resolves, that too
 *   (`agent.alert.repeat-resolved:…`), so the channel's message tells how the subject stands;
 * - at most SLACK_ALERT_LIMIT raised alerts per connection per hour; over it an alert is not posted
 *   (counted in gocoffee_integration_alerts_suppressed_total and logged; the managers' bell and
 *   mails still carry it);
 * - a resolved alert posts a short follow-up (key `agent.alert.resolved:<alert id>:<connection>`)
 *   only if its raised alert has a delivery that is not dead, and the follow-up names it in
 *   `after`: the engine sends it only once that one was posted (lib/integrations/dispatcher.ts).
 * A per-connection advisory lock makes merge and limit decisions one at a time (alerts of one
 * shop come from several partitions).
 */

export const AGENT_ALERT_KIND = "agent.alert";
export const AGENT_ALERT_RESOLVED_KIND = "agent.alert.resolved";
export const AGENT_ALERT_REPEAT_KIND = "agent.alert.repeat";
export const AGENT_ALERT_REPEAT_RESOLVED_KIND = "agent.alert.repeat-resolved";
export const AGENT_PROPOSAL_KIND = "agent.proposal";
export const AGENT_PROPOSAL_DECIDED_KIND = "agent.proposal.decided";
/** Twenty agent alerts an hour per connection: a real incident across a few shops fits, a loop does not flood the channel. */
export const SLACK_ALERT_LIMIT = { max: 20, windowMs: 60 * 60_000 };

const suppressed = counter("gocoffee_integration_alerts_suppressed_total", "Agent alerts not posted to a connection, by why", ["reason"]);

type AlertEvent = { id: string; occurredAt: string; payload: EventPayload<"agents.alert"> };
type ProposalEvent = { payload: EventPayload<"agents.proposal_created"> };
type DecidedEvent = { payload: EventPayload<"agents.proposal_decided"> };

async function subscribed(tx: Tx, kind: string, shopId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM integrations WHERE kind = 'SLACK' AND status <> 'PAUSED' AND ${kind} = ANY(events)
      AND (cardinality(shop_ids) = 0 OR ${shopId}::uuid = ANY(shop_ids))
    ORDER BY id`;
  return rows.map((r) => r.id);
}

async function insert(tx: Tx, integrationId: string, key: string, kind: string, shopId: string, message: unknown): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
    VALUES (${uuidv7()}::uuid, ${integrationId}::uuid, ${key}, ${kind}, ${shopId}::uuid, ${JSON.stringify(message)}::jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/** Records an agent alert (raised or resolved) for the connections that take it; returns how many deliveries were recorded. */
export async function recordAgentAlert(tx: Tx, event: AlertEvent, appUrl: string, log?: Logger, limit = SLACK_ALERT_LIMIT): Promise<number> {
  const a = event.payload;
  const targets = await subscribed(tx, AGENT_ALERT_KIND, a.shopId);
  if (targets.length === 0) return 0;
  const shop = await tx.shop.findUnique({ where: { id: a.shopId }, select: { name: true, slug: true, timezone: true } });
  if (!shop) return 0;
  const hhmm = (d: Date) => shopTime(d, shop.timezone);
  const facts: AgentAlertFacts & { alertId: string } = { alertId: a.alertId, shopName: shop.name, agent: a.agent, severity: a.severity, subject: a.subject, message: a.message, agentsUrl: new URL(`/manager/${shop.slug}/agents`, appUrl).toString() };
  const at = new Date(event.occurredAt);
  let recorded = 0;
  for (const integrationId of targets) {
    const raisedKey = `${AGENT_ALERT_KIND}:${a.alertId}:${integrationId}`;
    if (a.resolved) {
      const raised = await tx.integrationDelivery.findUnique({ where: { idempotencyKey: raisedKey }, select: { status: true } });
      if (raised && raised.status !== "DEAD") {
        recorded += await insert(tx, integrationId, `${AGENT_ALERT_RESOLVED_KIND}:${a.alertId}:${integrationId}`, AGENT_ALERT_RESOLVED_KIND, a.shopId, agentAlertResolvedMessage(facts, raisedKey));
        continue;
      }
      // A merged repeat that resolved: the post it was merged into says so.
      const repeat = await tx.integrationDelivery.findUnique({ where: { idempotencyKey: `${AGENT_ALERT_REPEAT_KIND}:${a.alertId}:${integrationId}` }, select: { message: true, createdAt: true } });
      const repeatOf = repeat ? (repeat.message as { after?: string }).after : undefined;
      const posted = repeatOf ? await tx.integrationDelivery.findUnique({ where: { idempotencyKey: repeatOf }, select: { message: true } }) : null;
      if (!repeat || !repeatOf || !posted) continue;
      const line = `:white_check_mark: Raised again at ${hhmm(repeat.createdAt)}, resolved at ${hhmm(at)}`;
      recorded += await insert(tx, integrationId, `${AGENT_ALERT_REPEAT_RESOLVED_KIND}:${a.alertId}:${integrationId}`, AGENT_ALERT_REPEAT_RESOLVED_KIND, a.shopId, agentAlertRepeatMessage(posted.message as unknown as SlackMessage, line, repeatOf));
      continue;
    }
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('integrations.agent-alert'), hashtext(${integrationId}))`;
    if (await tx.integrationDelivery.findUnique({ where: { idempotencyKey: raisedKey }, select: { id: true } })) continue;
    const [recent] = await tx.$queryRaw<{ same: bigint; total: bigint }[]>`
      SELECT count(*) FILTER (WHERE shop_id = ${a.shopId}::uuid AND message->>'subject' = ${a.subject} AND created_at > ${new Date(at.getTime() - MERGE_WINDOW_MS)}) AS same,
             count(*) FILTER (WHERE created_at > ${new Date(at.getTime() - limit.windowMs)}) AS total
      FROM integration_deliveries
      WHERE integration_id = ${integrationId}::uuid AND kind = ${AGENT_ALERT_KIND} AND created_at > ${new Date(at.getTime() - Math.max(MERGE_WINDOW_MS, limit.windowMs))}`;
    if (Number(recent?.same ?? 0) > 0) {
      suppressed.inc({ reason: "merged" });
      recorded += await recordRepeat(tx, integrationId, a, at, hhmm);
      continue;
    }
    if (Number(recent?.total ?? 0) >= limit.max) {
      suppressed.inc({ reason: "rate_limited" });
      log?.warn({ integrationId, alertId: a.alertId, limit: limit.max }, "agent alert not posted: the connection's hourly limit is reached");
      continue;
    }
    recorded += await insert(tx, integrationId, raisedKey, AGENT_ALERT_KIND, a.shopId, agentAlertMessage(facts, raisedKey));
  }
  return recorded;
}

/**
 * A merged raise: the post it merged into (this connection's latest raise of the subject in the
 * window that was not given up) gets a line saying it was raised again, how many times since it
 * was posted, when, and what the agent says now.
 */
async function recordRepeat(tx: Tx, integrationId: string, a: EventPayload<"agents.alert">, at: Date, hhmm: (d: Date) => string): Promise<number> {
  const [posted] = await tx.$queryRaw<{ key: string; message: SlackMessage }[]>`
    SELECT idempotency_key AS key, message FROM integration_deliveries
    WHERE integration_id = ${integrationId}::uuid AND kind = ${AGENT_ALERT_KIND} AND shop_id = ${a.shopId}::uuid AND message->>'subject' = ${a.subject}
      AND status <> 'DEAD' AND created_at > ${new Date(at.getTime() - MERGE_WINDOW_MS)}
    ORDER BY created_at DESC LIMIT 1`;
  if (!posted) return 0;
  const [{ before } = { before: 0n }] = await tx.$queryRaw<{ before: bigint }[]>`
    SELECT count(*) AS before FROM integration_deliveries
    WHERE integration_id = ${integrationId}::uuid AND kind = ${AGENT_ALERT_REPEAT_KIND} AND message->>'after' = ${posted.key}`;
  const times = Number(before) + 1;
  const line = `:repeat: Raised again${times > 1 ? ` (${times} times since)` : ""}, last at ${hhmm(at)}: ${a.message}`;
  return insert(tx, integrationId, `${AGENT_ALERT_REPEAT_KIND}:${a.alertId}:${integrationId}`, AGENT_ALERT_REPEAT_KIND, a.shopId, agentAlertRepeatMessage(posted.message, line, posted.key));
}

/** Records a new proposal for approval in the connections that take proposals of its deciding shop. */
export async function recordProposal(tx: Tx, event: ProposalEvent, appUrl: string): Promise<number> {
  const p = event.payload;
  const targets = await subscribed(tx, AGENT_PROPOSAL_KIND, p.shopId);
  if (targets.length === 0) return 0;
  const proposal = await tx.agentProposal.findUnique({ where: { id: p.proposalId }, select: { status: true } });
  // Decided (on the web) or withdrawn before we got to it: nothing to ask.
  if (proposal?.status !== "PENDING") return 0;
  const facts = await proposalFacts(tx, p, appUrl);
  if (!facts) return 0;
  let recorded = 0;
  for (const integrationId of targets) {
    const key = `${AGENT_PROPOSAL_KIND}:${p.proposalId}:${integrationId}`;
    recorded += await insert(tx, integrationId, key, AGENT_PROPOSAL_KIND, p.shopId, proposalMessage(facts, key));
  }
  return recorded;
}

/** What a proposal's Slack message shows. */
export async function proposalFacts(tx: Tx, p: { proposalId: string; agent: string; shopId: string; toShopId: string | null; kind: string; title: string; expiresAt: string | Date }, appUrl: string) {
  const shop = await tx.shop.findUnique({ where: { id: p.shopId }, select: { name: true, slug: true, timezone: true } });
  if (!shop) return null;
  const to = p.toShopId ? await tx.shop.findUnique({ where: { id: p.toShopId }, select: { name: true } }) : null;
  const expires = new Intl.DateTimeFormat("en-GB", { timeZone: shop.timezone, dateStyle: "medium", timeStyle: "short" }).format(new Date(p.expiresAt));
  return { proposalId: p.proposalId, shopName: shop.name, toShopName: to?.name ?? null, agent: p.agent, kind: p.kind, title: p.title, expires: `${expires} (${shop.timezone})`, agentsUrl: new URL(`/manager/${shop.slug}/agents`, appUrl).toString() };
}

/**
 * A proposal was decided (on the Agents page or from Slack), expired or withdrawn: each of its
 * posted Slack messages is replaced (chat.update, through the engine) by one saying who decided
 * and when, so no stale Approve button stays in a channel. A message not posted yet when this is
 * read is updated as soon as it is (updateIfDecidedMeanwhile). Key
 * `agent.proposal.decided:<proposal id>:<connection>`: once per proposal and connection.
 */
export async function recordProposalDecided(tx: Tx, event: DecidedEvent, appUrl: string): Promise<number> {
  const p = event.payload;
  const posted = await tx.integrationDelivery.findMany({ where: { kind: AGENT_PROPOSAL_KIND, idempotencyKey: { startsWith: `${AGENT_PROPOSAL_KIND}:${p.proposalId}:` }, status: "DELIVERED" }, select: { integrationId: true, externalRef: true, shopId: true } });
  if (posted.length === 0) return 0;
  const message = await proposalStateMessage(tx, p.proposalId, appUrl);
  if (!message) return 0;
  let recorded = 0;
  for (const d of posted) {
    const ref = parseSlackRef(d.externalRef);
    if (!ref) continue;
    recorded += await insert(tx, d.integrationId, `${AGENT_PROPOSAL_DECIDED_KIND}:${p.proposalId}:${d.integrationId}`, AGENT_PROPOSAL_DECIDED_KIND, p.shopId, { ...message, update: ref });
  }
  return recorded;
}

/**
 * A proposal's post just went out (the engine's `afterDelivered`). One decided, expired or
 * withdrawn after its post was recorded but before it was sent found nothing posted to update
 * (recordProposalDecided reads only delivered posts), and would show live buttons in the channel:
 * its update is recorded now, and the engine sends it next. Both paths may record it; the key
 * makes it one. Returns how many updates were recorded.
 */
export async function updateIfDecidedMeanwhile(db: Db, posted: { integrationId: string; idempotencyKey: string; kind: string; externalRef: string | null }, appUrl: string): Promise<number> {
  if (posted.kind !== AGENT_PROPOSAL_KIND) return 0;
  const proposalId = posted.idempotencyKey.split(":")[1];
  const ref = parseSlackRef(posted.externalRef);
  if (!proposalId || !ref) return 0;
  return db.$transaction(async (tx) => {
    const proposal = await tx.agentProposal.findUnique({ where: { id: proposalId }, select: { shopId: true } });
    const message = proposal ? await proposalStateMessage(tx, proposalId, appUrl) : null;
    if (!proposal || !message) return 0;
    return insert(tx, posted.integrationId, `${AGENT_PROPOSAL_DECIDED_KIND}:${proposalId}:${posted.integrationId}`, AGENT_PROPOSAL_DECIDED_KIND, proposal.shopId, { ...message, update: ref });
  });
}

/** The proposal's message as it stands now: who decided and when, or that it expired / was withdrawn; null while it waits. */
export async function proposalStateMessage(tx: Tx, proposalId: string, appUrl: string): Promise<SlackMessage | null> {
  const p = await tx.agentProposal.findUnique({ where: { id: proposalId } });
  if (!p) return null;
  const { timezone } = await tx.shop.findUniqueOrThrow({ where: { id: p.shopId }, select: { timezone: true } });
  const facts = await proposalFacts(tx, { proposalId, agent: p.agent, shopId: p.shopId, toShopId: p.toShopId, kind: p.kind, title: p.title, expiresAt: p.expiresAt }, appUrl);
  if (!facts) return null;
  const when = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: timezone, dateStyle: "medium", timeStyle: "short" }).format(d);
  let outcome: string;
  if (p.status === "APPROVED" || p.status === "REJECTED") {
    const who = p.decidedBy ? await tx.user.findUnique({ where: { id: p.decidedBy }, select: { name: true } }) : null;
    outcome = `${p.status === "APPROVED" ? "✅ Approved" : "❌ Rejected"} by ${who?.name ?? "a manager"} at ${when(p.decidedAt ?? p.createdAt)} (${timezone})`;
  } else if (p.status === "PENDING" && p.expiresAt <= new Date()) outcome = `⌛ Expired undecided at ${when(p.expiresAt)}`;
  else if (p.status === "PENDING") return null;
  else outcome = `${p.status === "EXPIRED" ? "⌛ Expired undecided" : "↩️ Withdrawn by its agent"} at ${when(p.decidedAt ?? p.expiresAt)}`;
  return proposalDecidedMessage(facts, outcome);
}
