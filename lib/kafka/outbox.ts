import { Prisma } from "@/lib/db";
import { traceparentForKey } from "@/lib/tracing";
import type { OutgoingEvent } from "./events";

/**
 * The one writer of outbox rows. Events go to the outbox inside the caller's transaction (or the
 * caller's single statement), so a change and its events are one atomic fact. Nothing talks to
 * Kafka here: the relay (relay.ts) polls the table after commit and publishes; no trigger or
 * NOTIFY wakes it (see the commits_without_notify migration).
 *
 * The hot paths write a change, its history and its events in ONE statement (order placement,
 * order transitions): they embed `outboxInsert` as a data-modifying CTE. Everything else calls
 * `enqueueEvents` in an interactive transaction. Both produce the same rows, each with the trace
 * context of the span that wrote it (lib/tracing), which the relay carries on to Kafka.
 */

/**
 * An INSERT of the events' outbox rows, as a fragment to embed in a larger statement
 * (`WITH …, events AS (${outboxInsert(events, sql`SELECT id::text FROM updated`)}) SELECT …`).
 * With `keysIn` (a subquery yielding text keys), only the events whose key it yields are written:
 * the event of an order the statement did not insert or update is dropped with it.
 */
export function outboxInsert(events: readonly OutgoingEvent[], keysIn?: Prisma.Sql): Prisma.Sql {
  const rows = events.map((e) => ({ id: e.id, topic: e.topic, key: e.key, type: e.type, version: e.version, payload: e.payload, occurred_at: e.occurredAt, trace_parent: traceparentForKey(e.key) }));
  return Prisma.sql`
    INSERT INTO outbox_events (id, topic, key, type, version, payload, occurred_at, trace_parent)
    SELECT e.id, e.topic, e.key, e.type, e.version, e.payload, e.occurred_at, e.trace_parent
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS e(id uuid, topic text, key text, type text, version int, payload jsonb, occurred_at timestamptz, trace_parent text)
    ${keysIn ? Prisma.sql`WHERE e.key IN (${keysIn})` : Prisma.empty}`;
}

/** Writes events to the outbox within an interactive transaction. */
export async function enqueueEvents(tx: Prisma.TransactionClient, events: readonly OutgoingEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw(outboxInsert(events));
}
