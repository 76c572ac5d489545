import { z } from "zod";
import { decideProposal } from "@/lib/agents/core/proposals";
import { can } from "@/lib/auth/policy";
import { loadSessionUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { AGENT_PROPOSAL_KIND, proposalStateMessage } from "../agents";
import { CredentialError, type KeyRing } from "../crypto";
import { credentialOf } from "../store";
import { parseSlackRef, type SlackInteractions } from "./adapter";
import { linkedAccount, offerSlackLink, SLACK_LINK_TTL_MS } from "./links";
import { verifySlackSignature } from "./signature";

/** The part of Slack's block_actions payload we read (https://api.slack.com/reference/interaction-payloads/block-actions). */
const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().max(64), username: z.string().max(128).optional(), name: z.string().max(128).optional() }),
  channel: z.object({ id: z.string().max(64) }).optional(),
  container: z.object({ message_ts: z.string().max(64).optional(), channel_id: z.string().max(64).optional() }).optional(),
  message: z.object({ ts: z.string().max(64) }).optional(),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() })).max(25),
});
type BlockActions = z.infer<typeof blockActions>;

const APPROVE = "gocoffee.proposal.approve";
const REJECT = "gocoffee.proposal.reject";

/** What the endpoint needs to answer a proposal's buttons: the key ring (the connection's token) and Slack's client. */
export type InteractionDeps = { ring: KeyRing; slack: SlackInteractions; appUrl: string };

export type ProposalAnswer = { proposalId: string | null; outcome: "approved" | "rejected" | "refused"; reason?: string };

/**
 * One request to the Slack interactivity endpoint: the signature is checked over the raw body
 * before anything is parsed (401 otherwise).
 * - "Acknowledge" records who acknowledged which alert on its delivery (shown in the delivery log).
 * - "Approve" / "Reject" on a proposal (lib/integrations/agents.ts) decide it through the same
 *   `decideProposal` as the manager page (audited with the person and time, expiry respected, a
 *   decided proposal stays decided), but only for a Slack user who is a Go Coffee manager (or
 *   admin) of the proposal's shop: the account the presser linked (links.ts), else the one whose
 *   confirmed address is the presser's Slack email (users.info, scope users:read.email), must pass
 *   the same policy check as the page ("inventory:manage" in the shop). Anyone else gets an
 *   ephemeral reply with the reason and a one-time link to link their Slack user to the right
 *   account, and nothing changes. The message is then updated in place
 *   (chat.update) with who decided and when, or with the state someone else left it in.
 * Other interactions are accepted and ignored, as Slack expects a 200 for them.
 */
export async function handleSlackInteraction(
  db: Db,
  opts: { secret: string; body: string; timestamp: string | null; signature: string | null; deps?: () => InteractionDeps; now?: Date },
): Promise<{ acknowledged: number; proposals?: ProposalAnswer[] }> {
  const check = verifySlackSignature(opts);
  if (!check.ok) throw new DomainError("unauthenticated", `Request refused: ${check.reason}.`);
  const raw = new URLSearchParams(opts.body).get("payload");
  if (!raw) throw new DomainError("invalid", "Expected a form field 'payload' with Slack's interaction JSON.");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DomainError("invalid", "The 'payload' field is not JSON.");
  }
  const parsed = blockActions.safeParse(json);
  if (!parsed.success) return { acknowledged: 0 };
  const by = parsed.data.user.username ?? parsed.data.user.name ?? parsed.data.user.id;
  let acknowledged = 0;
  const proposals: ProposalAnswer[] = [];
  for (const action of parsed.data.actions) {
    if (!action.value) continue;
    if (action.action_id === "gocoffee.ack") {
      const r = await db.integrationDelivery.updateMany({ where: { idempotencyKey: action.value, acknowledgedBy: null }, data: { acknowledgedBy: by } });
      acknowledged += r.count;
    } else if (action.action_id === APPROVE || action.action_id === REJECT) {
      if (!opts.deps) throw new DomainError("unavailable", "Slack approvals are not configured on this server.");
      proposals.push(await answerProposal(db, opts.deps(), parsed.data, action.value, action.action_id === APPROVE ? "APPROVED" : "REJECTED", opts.now ?? new Date()));
    }
  }
  return proposals.length > 0 ? { acknowledged, proposals } : { acknowledged };
}

