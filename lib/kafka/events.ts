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
      sizeIn: z.string().regex(/^\d+$/),
      amountOut: z.string().regex(/^\d+$/),
      gasCostUsdCents: z.number().int().nonnegative(),
      netProfitUsdCents: z.number().int(),
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
