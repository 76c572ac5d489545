import type { Prisma } from "@/lib/db";
import { traceparentForKey } from "@/lib/tracing";
import type { OutgoingEvent } from "./events";

/**
 * Events go to the outbox inside the caller's transaction, so the change and its events are one
 * atomic fact. Nothing talks to Kafka here: the relay publishes after commit. An insert trigger
 * (see the init migration) NOTIFYs the relay when the transaction commits.
 */

/** Outbox rows for events; for batch transactions (`db.$transaction([..., db.outboxEvent.createMany({ data })])`). */
export function outboxRows(events: readonly OutgoingEvent[]): Prisma.OutboxEventCreateManyInput[] {
  return events.map((e) => ({
    id: e.id,
    topic: e.topic,
    key: e.key,
    type: e.type,
    version: e.version,
    payload: e.payload as Prisma.InputJsonValue,
    occurredAt: new Date(e.occurredAt),
    traceParent: traceparentForKey(e.key),
  }));
}

/** Writes events to the outbox within an interactive transaction. */
export async function enqueueEvents(tx: Prisma.TransactionClient, events: readonly OutgoingEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.outboxEvent.createMany({ data: outboxRows(events) });
}
