import { env } from "@/lib/env";
import { createProducer } from "@/lib/kafka/client";
import { watchOutboxBacklog } from "@/lib/kafka/outbox-monitor";
import { OutboxRelay } from "@/lib/kafka/relay";
import type { WorkerDefinition } from "./runtime";

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const RETENTION_DAYS = 7;

export const outboxRelay: WorkerDefinition = {
  name: "outbox-relay",
  description: "Publishes outbox rows to Kafka (idempotent producer, one leader at a time)",
  async start({ db, kafka, kafkaSettings, log }) {
    const producer = createProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay({
      db,
      databaseUrl: env().DATABASE_URL,
      producer,
      newProducer: () => createProducer(kafka),
      topicPrefix: kafkaSettings.prefix,
      batchSize: env().OUTBOX_BATCH_SIZE,
      pollMs: env().OUTBOX_POLL_MS,
      log,
    });
    await relay.start();
    const pruner = setInterval(() => {
      if (!relay.leader) return;
      relay.prune(RETENTION_DAYS).catch((err: unknown) => log.warn({ err }, "outbox prune failed"));
    }, PRUNE_EVERY_MS);
    const monitor = watchOutboxBacklog(db, log);
    return {
      async stop() {
        monitor.stop();
        clearInterval(pruner);
        await relay.stop();
        await relay.producer.disconnect();
      },
    };
  },
};
