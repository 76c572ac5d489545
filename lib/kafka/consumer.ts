import type { Consumer, Kafka, KafkaMessage, Producer } from "kafkajs";
import { createProducer } from "./client";
import { ZodError } from "zod";
import type { Db, Prisma } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { counter, histogram } from "@/lib/metrics";
import { decodeEnvelope, type Envelope } from "./envelope";
import { eventCatalog, isEventType, type EventPayload, type EventType } from "./events";
import { TOPICS, prefixed, type TopicName } from "./topics";

/** Thrown by a handler for input that will never succeed: the event goes to the dead-letter topic. */
export class NonRetryableError extends Error {
  override name = "NonRetryableError";
}

export type HandlerContext = { tx: Prisma.TransactionClient; log: Logger };
export type Handler<T extends EventType> = (event: Envelope<EventPayload<T>>, ctx: HandlerContext) => Promise<void>;
export type HandlerRegistry = { [T in EventType]?: Handler<T> };

export type ConsumerOptions = {
  kafka: Kafka;
  db: Db;
  /** Names the consumer group and the processed-events records: one per worker role. */
  name: string;
  topics: readonly TopicName[];
  handlers: HandlerRegistry;
  topicPrefix: string;
  log: Logger;
  /** How many partitions are worked at once (kafkajs runs one message per partition at a time). */
  concurrency?: number;
  fromBeginning?: boolean;
  /** Called after each message with what happened to it (metrics, tests). */
  onOutcome?: (outcome: Outcome, message: KafkaMessage) => void;
};

export type Outcome = "handled" | "duplicate" | "ignored" | "dead-lettered";

const handled = counter("gocoffee_events_consumed_total", "Events taken from Kafka, by consumer and outcome", ["consumer", "type", "outcome"]);
const handleSeconds = histogram("gocoffee_event_handle_seconds", "Time to handle one event", ["consumer"], [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2]);

/**
 * Handles one message: the handler runs in a database transaction together with the
 * processed-events insert, so an event's effects are applied exactly once however often Kafka
 * delivers it. Transient failures are retried with backoff (the partition waits: order within a
 * key is kept); malformed events and NonRetryableError go to the dead-letter topic.
 */
export async function handleMessage(
  opts: Pick<ConsumerOptions, "db" | "name" | "handlers" | "log">,
  message: KafkaMessage,
  deadLetter: (reason: string) => Promise<void>,
): Promise<Outcome> {
  let event: Envelope;
  try {
    event = decodeEnvelope(message.value);
  } catch (error) {
    await deadLetter(`not an event envelope: ${describe(error)}`);
    return "dead-lettered";
  }
  const type = event.type;
  const handler = isEventType(type) ? (opts.handlers[type] as Handler<EventType> | undefined) : undefined;
  if (!isEventType(type) || !handler) return "ignored";

  const parsed = eventCatalog[type].payload.safeParse(event.payload);
  if (!parsed.success) {
    await deadLetter(`invalid ${type} payload: ${describe(parsed.error)}`);
    return "dead-lettered";
  }
  const typed = { ...event, payload: parsed.data } as Envelope<EventPayload<EventType>>;
  const log = opts.log.child({ eventId: event.id, eventType: type, key: event.key });

  try {
    return await opts.db.$transaction(async (tx) => {
      const fresh = await tx.$executeRaw`
        INSERT INTO processed_events (consumer, event_id) VALUES (${opts.name}, ${event.id}::uuid)
        ON CONFLICT DO NOTHING`;
      if (fresh === 0) return "duplicate";
      await handler(typed, { tx, log });
      return "handled";
    });
  } catch (error) {
    if (error instanceof NonRetryableError || error instanceof ZodError) {
      await deadLetter(`${type} rejected: ${describe(error)}`);
      return "dead-lettered";
    }
    throw error;
  }
}

export type RunningConsumer = { stop(): Promise<void> };

export async function runConsumer(opts: ConsumerOptions): Promise<RunningConsumer> {
  const groupId = prefixed(opts.topicPrefix, opts.name);
  // A 10 s session: a crashed consumer's partitions move to a live one within seconds, not half a minute.
  const consumer: Consumer = opts.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const dlqProducer: Producer = createProducer(opts.kafka);
  let stopping = false;

  await Promise.all([consumer.connect(), dlqProducer.connect()]);
  for (const topic of opts.topics) {
    await consumer.subscribe({ topic: prefixed(opts.topicPrefix, topic), fromBeginning: opts.fromBeginning ?? true });
  }

  await consumer.run({
    partitionsConsumedConcurrently: opts.concurrency ?? 3,
    eachMessage: async ({ topic, partition, message }) => {
      const deadLetter = async (reason: string) => {
        opts.log.error({ topic, partition, offset: message.offset, reason }, "event dead-lettered");
        await dlqProducer.send({
          topic: prefixed(opts.topicPrefix, TOPICS.deadLetter),
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers: { ...message.headers, "dlq-consumer": opts.name, "dlq-source": `${topic}/${partition}/${message.offset}`, "dlq-reason": reason } }],
        });
      };
      let backoffMs = 100;
      for (;;) {
        const timer = handleSeconds.startTimer({ consumer: opts.name });
        try {
          const outcome = await handleMessage(opts, message, deadLetter);
          timer();
          handled.inc({ consumer: opts.name, type: headerString(message, "event-type"), outcome });
          opts.onOutcome?.(outcome, message);
          return;
        } catch (error) {
          // Throwing leaves the offset uncommitted, so a restart redelivers this message.
          if (stopping) throw error;
          opts.log.warn({ err: error, topic, partition, offset: message.offset, retryInMs: backoffMs }, "event handling failed, retrying");
          await new Promise((r) => setTimeout(r, backoffMs));
          backoffMs = Math.min(backoffMs * 2, 30_000);
        }
      }
    },
  });

  return {
    // kafkajs finishes the messages in flight and commits their offsets before leaving the group.
    async stop() {
      stopping = true;
      await consumer.disconnect();
      await dlqProducer.disconnect();
    },
  };
}

function headerString(message: KafkaMessage, name: string): string {
  const value = message.headers?.[name];
  return value === undefined ? "unknown" : String(Array.isArray(value) ? value[0] : value);
}

function describe(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}