async function answerProposal(db: Db, deps: InteractionDeps, payload: BlockActions, key: string, decision: "APPROVED" | "REJECTED", now: Date): Promise<ProposalAnswer> {
  const log = childLogger("slack-interactivity");
  const delivery = await db.integrationDelivery.findUnique({ where: { idempotencyKey: key }, include: { integration: { select: { id: true, credentials: true } } } });
  const proposalId = delivery?.kind === AGENT_PROPOSAL_KIND ? ((delivery.message as { proposalId?: string }).proposalId ?? null) : null;
  // A signed request names a message we never sent (removed connection): nothing to decide, no one to answer.
  if (!delivery || !proposalId) return { proposalId: null, outcome: "refused", reason: "unknown message" };
  let token: string;
  try {
    token = await credentialOf(db, deps.ring, delivery.integration);
  } catch (error) {
    // The connection's token cannot be read (keys changed): we cannot ask Slack who pressed, so nothing is decided.
    if (!(error instanceof CredentialError)) throw error;
    log.error({ integrationId: delivery.integration.id }, "a proposal's button was pressed but the connection's token cannot be read");
    return { proposalId, outcome: "refused", reason: "the connection's token cannot be read" };
  }
  const posted = parseSlackRef(delivery.externalRef);
  const channel = payload.channel?.id ?? payload.container?.channel_id ?? posted?.channel ?? null;
  const ts = payload.container?.message_ts ?? payload.message?.ts ?? posted?.ts ?? null;
  const slackUser = payload.user.id;

  const refuse = async (reason: string): Promise<ProposalAnswer> => {
    if (channel) await deps.slack.ephemeral(token, channel, slackUser, reason).catch((err: unknown) => log.warn({ err }, "ephemeral reply failed"));
    return { proposalId, outcome: "refused", reason };
  };
  const showState = async () => {
    if (!channel || !ts) return;
    const message = await proposalStateMessage(db, proposalId, deps.appUrl);
    if (message) await deps.slack.update(token, channel, ts, message).catch((err: unknown) => log.warn({ err }, "chat.update failed (the decision stands)"));
  };

  const proposal = await db.agentProposal.findUnique({ where: { id: proposalId }, select: { shopId: true } });
  if (!proposal) return refuse("This proposal no longer exists in Go Coffee.");
  const shop = await db.shop.findUniqueOrThrow({ where: { id: proposal.shopId }, select: { name: true } });
  // Who pressed: the account this Slack user linked (links.ts), else the one with their Slack email.
  const linked = await linkedAccount(db, delivery.integration.id, slackUser);
  const email = linked ? null : await deps.slack.userEmail(token, slackUser);
  const person = linked ?? (email ? (await db.user.findFirst({ where: { email: { equals: email, mode: "insensitive" }, emailVerifiedAt: { not: null } }, select: { id: true } }))?.id : null);
  const user = person ? await loadSessionUser(db, person) : null;
  if (!user || !can(user, "inventory:manage", { shopId: proposal.shopId })) {
    const because = linked
      ? "the Go Coffee account this Slack user is linked to is not one"
      : email
        ? `your Slack address ${email} is not a confirmed Go Coffee address of one`
        : "Go Coffee could not read your Slack email address (the app needs the users:read.email scope)";
    const slackName = payload.user.username ?? payload.user.name ?? slackUser;
    const link = await offerSlackLink(db, { integrationId: delivery.integration.id, slackUserId: slackUser, slackName }, deps.appUrl, now);
    return refuse(`Only a manager of ${shop.name} in Go Coffee can decide this, and ${because}. Nothing was changed. If you manage it under another address, link this Slack user to your Go Coffee account (the link works once, for ${SLACK_LINK_TTL_MS / 60_000} minutes): ${link}`);
  }
  try {
    await decideProposal(db, { id: user.id, email: user.email }, proposal.shopId, { proposalId, decision }, now, "from Slack");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Already decided, expired, or the transfer cannot be sent: say why, and show where it stands.
    await showState();
    return refuse(`${error.message}. Nothing was changed.`);
  }
  log.info({ proposalId, decision, userId: user.id, slackUser }, "proposal decided from Slack");
  await showState();
  return { proposalId, outcome: decision === "APPROVED" ? "approved" : "rejected" };
}
