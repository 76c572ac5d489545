import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "./run-database";

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
    await deleteRunTopics(run.topicPrefix);
  };
}
