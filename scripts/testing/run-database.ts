import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Kafka, logLevel } from "kafkajs";
import { kafkaConfig } from "../infra/kafka";
import { databaseUrl, dropDatabase, ensureDatabase } from "../infra/postgres";

/**
 * Each test run gets its own database and Kafka topic prefix, so runs never collide with the demo
 * or with each other. The name carries a random id; leftovers of a killed run are plain
 * `gocoffee_test_*` databases that `npm run test:clean` removes.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type RunResources = { runId: string; databaseUrl: string; topicPrefix: string };

export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export function runResources(kind: "test" | "e2e", runId = newRunId()): RunResources {
  const url = new URL(databaseUrl());
  url.pathname = `/gocoffee_${kind}_${runId}`;
  return { runId, databaseUrl: url.toString(), topicPrefix: `${kind}.${runId}.` };
}

/** Creates the database and applies every migration, as `npm run db:migrate` does. */
export async function createMigratedDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  const result = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed for ${url}:\n${result.stdout}\n${result.stderr}`);
}

export async function dropRunDatabase(url: string): Promise<void> {
  await dropDatabase(url);
}

/**
 * Deletes a run's topics and consumer groups (best effort: leftovers of one run are harmless, and
 * Kafka may be down after a fault test). `brokers` defaults to the shared broker.
 */
export async function deleteRunTopics(prefix: string, brokers: string[] = kafkaConfig().brokers): Promise<void> {
  const admin = new Kafka({ clientId: "test-cleanup", brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
  } catch {
    // best effort
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
