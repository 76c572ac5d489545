import type { Consumer, Kafka, KafkaMessage, Producer } from "kafkajs";
import { createProducer } from "./client";
import { ZodError } from "zod";
import type { Db, Prisma } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { counter, histogram } from "@/lib/metrics";
import { decodeEnvelope, type Envelope } from "./envelope";
import { eventCatalog, isEventType, type EventPayload, type EventType } from "./events";
import { watchConsumerLag } from "./lag";
import { SpanKind, runIn, startMessageSpans, withKeyedContexts } from "@/lib/tracing";
import { TOPICS, prefixed, type TopicName } from "./topics";

/** Thrown by a handler for input that will never succeed: the event goes to the dead-letter topic. */
export class NonRetryableError extends Error {
  override name = "NonRetryableError";
}

export type HandlerContext = { tx: Prisma.TransactionClient; log: Logger };
export type Handler<T extends EventType> = (event: Envelope<EventPayload<T>>, ctx: HandlerContext) => Promise<void>;
/** One handler per event type: each event is handled on its own (inside its batch's transaction). */
export type HandlerRegistry = { [T in EventType]?: Handler<T> };
/** A consumed event whose payload passed its type's schema. */
export type ConsumedEvent = { [T in EventType]: Envelope<EventPayload<T>> & { type: T } }[EventType];
/**
 * Handles a batch's new events at once, in the order Kafka delivered them (for set-based work).
 * `wants`, when given, says which events of those types the handler would act on: the others are
 * acknowledged as "ignored" without a transaction or a processed-events row (most order events
 * mean nothing to an alerting consumer, and each row and commit costs the database per order).
 */
export type BatchHandler = {
  types: readonly EventType[];
  wants?: (event: ConsumedEvent) => boolean;
  handle: (events: ConsumedEvent[], ctx: HandlerContext) => Promise<void>;
};

export type ConsumerOptions = {
  kafka: Kafka;
  db: Db;
  /** Names the consumer group and the processed-events records: one per worker role. */
  name: string;
  topics: readonly TopicName[];
  topicPrefix: string;
  log: Logger;
  /** How many partitions are worked at once (each partition's batches one after another). */
  concurrency?: number;
  fromBeginning?: boolean;
  /** Called after each message with what happened to it (metrics, tests). */
  onOutcome?: (outcome: Outcome, message: KafkaMessage) => void;
  /**
   * After a small batch is handled, waits this long before the next fetch, so that the next batch
   * is bigger: under load, bigger batches cost far less per event; the
   * price is up to this much latency while events keep coming. The first event after a quiet
   * spell is handled at once, and an idle consumer does not fetch over and over (0: never wait).
   */
  lingerMs?: number;
} & ({ handlers: HandlerRegistry; batch?: never } | { batch: BatchHandler; handlers?: never });

export type Outcome = "handled" | "duplicate" | "ignored" | "dead-lettered";

/** A batch this big is handled without lingering after it: the next fetch is already worth its cost. */
const LINGER_FULL_BATCH = 100;
/**
 * How long the broker holds a fetch with nothing to give. A stopping consumer waits for its fetch
 * in flight, so this bounds a stop (kafkajs' default, 5 s, made every restart that much slower).
 */
const IDLE_FETCH_MS = 1_000;
/** At most this many messages share one transaction (a partition's fetch can hold thousands). */
const MAX_BATCH = 200;

const handled = counter("gocoffee_events_consumed_total", "Events taken from Kafka, by consumer and outcome", ["consumer", "type", "outcome"]);
const batchSeconds = histogram("gocoffee_event_batch_seconds", "Time to handle one batch of events (one transaction)", ["consumer"], [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2]);
const batchSize = histogram("gocoffee_event_batch_size", "Events per handled batch", ["consumer"], [1, 2, 5, 10, 20, 50, 100, 200]);
/** From the event's occurredAt to its handler's commit: for order.placed at the order processor, placed → QUEUED. */
const eventAge = histogram("gocoffee_event_handled_age_seconds", "Time from an event's occurrence to the commit of its handling, by consumer and type", ["consumer", "type"], [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]);

type HandleOptions = Pick<ConsumerOptions, "db" | "name" | "log"> & ({ handlers: HandlerRegistry } | { batch: BatchHandler });

