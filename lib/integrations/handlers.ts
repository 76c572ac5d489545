import { v7 as uuidv7 } from "uuid";
import type { Prisma } from "@/lib/db";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { recordAgentAlert, recordProposal, recordProposalDecided } from "./agents";
import { recordMirror } from "./airtable/mirror";
import { recordTaskChange } from "./clickup/tasks";
import { recordReceipt, receiptTrigger } from "./email/receipts";
import { alertOf, type Alert } from "./events";
import { recordSocialPost } from "./social/posts";
import { orderCancelledMessage, orderRefundedMessage, paymentUndoneMessage, type OrderFacts, type SlackMessage } from "./slack/messages";

/** The consumer name: its consumer group and its processed-events records. */
export const INTEGRATIONS_CONSUMER = "integrations";

type Tx = Prisma.TransactionClient;

/**
 * What the integrations consumer does per batch, inside the batch's transaction: each alert the
 * batch holds becomes one delivery per active integration subscribed to its kind and shop. The
 * delivery's idempotency key is `<kind>:<event id>:<integration id>`: however often Kafka (or a
 * replay) brings an event, its deliveries are recorded once, so posted once. Sending is the
 * dispatcher's, outside any consumer transaction (a slow service never holds a partition).
 * The same batch records customers' email receipts (lib/integrations/email/receipts.ts), once per order,
 * the agents' alerts and proposals for approval (lib/integrations/agents.ts), and the task
 * manager's tasks for ClickUp lists (lib/integrations/clickup/tasks.ts), and the menu mirror for
 * Airtable bases on each menu change (lib/integrations/airtable/mirror.ts).
 */
export function integrationHandlers(appUrl: string): BatchHandler {
  return {
    types: ["order.status_changed", "invoice.status_changed", "agents.alert", "agents.proposal_created", "agents.proposal_decided", "agents.task_changed", "catalog.changed"],
    // Alerts, the two events that may complete a receipt (CLAIMED, SETTLED), and the agents' alerts and new proposals.
    wants: (event) => event.type.startsWith("agents.") || event.type === "catalog.changed" || alertOf(event) !== null || receiptTrigger(event) !== null,
    async handle(events, { tx, log }) {
      const alerts = events.map(alertOf).filter((a): a is Alert => a !== null);
      for (const alert of alerts) await recordAlert(tx, alert, appUrl);
      for (const event of events) {
        if (event.type === "agents.alert") await recordAgentAlert(tx, event, appUrl, log);
        else if (event.type === "agents.proposal_created") await recordProposal(tx, event, appUrl);
        else if (event.type === "agents.proposal_decided") {
          await recordProposalDecided(tx, event, appUrl);
          // An approved social post goes to the shop's Mastodon and X connections (lib/integrations/social/posts.ts).
          if (event.payload.kind === "social_post" && event.payload.status === "APPROVED") await recordSocialPost(tx, event.payload.proposalId);
        }
        else if (event.type === "agents.task_changed") await recordTaskChange(tx, event, appUrl);
        // A menu change: the Airtable connections covering the shop get the mirror as it is now (lib/integrations/airtable/mirror.ts).
        else if (event.type === "catalog.changed") await recordMirror(tx, { causeId: event.id, cause: event.payload.change, shopId: event.payload.shopId });
      }
      const receipts = new Set(events.map(receiptTrigger).filter((id): id is string => id !== null));
      for (const orderId of receipts) await recordReceipt(tx, orderId, appUrl);
    },
  };
}

export async function recordAlert(tx: Tx, alert: Alert, appUrl: string): Promise<number> {
  const targets = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM integrations WHERE status <> 'PAUSED' AND ${alert.kind} = ANY(events)
      AND (cardinality(shop_ids) = 0 OR ${alert.shopId}::uuid = ANY(shop_ids))`;
  if (targets.length === 0) return 0;
  const facts = await orderFacts(tx, alert.orderId, appUrl);
  if (!facts) return 0;
  let recorded = 0;
  for (const { id } of targets) {
    const key = `${alert.kind}:${alert.eventId}:${id}`;
    const message = render(alert, facts, key);
    recorded += await tx.$executeRaw`
      INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
      VALUES (${uuidv7()}::uuid, ${id}::uuid, ${key}, ${alert.kind}, ${alert.shopId}::uuid, ${JSON.stringify(message)}::jsonb)
      ON CONFLICT (idempotency_key) DO NOTHING`;
  }
  return recorded;
}

function render(alert: Alert, facts: OrderFacts, key: string): SlackMessage {
  switch (alert.kind) {
    case "order.cancelled":
      return orderCancelledMessage(facts, alert.reason, key);
    case "order.refunded":
      return orderRefundedMessage(facts, key);
    case "payment.undone":
      return paymentUndoneMessage(facts, alert, key);
  }
}

async function orderFacts(tx: Tx, orderId: string, appUrl: string): Promise<OrderFacts | null> {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { pickupCode: true, customerName: true, totalCents: true, currency: true, shop: { select: { name: true, slug: true } } } });
  if (!order) return null;
  return { shopName: order.shop.name, pickupCode: order.pickupCode, customerName: order.customerName, totalCents: order.totalCents, currency: order.currency, orderUrl: new URL(`/barista/${order.shop.slug}`, appUrl).toString() };
}
