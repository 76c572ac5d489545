import { createServer, type Server } from "node:http";
import type { Kafka } from "kafkajs";
import { createDb, db, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { createKafka, ensureTopics, kafkaSettings, type KafkaSettings } from "@/lib/kafka/client";
import { runConsumer, type BatchHandler, type Outcome, type RunningConsumer } from "@/lib/kafka/consumer";
import type { TopicName } from "@/lib/kafka/topics";
import { childLogger, type Logger } from "@/lib/log";
import { registry } from "@/lib/metrics";
import { preflight } from "@/lib/startup/preflight";
import { flushTracing, startTracing } from "@/lib/tracing";

/**
 * What every worker process shares: configuration and database checks, topics, a health and
 * metrics endpoint, and a graceful stop on SIGTERM/SIGINT (in-flight work finishes, consumers
 * commit their offsets) before the process exits.
 */

export type WorkerContext = { db: Db; kafka: Kafka; kafkaSettings: KafkaSettings; log: Logger };
export type RunningWorker = { stop(): Promise<void>; healthy?(): boolean };
export type WorkerDefinition = {
  name: string;
  description: string;
  start(ctx: WorkerContext): Promise<RunningWorker>;
};

const STOP_DEADLINE_MS = 25_000;

/**
 * A consumer worker's one call: consumer group `name` on `topics`, each batch's new events handed
 * to `batch` (a handler from lib/) in one transaction, as many partitions at once as the topics have.
 */
export function consumeBatches(
  { db, kafka, kafkaSettings: settings, log }: WorkerContext,
  opts: { name: string; topics: readonly TopicName[]; lingerMs: number; batch: BatchHandler; /** After each message's batch committed. */ onOutcome?: (outcome: Outcome) => void },
): Promise<RunningConsumer> {
  return runConsumer({ kafka, db, log, topicPrefix: settings.prefix, concurrency: settings.partitions, ...opts });
}

/**
 * Runs workers in this process under one name (one worker, or a group such as "agents"): one
 * health endpoint (healthy when every one is), stopped together. In a group each worker has its
 * own logger and its own database pool, as it had in a process of its own: an agent whose
 * transactions wait on a shop's lock holds its own connections, never another agent's.
 */
export async function runWorkers(name: string, defs: readonly WorkerDefinition[]): Promise<void> {
  const log = childLogger(name);
  await preflight();
  startTracing(name);
  const settings = kafkaSettings();
  const kafka = createKafka(settings);
  await ensureTopics(kafka, settings);
  const alone = defs.length === 1;
  const pools: Db[] = alone ? [db()] : defs.map(() => createDb(env().DATABASE_URL, env().DATABASE_POOL_SIZE));
  const workers: RunningWorker[] = [];
  for (const [i, def] of defs.entries()) workers.push(await def.start({ db: pools[i]!, kafka, kafkaSettings: settings, log: alone ? log : childLogger(def.name) }));
  const server = await serveHealth(env().WORKER_HTTP_PORT, () => workers.every((w) => w.healthy?.() ?? true));
  log.info({ port: (server.address() as { port: number }).port, workers: defs.map((d) => d.name) }, `${name} started`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${name} stopping`);
    // What is still stopping when the deadline passes is named, so a hang says where it is.
    const waitingFor = new Set(defs.map((d) => d.name));
    const deadline = setTimeout(() => {
      log.error({ waitingFor: [...waitingFor] }, `${name} did not stop within ${STOP_DEADLINE_MS} ms, exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS);
    await Promise.all(workers.map((w, i) => w.stop().finally(() => waitingFor.delete(defs[i]!.name))));
    server.close();
    waitingFor.add("database pools");
    await Promise.all(pools.map((p) => p.$disconnect()));
    waitingFor.delete("database pools");
    waitingFor.add("tracing");
    await flushTracing();
    clearTimeout(deadline);
    log.info(`${name} stopped`);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

function serveHealth(port: number, healthy: () => boolean): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === "/health") {
      const ok = healthy();
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: ok ? "ok" : "unhealthy" }));
    } else if (req.url === "/metrics") {
      registry()
        .metrics()
        .then((body) => {
          res.writeHead(200, { "content-type": registry().contentType });
          res.end(body);
        })
        .catch(() => res.writeHead(500).end());
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, env().WORKER_HTTP_HOST, () => resolve(server));
  });
}