function batchOf(opts: HandleOptions): BatchHandler {
  if ("batch" in opts) return opts.batch;
  const handlers = opts.handlers;
  return {
    types: Object.keys(handlers) as EventType[],
    async handle(events, ctx) {
      for (const event of events) await (handlers[event.type] as Handler<EventType>)(event, { ...ctx, log: ctx.log.child({ eventId: event.id, eventType: event.type, key: event.key }) });
    },
  };
}

/**
 * Handles consecutive messages of one partition: their handler runs in ONE database transaction
 * together with the processed-events inserts, so each event's effects are applied exactly once
 * however often Kafka delivers it. Malformed events and events of unknown types never reach the
 * handler (dead-lettered or ignored). A NonRetryableError (or a ZodError) from the handler sends
 * the batch through again one message at a time, to dead-letter only the event that caused it;
 * any other error is thrown (the caller retries: the partition waits, so order within a key holds).
 * Returns each message's outcome, in order.
 */
export async function handleBatch(opts: HandleOptions, messages: readonly KafkaMessage[], deadLetter: (message: KafkaMessage, reason: string) => Promise<void>): Promise<Outcome[]> {
  const batch = batchOf(opts);
  const outcomes: Outcome[] = [];
  const accepted: { index: number; event: ConsumedEvent }[] = [];
  for (const [index, message] of messages.entries()) {
    // The relay names each event's type in a header: a type this consumer does not take is passed
    // over before its bytes are parsed (most of the order stream, for most of its consumers).
    const named = headerString(message, "event-type", null);
    if (named !== null && isEventType(named) && !batch.types.includes(named)) {
      outcomes.push("ignored");
      continue;
    }
    let event: Envelope;
    try {
      event = decodeEnvelope(message.value);
    } catch (error) {
      await deadLetter(message, `not an event envelope: ${describe(error)}`);
      outcomes.push("dead-lettered");
      continue;
    }
    const type = event.type;
    if (!isEventType(type) || !batch.types.includes(type)) {
      outcomes.push("ignored");
      continue;
    }
    const parsed = eventCatalog[type].payload.safeParse(event.payload);
    if (!parsed.success) {
      await deadLetter(message, `invalid ${type} payload: ${describe(parsed.error)}`);
      outcomes.push("dead-lettered");
      continue;
    }
    const consumed = { ...event, type, payload: parsed.data } as ConsumedEvent;
    if (batch.wants && !batch.wants(consumed)) {
      outcomes.push("ignored");
      continue;
    }
    outcomes.push("handled"); // until the transaction says it was a duplicate
    accepted.push({ index, event: consumed });
  }
  if (accepted.length === 0) return outcomes;

  // A consumer span per traced event; events the handler writes to the outbox continue its trace.
  const spans = startMessageSpans((e) => `process ${e.type}`, SpanKind.CONSUMER, accepted.map(({ index, event }) => ({ key: event.key, type: event.type, id: event.id, traceparent: headerString(messages[index]!, "traceparent", null) })), { "gocoffee.consumer": opts.name });
  try {
    const fresh = await runIn(spans.first, () => withKeyedContexts(spans.contexts, () => opts.db.$transaction(async (tx) => {
      const inserted = await tx.$queryRaw<{ event_id: string }[]>`
        INSERT INTO processed_events (consumer, event_id) SELECT ${opts.name}, unnest(${accepted.map((a) => a.event.id)}::uuid[])
        ON CONFLICT DO NOTHING RETURNING event_id`;
      const unseen = new Set(inserted.map((r) => r.event_id));
      // The same event twice in one batch (a relay restart): only its first copy is new.
      const events = accepted.filter((a) => unseen.delete(a.event.id));
      if (events.length > 0) await batch.handle(events.map((a) => a.event), { tx, log: opts.log });
      return new Set(events.map((a) => a.index));
    })));
    spans.end();
    const now = Date.now();
    for (const { index, event } of accepted) {
      if (!fresh.has(index)) outcomes[index] = "duplicate";
      else eventAge.observe({ consumer: opts.name, type: event.type }, Math.max(0, now - Date.parse(event.occurredAt)) / 1000);
    }
    return outcomes;
  } catch (error) {
    spans.end(error);
    if (!(error instanceof NonRetryableError || error instanceof ZodError)) throw error;
    if (accepted.length === 1) {
      const { index, event } = accepted[0]!;
      await deadLetter(messages[index]!, `${event.type} rejected: ${describe(error)}`);
      outcomes[index] = "dead-lettered";
      return outcomes;
    }
    for (const { index } of accepted) outcomes[index] = (await handleBatch(opts, [messages[index]!], deadLetter))[0]!;
    return outcomes;
  }
}

