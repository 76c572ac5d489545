import type { KnownBlock } from "@slack/web-api";

/** Slack messages in Block Kit, with `text` as the notification fallback Slack requires. */
/**
 * `update`: replace the message posted at that channel and ts (chat.update). `updateAfter`: replace
 * the message the delivery's `after` names; the engine hands its reference over as `afterRef`.
 */
export type SlackMessage = { text: string; blocks: KnownBlock[]; update?: { channel: string; ts: string }; updateAfter?: true; afterRef?: string };

export type OrderFacts = { shopName: string; pickupCode: string; customerName: string; totalCents: number; currency: string; orderUrl: string };

export function money(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

/** An alert's button: "Acknowledge" comes back through the interactivity endpoint with the delivery's id. */
function acknowledge(deliveryKey: string): KnownBlock {
  return { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Acknowledge" }, action_id: "gocoffee.ack", value: deliveryKey }] };
}

function orderFields(o: OrderFacts): KnownBlock {
  return {
    type: "section",
    fields: [
      { type: "mrkdwn", text: `*Shop*\n${o.shopName}` },
      { type: "mrkdwn", text: `*Order*\n<${o.orderUrl}|${o.pickupCode}> · ${escape(o.customerName)}` },
      { type: "mrkdwn", text: `*Total*\n${money(o.totalCents, o.currency)}` },
    ],
  };
}

export function orderCancelledMessage(o: OrderFacts, reason: string | null, key: string): SlackMessage {
  const why = reason ? `: ${reason}` : "";
  return {
    text: `Order ${o.pickupCode} at ${o.shopName} was cancelled${why}`,
    blocks: [{ type: "header", text: { type: "plain_text", text: ":x: Order cancelled" } }, orderFields(o), ...(reason ? [{ type: "context" as const, elements: [{ type: "mrkdwn" as const, text: `Reason: ${escape(reason)}` }] }] : []), acknowledge(key)],
  };
}

export function orderRefundedMessage(o: OrderFacts, key: string): SlackMessage {
  return {
    text: `Order ${o.pickupCode} at ${o.shopName} was refunded (${money(o.totalCents, o.currency)})`,
    blocks: [{ type: "header", text: { type: "plain_text", text: ":leftwards_arrow_with_hook: Order refunded" } }, orderFields(o), acknowledge(key)],
  };
}

export function paymentUndoneMessage(o: OrderFacts, chain: { chainId: number; token: string }, key: string): SlackMessage {
  return {
    text: `Payment undone for order ${o.pickupCode} at ${o.shopName}: collect at the counter`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: ":warning: Payment undone" } },
      { type: "section", text: { type: "mrkdwn", text: `A settled ${chain.token} payment (chain ${chain.chainId}) was taken back by a chain reorganisation. *Collect payment at the counter* before handing over.` } },
      orderFields(o),
      acknowledge(key),
    ],
  };
}

export type DailySummary = { shopName: string; day: string; orders: number; salesCents: number; cancelled: number; currency: string };

export function dailySummaryMessage(s: DailySummary): SlackMessage {
  const average = s.orders > 0 ? money(Math.round(s.salesCents / s.orders), s.currency) : "–";
  return {
    text: `${s.shopName}, ${s.day}: ${s.orders} orders, ${money(s.salesCents, s.currency)} in sales`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: `:coffee: ${s.shopName} · ${s.day}` } },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*Sales*\n${money(s.salesCents, s.currency)}` },
          { type: "mrkdwn", text: `*Orders*\n${s.orders}` },
          { type: "mrkdwn", text: `*Average order*\n${average}` },
          { type: "mrkdwn", text: `*Cancelled*\n${s.cancelled}` },
        ],
      },
    ],
  };
}

export function testMessage(by: string): SlackMessage {
  return {
    text: "Go Coffee test message: this channel receives Go Coffee alerts.",
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `:wave: *Test from Go Coffee.* This channel will receive the alerts you chose. Sent by ${escape(by)}.` } }],
  };
}

/** Slack mrkdwn treats &, < and > as control characters. */
function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** What the platform calls its agents, as people read them. */
const AGENT_NAMES: Record<string, string> = { inventory: "Inventory manager", coordinator: "Inter-location coordinator", feedback: "Feedback analyst", scheduler: "Scheduler" };
export const agentName = (agent: string): string => AGENT_NAMES[agent] ?? agent;

const SEVERITY: Record<string, { emoji: string; label: string }> = {
  critical: { emoji: ":rotating_light:", label: "Critical" },
  warning: { emoji: ":warning:", label: "Warning" },
  info: { emoji: ":information_source:", label: "Info" },
};

export type AgentAlertFacts = { shopName: string; agent: string; severity: string; subject: string; message: string; agentsUrl: string };

/** Slack messages of the agents' kinds carry what the engine needs besides text and blocks (never sent to Slack). */
export type AgentAlertMessage = SlackMessage & { alertId: string; subject: string };

/** An agent's alert: severity, shop, what it is, a link to the shop's agents page, and "Acknowledge". */
export function agentAlertMessage(a: AgentAlertFacts & { alertId: string }, key: string): AgentAlertMessage {
  const s = SEVERITY[a.severity] ?? SEVERITY.info!;
  return {
    alertId: a.alertId,
    subject: a.subject,
    text: `${s.label} at ${a.shopName}: ${a.message}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: `${s.emoji} ${s.label} alert · ${a.shopName}`.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: escape(a.message).slice(0, 3000) } },
      { type: "section", fields: [
        { type: "mrkdwn", text: `*Shop*\n${escape(a.shopName)}` },
        { type: "mrkdwn", text: `*Severity*\n${s.label}` },
        { type: "mrkdwn", text: `*Raised by*\n${agentName(a.agent)}` },
      ] },
      { type: "actions", elements: [
        { type: "button", text: { type: "plain_text", text: "Open the agents page" }, url: a.agentsUrl, action_id: "gocoffee.open" },
        { type: "button", text: { type: "plain_text", text: "Acknowledge" }, action_id: "gocoffee.ack", value: key },
      ] },
    ],
  };
}

