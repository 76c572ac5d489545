import { Kafka, logLevel } from "kafkajs";
import { createMigratedDatabase, dropRunDatabase, runResources } from "./run-database";

/**
 * Vitest global setup for the integration project: a fresh, migrated database and a topic prefix
 * for this run, handed to the test files through the environment (lib/env reads it). Everything is
 * removed afterwards, topics included.
 */
export default async function setup() {
  const run = runResources("test");
  await createMigratedDatabase(run.databaseUrl);
  process.env.DATABASE_URL = run.databaseUrl;
  process.env.KAFKA_TOPIC_PREFIX = run.topicPrefix;
  process.env.REDIS_KEY_PREFIX = `gocoffee:${run.topicPrefix}`;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "warn";

  return async () => {
    await dropRunDatabase(run.databaseUrl);
    await deleteTopics(run.topicPrefix);
  };
}

async function deleteTopics(prefix: string): Promise<void> {
  const kafka = new Kafka({ clientId: "test-teardown", brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
  } catch {
    // Kafka may be down in a fault test's aftermath; leftover topics are harmless.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