/** One message on its own, as a batch of one (for tests that deliver messages by hand). */
export async function handleMessage(opts: HandleOptions, message: KafkaMessage, deadLetter: (reason: string) => Promise<void>): Promise<Outcome> {
  const [outcome] = await handleBatch(opts, [message], (_m, reason) => deadLetter(reason));
  return outcome!;
}

export type RunningConsumer = { stop(): Promise<void> };

export async function runConsumer(opts: ConsumerOptions): Promise<RunningConsumer> {
  const groupId = prefixed(opts.topicPrefix, opts.name);
  // A 10 s session: a crashed consumer's partitions move to a live one within seconds, not half a minute.
  // The linger is ours (after a batch), not the broker's: a broker-side wait (minBytes with a
  // short maxWait) answered an empty fetch every lingerMs all day, 4.6 % of a core for the order
  // processor doing nothing (docs/performance.md), and held the first order after a quiet spell.
  const consumer: Consumer = opts.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: IDLE_FETCH_MS });
  const dlqProducer: Producer = createProducer(opts.kafka);
  let stopping = false;

  await Promise.all([consumer.connect(), dlqProducer.connect()]);
  for (const topic of opts.topics) {
    await consumer.subscribe({ topic: prefixed(opts.topicPrefix, topic), fromBeginning: opts.fromBeginning ?? true });
  }

  await consumer.run({
    partitionsConsumedConcurrently: opts.concurrency ?? 3,
    // Offsets are resolved by hand, chunk by chunk: a stop in the middle of a batch commits only what is done.
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      const { topic, partition } = batch;
      const deadLetter = async (message: KafkaMessage, reason: string) => {
        opts.log.error({ topic, partition, offset: message.offset, reason }, "event dead-lettered");
        await dlqProducer.send({
          topic: prefixed(opts.topicPrefix, TOPICS.deadLetter),
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers: { ...message.headers, "dlq-consumer": opts.name, "dlq-source": `${topic}/${partition}/${message.offset}`, "dlq-reason": reason } }],
        });
      };
      for (let start = 0; start < batch.messages.length; start += MAX_BATCH) {
        if (!isRunning() || isStale()) return;
        const messages = batch.messages.slice(start, start + MAX_BATCH);
        let backoffMs = 100;
        for (;;) {
          const timer = batchSeconds.startTimer({ consumer: opts.name });
          try {
            const outcomes = await handleBatch(opts, messages, deadLetter);
            timer();
            batchSize.observe({ consumer: opts.name }, messages.length);
            outcomes.forEach((outcome, i) => {
              handled.inc({ consumer: opts.name, type: headerString(messages[i]!, "event-type"), outcome });
              opts.onOutcome?.(outcome, messages[i]!);
            });
            break;
          } catch (error) {
            // Throwing leaves the offsets unresolved, so a restart redelivers these messages.
            if (stopping) throw error;
            opts.log.warn({ err: error, topic, partition, offset: messages[0]!.offset, count: messages.length, retryInMs: backoffMs }, "event handling failed, retrying");
            await new Promise((r) => setTimeout(r, backoffMs));
            backoffMs = Math.min(backoffMs * 2, 30_000);
          }
        }
        resolveOffset(messages.at(-1)!.offset);
        await heartbeat();
      }
      // kafkajs fetches again once every batch of the last fetch is done: waiting here lets the
      // events of the next lingerMs gather in the broker and come as one batch. The offsets are
      // committed first, so the wait does not hold them back.
      if (opts.lingerMs && batch.messages.length < LINGER_FULL_BATCH && isRunning() && !isStale()) {
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }]);
        await new Promise((r) => setTimeout(r, opts.lingerMs));
      }
    },
  });

  const lag = watchConsumerLag({ kafka: opts.kafka, groupId, consumer: opts.name, topics: opts.topics.map((t) => prefixed(opts.topicPrefix, t)), log: opts.log });

  return {
    // kafkajs finishes the batches in flight and commits their offsets before leaving the group.
    async stop() {
      stopping = true;
      await lag.stop();
      await consumer.disconnect();
      await dlqProducer.disconnect();
    },
  };
}

function headerString(message: KafkaMessage, name: string): string;
function headerString(message: KafkaMessage, name: string, missing: null): string | null;
function headerString(message: KafkaMessage, name: string, missing: string | null = "unknown"): string | null {
  const value = message.headers?.[name];
  return value === undefined ? missing : String(Array.isArray(value) ? value[0] : value);
}

function describe(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}
