import { z } from "zod";
import { InvoiceException, InvoiceStatus, OrderStatus } from "@/lib/db/generated/enums.ts";
import { newEventId, type Envelope } from "./envelope";
import { TOPICS, type TopicName } from "./topics";

/**
 * The event catalog: each event type with its topic, schema version and payload schema. It is the
 * contract between the app, the workers and the agents: producers build events with createEvent,
 * consumers get payloads parsed by the same schema.
 */

// Statuses are the database's enums (prisma/schema.prisma): listed once, there.
const invoiceStatus = z.enum(InvoiceStatus);
const orderStatus = z.enum(OrderStatus);

export const eventCatalog = {
  "order.placed": {
    topic: TOPICS.orderEvents,
    version: 1,
    payload: z.object({
      orderId: z.uuid(),
      shopId: z.uuid(),
      status: orderStatus,
      totalCents: z.number().int().nonnegative(),
      currency: z.string().length(3),
      items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive() })).min(1),
      /** An order for later: its promised pickup time (absent: as soon as possible). */
      pickupAt: z.iso.datetime().optional(),
    }),
  },
  "order.status_changed": {
    topic: TOPICS.orderEvents,
    version: 1,
    payload: z.object({
      orderId: z.uuid(),
      shopId: z.uuid(),
      from: orderStatus.nullable(),
      to: orderStatus,
      reason: z.string().optional(),
    }),
  },
  /** An invoice moved (or its exception changed); amounts are token base units as decimal strings. */
  "invoice.status_changed": {
    topic: TOPICS.paymentEvents,
    version: 1,
    payload: z.object({
      invoiceId: z.uuid(),
      orderId: z.uuid(),
      shopId: z.uuid(),
      from: invoiceStatus,
      to: invoiceStatus,
      exception: z.enum(InvoiceException).nullable(),
      chainId: z.number().int().positive(),
      token: z.string(),
      amountDue: z.string().regex(/^\d+$/),
      amountPaid: z.string().regex(/^\d+$/),
      released: z.boolean(),
    }),
  },
  /** A manager counted a delivery into stock (movements RESTOCK); the inventory agent re-assesses the shop. */
  "inventory.delivery_received": {
    topic: TOPICS.inventoryEvents,
    version: 1,
    payload: z.object({
      shopId: z.uuid(),
      proposalId: z.uuid().nullable(),
      lines: z.array(z.object({ ingredientId: z.uuid(), quantity: z.number().int().positive() })).min(1),
    }),
  },
  /**
   * A transfer of stock between two shops moved (lib/inventory/transfers.ts): proposed by the
   * coordinator, sent (the sender's manager approved: stock left), received (the receiver counted
   * it in), or rejected. The inventory agent and the coordinator re-assess both shops.
   */
  "inventory.transfer_changed": {
    topic: TOPICS.inventoryEvents,
    version: 1,
    payload: z.object({
      proposalId: z.uuid(),
      fromShopId: z.uuid(),
      toShopId: z.uuid(),
      ingredientId: z.uuid(),
      quantity: z.number().int().nonnegative(),
      status: z.enum(["PROPOSED", "SENT", "RECEIVED", "REJECTED"]),
    }),
  },
  /**
   * A manager changed how the shop buys ingredients (lib/inventory/suppliers.ts): supplier, lead
   * time, pack size and price, or reorder level. The inventory agent re-assesses the shop at once
   * (a new shop's first purchase orders follow its first supplier settings).
   */
  "inventory.suppliers_changed": {
    topic: TOPICS.inventoryEvents,
    version: 1,
    payload: z.object({ shopId: z.uuid(), ingredientIds: z.array(z.uuid()).min(1) }),
  },
  /**
   * A manager added or removed a special day in the shop's calendar (lib/shops/special-days.ts):
   * what the shop will use changes (a closed day uses nothing, a street market more). The stock
   * agents re-read the shop's use and re-assess it at once, not at their next sweep.
   */
  "inventory.calendar_changed": {
    topic: TOPICS.inventoryEvents,
    version: 1,
    payload: z.object({ shopId: z.uuid(), date: z.iso.date(), change: z.enum(["added", "removed"]) }),
  },
  /** A customer rated a collected order, or changed their rating (revision 2, 3, …); the text stays in the database. */
  "feedback.rating_submitted": {
    topic: TOPICS.feedbackEvents,
    version: 1,
    payload: z.object({
      ratingId: z.uuid(),
      orderId: z.uuid(),
      shopId: z.uuid(),
      stars: z.number().int().min(1).max(5),
      revision: z.number().int().positive(),
    }),
  },
  /** An agent noticed something people should know (or that it ended: resolved). */
  "agents.alert": {
    topic: TOPICS.agentAlerts,
    version: 1,
    payload: z.object({
      alertId: z.uuid(),
      agent: z.string().min(1),
      shopId: z.uuid(),
      subject: z.string().min(1),
      severity: z.enum(["info", "warning", "critical"]),
      message: z.string().min(1),
      resolved: z.boolean(),
    }),
  },
  /**
   * An agent proposed something a manager must decide (a purchase order, a transfer): what
   * integrations post for approval (Slack's Approve / Reject buttons). `shopId` decides it.
   */
  "agents.proposal_created": {
    topic: TOPICS.agentProposals,
    version: 1,
    payload: z.object({
      proposalId: z.uuid(),
      agent: z.string().min(1),
      shopId: z.uuid(),
      toShopId: z.uuid().nullable(),
      kind: z.string().min(1),
      title: z.string().min(1),
      expiresAt: z.iso.datetime(),
    }),
  },
  /** A manager approved or rejected an agent's proposal, or it expired undecided, or its agent withdrew it. */
  "agents.proposal_decided": {
    topic: TOPICS.agentProposals,
    version: 1,
    payload: z.object({
      proposalId: z.uuid(),
      agent: z.string().min(1),
      shopId: z.uuid(),
      kind: z.string().min(1),
      status: z.enum(["APPROVED", "REJECTED", "EXPIRED", "WITHDRAWN"]),
      decidedBy: z.uuid().nullable(),
    }),
  },
  /**
   * A task (lib/agents/tasks) was made, or changed: status, owner, closed by itself. The task is read
   * from the database by those who mirror it (ClickUp); `source` names the connection a change came
   * from ("clickup:<integration id>"), so it is not echoed back there.
   */
  "agents.task_changed": {
    topic: TOPICS.agentTasks,
    version: 1,
    payload: z.object({
      taskId: z.uuid(),
      shopId: z.uuid(),
      status: z.enum(["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"]),
      source: z.string().max(80).nullable(),
    }),
  },
  /**
   * Someone (a manager's "Suggest a new drink") or something (the weekly sweep) asks the beverage
   * inventor for a new seasonal drink at a shop. Keyed by the shop.
   */
  "agents.inventor_requested": {
    topic: TOPICS.inventorTasks,
    version: 1,
    payload: z.object({
      requestId: z.uuid(),
      shopId: z.uuid(),
      reason: z.enum(["manager", "weekly"]),
      requestedBy: z.uuid().nullable(),
    }),
  },
  /** The detector found a round trip whose net profit clears the threshold; amounts in base units. */
  "trading.opportunity_found": {
    topic: TOPICS.tradingOpportunities,
    version: 1,
    payload: z.object({
      opportunityId: z.uuid(),
      chainId: z.number().int().positive(),
      blockNumber: z.string().regex(/^\d+$/),
      pair: z.string(),
      buyVenue: z.string(),
      sellVenue: z.string(),
      /** Each pool's fee in millionths (500 = 0.05 %; V2: 3000). Absent on events from before fee tiers were compared (a V3 leg was then 0.05 %). */
      buyFee: z.number().int().nonnegative().optional(),
      sellFee: z.number().int().nonnegative().optional(),
      sizeIn: z.string().regex(/^\d+$/),
      amountOut: z.string().regex(/^\d+$/),
      gasCostUsdCents: z.number().int().nonnegative(),
      netProfitUsdCents: z.number().int(),
    }),
  },
  /**
   * A watched pool's market figures at a block in which it traded (or the oracle moved): mid and
   * oracle in USDC base units per whole WETH, depth as the input that moves the mid by `bps`.
   */
  "trading.price_updated": {
    topic: TOPICS.tradingPrices,
    version: 1,
    payload: z.object({
      chainId: z.number().int().positive(),
      pool: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
      venue: z.string(),
      pair: z.string(),
      blockNumber: z.string().regex(/^\d+$/),
      blockTimestamp: z.iso.datetime(),
      mid: z.string().regex(/^\d+$/),
      oracle: z.string().regex(/^\d+$/),
      oracleUpdatedAt: z.iso.datetime(),
      oracleAgeSeconds: z.number().int().nonnegative(),
      deviationBps: z.number().int(),
      depth: z.array(z.object({ bps: z.number().int().positive(), upUsdc: z.string().regex(/^\d+$/), downWeth: z.string().regex(/^\d+$/) })),
    }),
  },
  /**
   * A shop's menu changed (a price, an option's difference, what is available, a product added),
   * committed with the change. What changed is in the audit log; consumers re-read the menu.
   */
  "catalog.changed": {
    topic: TOPICS.catalogEvents,
    version: 1,
    payload: z.object({
      shopId: z.uuid(),
      /** The audit action, e.g. "menu.product.updated". */
      change: z.string().min(1),
      target: z.string().min(1),
    }),
  },
} as const satisfies Record<string, { topic: TopicName; version: number; payload: z.ZodType }>;

export type EventType = keyof typeof eventCatalog;
export type EventPayload<T extends EventType> = z.infer<(typeof eventCatalog)[T]["payload"]>;

/** An event ready for the outbox: the envelope plus the logical topic it goes to. */
export type OutgoingEvent<T extends EventType = EventType> = Envelope<EventPayload<T>> & { type: T; topic: TopicName };

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

export function createEvent<T extends EventType>(type: T, key: string, payload: EventPayload<T>, occurredAt = new Date()): OutgoingEvent<T> {
  const def = eventCatalog[type];
  return {
    id: newEventId(),
    type,
    topic: def.topic,
    key,
    version: def.version,
    occurredAt: occurredAt.toISOString(),
    payload: def.payload.parse(payload) as EventPayload<T>,
  };
}