/** The short follow-up when the condition ended; `after` makes the engine send it only once the raised one was posted. */
export function agentAlertResolvedMessage(a: AgentAlertFacts & { alertId: string }, after: string): AgentAlertMessage & { after: string } {
  return {
    alertId: a.alertId,
    subject: a.subject,
    after,
    text: `Resolved at ${a.shopName}: ${a.message}`,
    blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: `:white_check_mark: *Resolved* at ${escape(a.shopName)}: ~${escape(a.message).slice(0, 2500)}~` }] }],
  };
}

/**
 * A raised alert's message again, with a line under it (chat.update of the post `after` names):
 * the subject was raised again within the merge window and merged, or that repeat resolved since.
 */
export function agentAlertRepeatMessage(posted: SlackMessage, line: string, after: string): SlackMessage & { after: string } {
  return { text: posted.text, blocks: [...posted.blocks, { type: "context", elements: [{ type: "mrkdwn", text: escape(line).slice(0, 2900) }] }], after, updateAfter: true };
}

export type ProposalFacts = { proposalId: string; shopName: string; toShopName: string | null; agent: string; kind: string; title: string; expires: string; agentsUrl: string };

const KIND_NAMES: Record<string, string> = { purchase_order: "Purchase order", transfer: "Transfer between shops" };

function proposalBlocks(p: ProposalFacts): KnownBlock[] {
  return [
    { type: "header", text: { type: "plain_text", text: `:inbox_tray: ${KIND_NAMES[p.kind] ?? "Proposal"} to approve · ${p.shopName}`.slice(0, 150) } },
    { type: "section", text: { type: "mrkdwn", text: `*${escape(p.title).slice(0, 2900)}*` } },
    { type: "section", fields: [
      { type: "mrkdwn", text: `*Shop*\n${escape(p.shopName)}${p.toShopName ? ` → ${escape(p.toShopName)}` : ""}` },
      { type: "mrkdwn", text: `*Proposed by*\n${agentName(p.agent)}` },
      { type: "mrkdwn", text: `*Decide by*\n${p.expires}` },
    ] },
  ];
}

/**
 * A proposal waiting for a manager: Approve / Reject come back through the interactivity endpoint
 * with the delivery's key (which names the proposal and the connection); the endpoint decides only
 * for a Slack user who is a manager of the shop in Go Coffee.
 */
export function proposalMessage(p: ProposalFacts, key: string): SlackMessage & { proposalId: string } {
  return {
    proposalId: p.proposalId,
    text: `To approve at ${p.shopName}: ${p.title}`,
    blocks: [
      ...proposalBlocks(p),
      { type: "actions", elements: [
        { type: "button", style: "primary", text: { type: "plain_text", text: "Approve" }, action_id: "gocoffee.proposal.approve", value: key },
        { type: "button", style: "danger", text: { type: "plain_text", text: "Reject" }, action_id: "gocoffee.proposal.reject", value: key },
        { type: "button", text: { type: "plain_text", text: "Open in Go Coffee" }, url: p.agentsUrl, action_id: "gocoffee.open" },
      ] },
    ],
  };
}

/** The proposal's message once decided (chat.update): the buttons give way to who decided and when. */
export function proposalDecidedMessage(p: ProposalFacts, outcome: string): SlackMessage {
  return {
    text: `${p.title}: ${outcome}`,
    blocks: [...proposalBlocks(p), { type: "context", elements: [{ type: "mrkdwn", text: escape(outcome) }] }],
  };
}
