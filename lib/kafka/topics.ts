/**
 * Every Kafka topic, named `<domain>.<event-kind>.v<N>`. Topics are created by code at start-up
 * (ensureTopics); a deployment-wide prefix (KAFKA_TOPIC_PREFIX) keeps test runs apart.
 */
export const TOPICS = {
  orderEvents: "orders.events.v1",
  paymentEvents: "payments.events.v1",
  inventoryEvents: "inventory.events.v1",
  /** Menu changes (a shop's price or availability, a product added): what the Airtable mirror follows. */
  catalogEvents: "catalog.events.v1",
  /** Customers' ratings of collected orders: the feedback analyst's input. */
  feedbackEvents: "feedback.events.v1",
  /** What agents noticed (stock-outs, low cover): the notifier's input. */
  agentAlerts: "agents.alerts.v1",
  /** Agents' proposals as they are made (for approval elsewhere: Slack) and as managers decide them. */
  agentProposals: "agents.proposals.v1",
  /** The task manager's tasks as they are made and changed (by the agent, a person, or ClickUp): what ClickUp mirrors. */
  agentTasks: "agents.tasks.v1",
  /** Requests to the beverage inventor (a manager's "Suggest a new drink", the weekly sweep). */
  inventorTasks: "agents.inventor.tasks.v1",
  /** Arbitrage opportunities above the desk's threshold (lib/trading), one per block at most. */
  tradingOpportunities: "trading.opportunities.v1",
  /** Watched pools' mid, depth and oracle deviation, per block in which they (or the oracle) changed. */
  tradingPrices: "trading.prices.v1",
  /** Messages a consumer could not handle and will not retry, with the reason in headers. */
  deadLetter: "system.dead-letter.v1",
  /** Integration deliveries that failed for good (lib/integrations/dispatcher.ts), with the reason. */
  integrationsDeadLetter: "integrations.dead-letter.v1",
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const ALL_TOPICS: readonly TopicName[] = Object.values(TOPICS);

export function prefixed(prefix: string, name: string): string {
  return `${prefix}${name}`;
}
