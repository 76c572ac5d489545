import { Kafka, Partitioners, logLevel, type Admin, type KafkaConfig, type LogEntry, type Producer } from "kafkajs";
import { childLogger, type Logger } from "@/lib/log";
import { env } from "@/lib/env";
import { ALL_TOPICS, prefixed } from "./topics";
import "./request-queue-fix";

/**
 * The only module that constructs kafkajs objects. kafkajs is unmaintained since 2023; keeping it
 * behind createKafka/ensureTopics (and the relay/consumer modules) lets it be swapped for a
 * maintained client without touching callers.
 */

export type KafkaSettings = { brokers: string[]; clientId: string; prefix: string; partitions: number };

export function kafkaSettings(): KafkaSettings {
  const e = env();
  return { brokers: e.KAFKA_BROKERS.split(","), clientId: e.KAFKA_CLIENT_ID, prefix: e.KAFKA_TOPIC_PREFIX, partitions: e.KAFKA_PARTITIONS };
}

function pinoLogCreator(log: Logger) {
  const levels: Record<number, "error" | "warn" | "info" | "debug"> = {
    [logLevel.ERROR]: "error",
    [logLevel.WARN]: "warn",
    [logLevel.INFO]: "info",
    [logLevel.DEBUG]: "debug",
  };
  return () =>
    ({ level, log: entry }: LogEntry) => {
      const { message, ...rest } = entry;
      log[expectedRaceAnswer(entry) || acceptedWarning(entry) ? "debug" : (levels[level] ?? "info")](rest, message);
    };
}

/**
 * Processes that start together (the workers) race to create the same topics; the broker answers
 * the losers TOPIC_ALREADY_EXISTS, which kafkajs logs at ERROR although createTopics then succeeds
 * (it treats "already exists" as done). Such a line is not an error. Any other creation error
 * still makes createTopics throw, and ensureTopics' caller reports it.
 */
function expectedRaceAnswer(entry: LogEntry["log"]): boolean {
  return entry.message.startsWith("Response CreateTopics") && (entry as { error?: unknown }).error === "Topic creation errors";
}

/** The warning every idempotent producer logs at start about bounded retries: accepted on purpose (see createProducer). */
function acceptedWarning(entry: LogEntry["log"]): boolean {
  return entry.message === "Limiting retries for the idempotent producer may invalidate EoS guarantees";
}

export function createKafka(settings: KafkaSettings = kafkaSettings(), overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    // kafkajs logs every reconnect attempt at ERROR; WARN and up keeps broker outages readable.
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(childLogger("kafkajs")),
    connectionTimeout: 3000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 5000 },
    ...overrides,
  });
}

/**
 * The producer every publisher uses: idempotent (the broker drops retried duplicates), acks from
 * all replicas, one request in flight so one key's messages keep their order, murmur2 partitioning
 * by key (the Java client's default). kafkajs warns that bounded retries weaken exactly-once; we
 * accept that, since a send that gives up is retried by its caller and consumers dedupe by event id.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
}

/** Creates every topic this deployment uses (idempotent: existing topics are left as they are). */
export async function ensureTopics(kafka: Kafka, settings: KafkaSettings = kafkaSettings()): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = ALL_TOPICS.map((t) => prefixed(settings.prefix, t)).filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: settings.partitions, replicationFactor: env().KAFKA_REPLICATION_FACTOR })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Answers whether the cluster responds, within timeoutMs. Used by health checks. */
export async function pingKafka(admin: Admin, timeoutMs = 1500): Promise<{ ok: true; brokers: number } | { ok: false; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const cluster = await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
    return { ok: true, brokers: cluster.brokers.length };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
