import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Kafka, logLevel } from "kafkajs";
import { createDb, type Db } from "@/lib/db";
import { seed } from "@/prisma/seed";
import { freePort } from "../../infra/process";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "../run-database";

/**
 * What every fault test needs: its own seeded database and topic prefix, workers as real child
 * processes, bounded waits, and a cleanup that runs however the test ends.
 */

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export const SFO = "sfo-terminal-2"; // open around the clock
export const ORDER = {
  shop: SFO,
  customerName: "Ada",
  items: [
    { product: "caffe-latte", quantity: 1, options: { size: ["large"], milk: ["oat"] } },
    { product: "butter-croissant", quantity: 1 },
  ],
};

export type FaultRun = {
  db: Db;
  databaseUrl: string;
  topicPrefix: string;
  brokers: string[];
  /** Runs registered cleanups in reverse order; never throws. */
  cleanup(): Promise<void>;
  onCleanup(fn: () => Promise<unknown> | unknown): void;
};

/** A fresh migrated database seeded without history, with stock high enough that nothing runs out. */
export async function createFaultRun(brokers: string[]): Promise<FaultRun> {
  const resources = runResources("test");
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const run: FaultRun = {
    db: undefined as unknown as Db,
    databaseUrl: resources.databaseUrl,
    topicPrefix: `fault.${resources.runId}.`,
    brokers,
    onCleanup: (fn) => void cleanups.push(fn),
    async cleanup() {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (error) {
          console.warn(`fault cleanup: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      cleanups.length = 0;
    },
  };
  run.onCleanup(() => dropRunDatabase(resources.databaseUrl));
  run.onCleanup(() => deleteRunTopics(run.topicPrefix, brokers));
  try {
    await createMigratedDatabase(resources.databaseUrl);
    run.db = createDb(resources.databaseUrl, 16);
    run.onCleanup(() => run.db.$disconnect());
    await seed(run.db, { historyDays: 0 });
    await run.db.$executeRaw`UPDATE stock SET on_hand = 100000000, reserved = 0`;
  } catch (error) {
    await run.cleanup();
    throw error;
  }
  return run;
}

export { freePort } from "../../infra/process";

export type WorkerProcess = {
  name: string;
  port: number;
  child: ChildProcess;
  output(): string;
  exited(): boolean;
};

/** `node --import tsx workers/run.ts <name>` with this run's database, prefix and brokers. */
export async function startWorker(run: FaultRun, name: "outbox-relay" | "order-processor", opts: { waitHealthy?: boolean } = {}): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "workers/run.ts", name], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: run.databaseUrl,
      KAFKA_TOPIC_PREFIX: run.topicPrefix,
      KAFKA_BROKERS: run.brokers.join(","),
      WORKER_HTTP_PORT: String(port),
      SERVICE_NAME: name,
      LOG_LEVEL: "warn",
      DATABASE_POOL_SIZE: "8",
    },
  });
  let output = "";
  let done = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.once("exit", () => {
    done = true;
  });
  const worker: WorkerProcess = { name, port, child, output: () => output, exited: () => done };
  run.onCleanup(() => killWorker(worker));
  if (opts.waitHealthy ?? true) await waitHealthy(worker);
  return worker;
}

export async function waitHealthy(worker: WorkerProcess, timeoutMs = 60_000): Promise<void> {
  await waitFor(`${worker.name} healthy`, timeoutMs, async () => {
    if (worker.exited()) throw new Error(`${worker.name} exited during start:\n${worker.output()}`);
    const response = await fetch(`http://127.0.0.1:${worker.port}/health`).catch(() => null);
    return response?.ok === true;
  });
}

/** Kills a worker (SIGKILL unless told otherwise) and waits until it is gone. */
export async function killWorker(worker: WorkerProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (worker.exited()) return;
  const gone = new Promise<void>((resolve) => worker.child.once("exit", () => resolve()));
  worker.child.kill(signal);
  await Promise.race([gone, sleep(10_000)]);
  if (!worker.exited()) {
    worker.child.kill("SIGKILL");
    await gone;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; throws with `what` after timeoutMs. */
export async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM orders GROUP BY status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

function admin(brokers: string[]) {
  return new Kafka({ clientId: "fault-tests", brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 2 } }).admin();
}

/** Messages ever written to a topic (sum over partitions of high - low watermark); 0 if it does not exist. */
export async function topicMessageCount(brokers: string[], topic: string): Promise<number> {
  const a = admin(brokers);
  try {
    await a.connect();
    if (!(await a.listTopics()).includes(topic)) return 0;
    const offsets = await a.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + (Number(p.high) - Number(p.low)), 0);
  } finally {
    await a.disconnect().catch(() => undefined);
  }
}


/** Runs `task(i)` for i in [0, count) with `concurrency` at a time; collects every failure. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<unknown[]> {
  const failures: unknown[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        await task(i).catch((error: unknown) => void failures.push(error));
      }
    }),
  );
  return failures;
}
