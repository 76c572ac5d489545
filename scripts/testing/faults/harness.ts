import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Kafka, logLevel } from "kafkajs";
import { expect } from "vitest";
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

/** The bearer token fault tests give their workers' /metrics (an internal endpoint that may ask for one). */
const METRICS_TOKEN = `fault-metrics-${process.pid}`;

export type WorkerProcess = {
  name: string;
  port: number;
  child: ChildProcess;
  output(): string;
  exited(): boolean;
};

/** `node --import tsx workers/run.ts <name>` with this run's database, prefix and brokers (and `env` on top). */
export async function startWorker(run: FaultRun, name: "outbox-relay" | "order-processor" | "trading" | "inventory-agent", opts: { waitHealthy?: boolean; env?: Record<string, string> } = {}): Promise<WorkerProcess> {
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
      METRICS_TOKEN,
      ...opts.env,
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

/** The sum of a counter's series on a worker's /metrics whose labels include `labels`. */
export async function scrapeCounter(worker: WorkerProcess, name: string, labels: Record<string, string>): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${worker.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (!response.ok) throw new Error(`${worker.name} /metrics answered ${response.status}`);
  let total = 0;
  for (const line of (await response.text()).split("\n")) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (Object.entries(labels).every(([k, v]) => series[k] === v)) total += Number(match[3]);
  }
  return total;
}

/**
 * Freezes a worker (SIGSTOP) at moments of its work until `ahead()`, measured while it is frozen,
 * is positive — events its database transactions committed that its committed Kafka offsets do not
 * cover — and kills it there (SIGKILL): a redelivery of handled events is then certain. Returns
 * how many it left uncommitted and on which probe.
 * `backlogMs`: first freeze it that long, so it resumes on a backlog of more than one chunk per
 * fetched batch. Offsets are committed once a whole batch is done, so between its first chunk's
 * commit and the batch's end the worker is ahead for hundreds of milliseconds; a worker that keeps
 * up with the stream is ahead only for the few milliseconds between a small batch's commit and its
 * offset commit, which a probe can miss hundreds of times (seen in CI on a fast machine).
 */
export async function killWhileAhead(worker: WorkerProcess, ahead: () => Promise<number>, maxProbes = 300, backlogMs = 0): Promise<{ uncommitted: number; probes: number }> {
  if (backlogMs > 0) {
    worker.child.kill("SIGSTOP");
    await sleep(backlogMs);
    worker.child.kill("SIGCONT");
    await sleep(5);
  }
  for (let probe = 1; probe <= maxProbes; probe++) {
    worker.child.kill("SIGSTOP");
    await sleep(100); // let an offset commit already on the wire reach the broker
    const uncommitted = await ahead();
    if (uncommitted > 0) {
      await killWorker(worker, "SIGKILL");
      return { uncommitted, probes: probe };
    }
    worker.child.kill("SIGCONT");
    await sleep(5 + Math.floor(Math.random() * 50));
  }
  throw new Error(`never caught ${worker.name} with handled events beyond its committed offsets in ${maxProbes} probes`);
}

/** Messages of a topic below the consumer group's committed offsets (what a restarted member will not see again). */
export async function committedMessages(brokers: string[], groupId: string, topic: string): Promise<number> {
  const a = admin(brokers);
  try {
    await a.connect();
    const [offsets] = await a.fetchOffsets({ groupId, topics: [topic] });
    return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await a.disconnect().catch(() => undefined);
  }
}

/**
 * Every order was processed exactly once, whatever was redelivered: one PLACED → QUEUED history
 * row per order and no other move, one RESERVE per (order, ingredient) and the stock's reserved
 * totals equal to them, and `order.placed` handled once per order (processed_events).
 */
export async function expectProcessedOnce(db: Db, consumer: string, orders: number): Promise<void> {
  const history = await db.$queryRaw<{ orders: number; min: number; max: number }[]>`
    SELECT count(*)::int AS orders, min(n)::int AS min, max(n)::int AS max FROM (
      SELECT o.id, count(h.id) AS n FROM orders o
      LEFT JOIN order_status_history h ON h.order_id = o.id AND h.from_status = 'PLACED' AND h.to_status = 'QUEUED'
      GROUP BY o.id) t`;
  expect(history[0], "PLACED → QUEUED history rows per order").toEqual({ orders, min: 1, max: 1 });
  const otherMoves = await db.orderStatusHistory.count({ where: { NOT: [{ fromStatus: null, toStatus: "PLACED" }, { fromStatus: "PLACED", toStatus: "QUEUED" }] } });
  expect(otherMoves, "status moves other than placing and queueing").toBe(0);

  // One RESERVE per (order, ingredient) the recipes need: every order has the same lines, so the same count.
  const reserves = await db.$queryRaw<{ orders: number; min: number; max: number; dup: number }[]>`
    SELECT count(*)::int AS orders, min(n)::int AS min, max(n)::int AS max, max(dup)::int AS dup FROM (
      SELECT o.id, count(m.id) AS n, count(m.id) - count(DISTINCT m.ingredient_id) AS dup FROM orders o
      LEFT JOIN stock_movements m ON m.order_id = o.id AND m.kind = 'RESERVE'
      GROUP BY o.id) t`;
  expect(reserves[0]?.orders, "orders with reservations").toBe(orders);
  expect(reserves[0]?.min, "reservations of the order with the fewest").toBeGreaterThan(0);
  expect(reserves[0]?.max, "every order reserves the same number of ingredients").toBe(reserves[0]?.min);
  expect(reserves[0]?.dup, "reservations of one ingredient twice for one order").toBe(0);
  expect(await db.stockMovement.count({ where: { kind: { in: ["RELEASE", "CONSUME"] } } }), "released or consumed reservations").toBe(0);
  const mismatched = await db.$queryRaw<{ ingredient_id: string; reserved: number; movements: number }[]>`
    SELECT s.ingredient_id, s.reserved, coalesce(sum(m.quantity), 0)::int AS movements
    FROM stock s LEFT JOIN stock_movements m ON m.shop_id = s.shop_id AND m.ingredient_id = s.ingredient_id AND m.kind = 'RESERVE'
    GROUP BY s.shop_id, s.ingredient_id, s.reserved
    HAVING s.reserved <> coalesce(sum(m.quantity), 0)`;
  expect(mismatched, "stock whose reserved total differs from its reservations").toEqual([]);

  // Each order.placed handled once (the processor also records the status changes it skips, so count by type).
  const [handled] = await db.$queryRaw<{ n: number; distinct: number }[]>`
    SELECT count(*)::int AS n, count(DISTINCT e.key)::int AS distinct FROM processed_events p JOIN outbox_events e ON e.id = p.event_id
    WHERE p.consumer = ${consumer} AND e.type = 'order.placed'`;
  expect(handled, "order.placed events handled (and orders they were for)").toEqual({ n: orders, distinct: orders });
}
