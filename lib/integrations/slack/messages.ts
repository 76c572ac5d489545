import type { KnownBlock } from "@slack/web-api";

/** Slack messages in Block Kit, with `text` as the notification fallback Slack requires. */
export type SlackMessage = { text: string; blocks: KnownBlock[] };

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
