import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { createDb, type Db } from "@/lib/db/client";
import { receiveDelivery } from "@/lib/inventory/deliveries";
import { createEvent } from "@/lib/kafka/events";
import { newTrackingToken } from "@/lib/orders/access";
import { generatePickupCode } from "@/lib/orders/pickup-code";
import { placementStatement, type NewOrderRow } from "@/lib/orders/place-order";
import { DEVICE_COOKIE, newDeviceId } from "@/lib/security/device";
import { SERVER_NODE_FLAGS } from "@/lib/startup/node-flags";
import { seed } from "@/prisma/seed";
import { buildStaleness } from "../infra/build-freshness";
import * as kafka from "../infra/kafka";
import { isPortOpen } from "../infra/process";
import * as postgres from "../infra/postgres";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, newRunId } from "../testing/run-database";
import { lagLines, sampleConsumerLag } from "./consumer-lag";
import { loadMenus, orderBodies, type OrderBody } from "./order-mix";
import { measurePaymentLatency } from "./payment-latency";
import { BenchProcesses, fmt, percentile, signIn, sleep } from "./support";

/**
 * `npm run bench:orders`: how fast can orders be placed, end to end, on this machine, and what does
 * each order cost? Starts its own production build (rebuilt when older than the sources), app and
 * workers against its own database and topic prefix, and places varied orders (several shops,
 * products, options, tips; a share by signed-in customers) while stock runs down and is restocked
 * by deliveries, as in a café. Phases:
 * (a) closed loop, the best of a few concurrencies held 30 s: an order counts when it is QUEUED
 *     (over the window plus the drain); the POST-201 rate is printed beside it. CPU ms per order
 *     per process kind over the same span.
 * (b) open loop at HALF of (a)'s QUEUED rate for 30 s (the latency targets), then the fixed
 *     200 orders/s of earlier rounds for 20 s; each from a busy café's state (tens of open tickets).
 *     With each: (c) placed→QUEUED to the commit as seen (the NOTIFY the commit sends arrives
 *     here; orders never QUEUED within 60 s count as misses) and (e) QUEUED→delivered on the
 *     baristas' queue streams (one per shop, open throughout).
 * In (a) and both (b) phases, every consumer group's lag (the agents' too) is read from the broker
 * once a second: the most it fell behind, and how long after the load it was back at zero.
 * (d′) the app's own placement statement (lib/orders/place-order.ts placementStatement, same rows)
 *     written straight with pg at (a)'s concurrency: with the workers running, then stopped.
 * (f) mined crypto payment → invoice PROCESSING (./payment-latency.ts).
 * Prints figures only; asserts nothing. Removes all it made.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const WORKER_PORT = Number(process.env.BENCH_WORKER_PORT ?? 9700); // and the ones after it
const POOL_SIZE = 20;
const BASE = `http://127.0.0.1:${PORT}`;
// BENCH_CONCURRENCY=n skips the probes and holds n connections (a quicker run while profiling).
const PROBE_CONCURRENCY = process.env.BENCH_CONCURRENCY ? [Number(process.env.BENCH_CONCURRENCY)] : [8, 16, 32, 64];
const PROBE_MS = 8_000;
const SUSTAINED_MS = 30_000;
const HALF_MS = 30_000;
// BENCH_OPEN_RATE=n: the fixed-rate phase at n orders/s instead of 200.
const FIXED_RATE = Number(process.env.BENCH_OPEN_RATE ?? 200);
const FIXED_MS = 20_000;
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5_000);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 30);
/** BENCH_QUEUE_STREAMS=n: live queue streams per shop in the open phases (0: none, and no (e); what the streams cost). */
const STREAMS_PER_SHOP = Number(process.env.BENCH_QUEUE_STREAMS ?? 1);
const DIRECT_MS = 20_000;
/** Open tickets per shop when a fixed-rate phase starts: a busy café, not an empty queue. */
const BUSY_TICKETS_PER_SHOP = 30;
/** Share of orders placed by signed-in customers (their requests carry a session cookie to decode). */
const SIGNED_IN_SHARE = 0.3;
const CUSTOMERS = 20;
const CUSTOMER_PASSWORD = "espresso-customer"; // the seed's demo customer's, copied to the bench's customers
const MANAGER = { email: "manager@gocoffee.test", password: "espresso-manager" };
const BARISTA = { email: "barista@gocoffee.test", password: "espresso-barista" }; // the seed's demo staff, of every shop

const runId = newRunId();
const databaseUrl = (() => {
  const url = new URL(postgres.databaseUrl());
  url.pathname = `/gocoffee_bench_${runId}`;
  return url.toString();
})();
const topicPrefix = `bench.${runId}.`;
const procs = new BenchProcesses(ROOT, join(ROOT, ".data", "bench", runId));
let appProcess: ChildProcess | undefined;
const streams: { close(): void }[] = [];
/** Read-only admin access for the consumer lag figures. */
const lagKafka = new Kafka({ clientId: "bench-lag", brokers: kafka.kafkaConfig().brokers, logLevel: logLevel.NOTHING });
/** How long after a phase's load the consumers get to reach zero lag before the figure says "still behind". */
const LAG_DRAIN_MS = 60_000;

// ---------------------------------------------------------------- HTTP load

type Result = { ok: boolean; ms: number; id?: string };

/** What went wrong, by kind ("HTTP 409", "ECONNRESET"), for the report. */
const errorKinds = new Map<string, number>();
const noteError = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
/** Requests sent again after the server closed an idle kept-alive socket as they went out on it. */
let keepAliveRetries = 0;

/** The orders to place (drawn in turn) and the signed-in customers' cookies. */
const load = { bodies: [] as string[], cookies: [] as string[], next: 0 };
/**
 * Guests order from browsers of their own: each guest request carries one of these device cookies
 * (a browser gets one with its first page), so the guest cap's count of open orders is one device's
 * few (a run's ~20,000 guest orders: about 4 each, near the cap of 5 a device has in production).
 * Without them every guest of the bench was one client (its IP) with thousands of open orders,
 * which the cap's count read on every placement (docs/performance.md).
 */
// BENCH_GUEST_DEVICES=0: every guest without a cookie, as before 2026-12-06 (to compare).
const GUEST_DEVICES = Array.from({ length: Number(process.env.BENCH_GUEST_DEVICES ?? 5_000) }, () => `${DEVICE_COOKIE}=${newDeviceId()}`);

function post(agent: http.Agent): Promise<Result> {
  const body = load.bodies[load.next++ % load.bodies.length]!;
  const signedIn = load.cookies.length > 0 && Math.random() < SIGNED_IN_SHARE;
  const cookie = signedIn ? load.cookies[randomInt(load.cookies.length)] : GUEST_DEVICES.length > 0 ? GUEST_DEVICES[randomInt(GUEST_DEVICES.length)] : undefined;
  return postBody(agent, body, cookie);
}

/**
 * A POST with an idempotency key. When the server closes an idle kept-alive socket just as a
 * request goes out on it (a race of HTTP keep-alive, not a failure of the app; open loops leave
 * sockets idle for seconds), the request is sent again, once, with the same key, as an HTTP client
 * would (Node's docs: `request.reusedSocket`); its latency counts from the first try.
 */
function postBody(agent: http.Agent, body: string, cookie?: string, retryOf?: { started: number; idempotencyKey: string }): Promise<Result & { status?: number; text?: string }> {
  const { started, idempotencyKey } = retryOf ?? { started: performance.now(), idempotencyKey: randomUUID() };
  const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", "content-length": Buffer.byteLength(body), "idempotency-key": idempotencyKey };
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve) => {
    const req = http.request(`${BASE}/api/orders`, { method: "POST", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        // A retry whose first try did reach the app is answered 200 with the same order.
        const ok = res.statusCode === 201 || (retryOf !== undefined && res.statusCode === 200);
        const text = Buffer.concat(chunks).toString();
        if (!ok) noteError(`HTTP ${res.statusCode}`);
        const id = ok ? (JSON.parse(text) as { order: { id: string } }).order.id : undefined;
        resolve({ ok, ms: performance.now() - started, id, status: res.statusCode, text });
      });
      res.on("error", (e: NodeJS.ErrnoException) => {
        noteError(e.code ?? e.message);
        resolve({ ok: false, ms: performance.now() - started });
      });
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (req.reusedSocket && e.code === "ECONNRESET" && !retryOf) {
        keepAliveRetries++;
        resolve(postBody(agent, body, cookie, { started, idempotencyKey }));
        return;
      }
      noteError(e.code ?? e.message);
      resolve({ ok: false, ms: performance.now() - started });
    });
    req.end(body);
  });
}

type ClosedLoop = { concurrency: number; seconds: number; ok: number; errors: number; rate: number; p50: number; p99: number; ids: string[] };

async function closedLoop(concurrency: number, durationMs: number, run: (i: number) => Promise<Result>): Promise<ClosedLoop> {
  const latencies: number[] = [];
  const ids: string[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      while (performance.now() < end) {
        const r = await run(i);
        if (r.ok) latencies.push(r.ms);
        else errors++;
        if (r.id) ids.push(r.id);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { concurrency, seconds, ok: latencies.length, errors, rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), ids };
}

/** Fixed arrival rate; latency counts from the scheduled send time (no coordinated omission). */
async function openLoop(rate: number, durationMs: number, agent: http.Agent) {
  const total = Math.round((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  const results: Promise<Result & { lateMs: number }>[] = [];
  const started = performance.now();
  while (results.length < total) {
    const due = Math.floor((performance.now() - started) / interval) + 1;
    while (results.length < Math.min(due, total)) {
      const scheduled = started + results.length * interval;
      results.push(post(agent).then((r) => ({ ...r, lateMs: performance.now() - scheduled - r.ms, ms: performance.now() - scheduled })));
    }
    // Until the next send is due (a fixed 1 ms tick cost this process a tenth of a core).
    await sleep(Math.max(0, started + results.length * interval - performance.now()));
  }
  const all = await Promise.all(results);
  const latencies = all.filter((r) => r.ok).map((r) => r.ms).sort((a, b) => a - b);
  return {
    sent: total,
    // Latencies by the second their request was due in: a stall shows as a few bad seconds.
    bySecond: bySecond(all.map((r, i) => [(i * interval) / 1000, r.ms])),
    errors: all.filter((r) => !r.ok).length,
    seconds: (performance.now() - started) / 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    ids: all.flatMap((r) => (r.id ? [r.id] : [])),
  };
}

// ---------------------------------------------------------------- barista queue streams

type QueueStream = {
  /** Resolves once the first `snapshot` event arrived: how many open tickets it held, and when. */
  snapshot: Promise<{ tickets: number; bytes: number; ms: number }>;
  /** Order id → its ticket's queuedAt (epoch ms) and the arrival (epoch ms) of its first ticket event with status QUEUED. */
  queued: Map<string, { queuedAt: number; at: number }>;
  ticketEvents: () => number;
  /** Why the stream ended before close() was called, if it did. */
  ended: () => string | undefined;
  close(): void;
};

/**
 * A barista's live queue: GET /api/shops/:slug/queue/events kept open, read as server-sent events.
 * Arrival time is taken when a chunk reaches this process (before parsing), on the same clock as
 * the order processor's queuedAt (both are this machine's).
 */
function openQueueStream(cookie: string, shop: string): QueueStream {
  const queued = new Map<string, { queuedAt: number; at: number }>();
  let ticketEvents = 0;
  let ended: string | undefined;
  let closing = false;
  const opened = performance.now();
  let resolveSnapshot!: (s: { tickets: number; bytes: number; ms: number }) => void;
  let rejectSnapshot!: (e: Error) => void;
  const snapshot = new Promise<{ tickets: number; bytes: number; ms: number }>((resolve, reject) => {
    resolveSnapshot = resolve;
    rejectSnapshot = reject;
  });
  snapshot.catch(() => undefined); // reported through ended() as well
  const fail = (why: string) => {
    if (closing || ended) return;
    ended = why;
    rejectSnapshot(new Error(why));
  };

  const req = http.request(`${BASE}/api/shops/${shop}/queue/events`, { agent: false, headers: { cookie, accept: "text/event-stream" } }, (res) => {
    if (res.statusCode !== 200) {
      fail(`queue stream answered HTTP ${res.statusCode}`);
      res.resume();
      return;
    }
    res.setEncoding("utf8");
    let buffer = "";
    let scanned = 0; // where to look for the next "\n\n" (a snapshot can be megabytes)
    let bytes = 0;
    res.on("data", (chunk: string) => {
      const at = Date.now();
      bytes += Buffer.byteLength(chunk);
      buffer += chunk;
      let start = 0;
      let end: number;
      while ((end = buffer.indexOf("\n\n", Math.max(start, scanned))) >= 0) {
        const block = buffer.slice(start, end);
        start = end + 2;
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event === "snapshot" && data) {
          resolveSnapshot({ tickets: (JSON.parse(data) as { tickets: unknown[] }).tickets.length, bytes, ms: performance.now() - opened });
        } else if (event === "ticket" && data) {
          ticketEvents++;
          const ticket = JSON.parse(data) as { id: string; status: string; queuedAt: string | null };
          if (ticket.status === "QUEUED" && ticket.queuedAt && !queued.has(ticket.id)) queued.set(ticket.id, { queuedAt: Date.parse(ticket.queuedAt), at });
        }
      }
      buffer = buffer.slice(start);
      scanned = Math.max(0, buffer.length - 1);
    });
    res.on("error", (e) => fail(`queue stream failed: ${e.message}`));
    res.on("close", () => fail("queue stream closed by the server"));
  });
  req.on("error", (e) => fail(`queue stream failed: ${e.message}`));
  req.end();

  const stream: QueueStream = {
    snapshot,
    queued,
    ticketEvents: () => ticketEvents,
    ended: () => ended,
    close() {
      if (closing) return;
      closing = true;
      req.destroy(); // also destroys the response and its socket (agent: false, so nothing is pooled)
      const i = streams.indexOf(stream);
      if (i >= 0) streams.splice(i, 1);
    },
  };
  streams.push(stream);
  return stream;
}

/**
 * The bench's own LISTEN on the channel the app's stream is fed from: when each order's QUEUED
 * change was committed and notified (as seen from this process), to split (e) into the processor's
 * side (queuedAt → NOTIFY) and the stream's side (NOTIFY → SSE event).
 */
async function listenForQueued(): Promise<{ notified: Map<string, number>; close(): void }> {
  const notified = new Map<string, number>();
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => undefined);
  client.on("notification", (msg) => {
    const at = Date.now();
    if (!msg.payload) return;
    const change = JSON.parse(msg.payload) as { id: string; status: string };
    if (change.status === "QUEUED" && !notified.has(change.id)) notified.set(change.id, at);
  });
  await client.connect();
  await client.query("LISTEN order_changes");
  let closed = false;
  const listener = {
    notified,
    close() {
      if (closed) return;
      closed = true;
      void client.end().catch(() => undefined);
      const i = streams.indexOf(listener);
      if (i >= 0) streams.splice(i, 1);
    },
  };
  streams.push(listener);
  return listener;
}

/** Values grouped by the whole second they fall in. */
function bySecond(points: readonly (readonly [seconds: number, value: number])[]): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const [seconds, value] of points) {
    const second = Math.floor(seconds);
    const group = groups.get(second);
    if (group) group.push(value);
    else groups.set(second, [value]);
  }
  return groups;
}

// ---------------------------------------------------------------- what Postgres waits on

/**
 * Samples pg_stat_activity of the bench's database every 50 ms until stopped: active sessions by
 * wait event (CPU when none), split into the first 5 s and the rest, to tell a start-up stall
 * (connections, locks, I/O) from the steady state.
 */
function samplePostgresWaits(pool: pg.Pool): { stop(): Promise<string> } {
  const started = Date.now();
  const early = new Map<string, number>();
  const later = new Map<string, number>();
  let samples = [0, 0];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ what: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS what, count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      const first = Date.now() - started < 5_000;
      const into = first ? early : later;
      samples = first ? [samples[0]! + 1, samples[1]!] : [samples[0]!, samples[1]! + 1];
      for (const r of rows) into.set(r.what, (into.get(r.what) ?? 0) + r.n);
      await sleep(50);
    }
  })();
  const show = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([what, count]) => `${what} ${fmt(count / Math.max(n, 1), 1)}`).join(", ") || "idle";
  return {
    async stop() {
      running = false;
      await loop;
      return `${show(early, samples[0]!)} | ${show(later, samples[1]!)} (average active sessions)`;
    },
  };
}

// ---------------------------------------------------------------- the app's garbage collection

/** The bench's app serves /api/metrics to this token only (docs/security.md). */
const METRICS_TOKEN = randomBytes(24).toString("base64url");

type GcTotals = Map<string, { seconds: number; count: number }>;

/** The app's cumulative GC time and count by kind (prom-client's default metrics on /api/metrics). */
async function nextGc(): Promise<GcTotals> {
  const totals: GcTotals = new Map();
  const text = await (await fetch(`${BASE}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text().catch(() => "");
  for (const match of text.matchAll(/^gocoffee_nodejs_gc_duration_seconds_(sum|count)\{kind="(\w+)"\} ([\d.e+-]+)$/gm)) {
    const [, field, kind, value] = match;
    const entry = totals.get(kind!) ?? { seconds: 0, count: 0 };
    if (field === "sum") entry.seconds = Number(value);
    else entry.count = Number(value);
    totals.set(kind!, entry);
  }
  return totals;
}

function gcDelta(before: GcTotals, after: GcTotals): string {
  const parts = [...after].map(([kind, a]) => {
    const b = before.get(kind) ?? { seconds: 0, count: 0 };
    return `${kind} ${a.count - b.count}× ${fmt((a.seconds - b.seconds) * 1000, 0)} ms`;
  });
  return parts.length > 0 ? parts.join(", ") : "not available";
}

// ---------------------------------------------------------------- CPU per process kind

type Kind = "next" | "workers" | "postgres" | "postgres-other" | "kafka" | "loadgen" | "other" | `worker:${string}`;

/**
 * CPU ticks by kind: our Next server and workers are recognised by process tree (other sessions
 * may run their own Next servers on this machine), Postgres backends by our database's name in
 * their title (the rest of Postgres, e.g. WAL writer and checkpointer, counts as "postgres-other").
 */
type Usage = { ticks: number; sysTicks: number; voluntary: number; preempted: number };
const NO_USAGE: Usage = { ticks: 0, sysTicks: 0, voluntary: 0, preempted: 0 };

/** Context switches of every thread of a process: voluntary (it blocked: a wake-up when it runs again) and preempted. */
function switchesOf(pid: string): { voluntary: number; preempted: number } {
  let voluntary = 0;
  let preempted = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const status = readFileSync(`/proc/${pid}/task/${task}/status`, "utf8");
    voluntary += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    preempted += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
  return { voluntary, preempted };
}

function cpuTicks(): Map<Kind, Usage> {
  const table = new Map<number, Usage & { ppid: number; comm: string; cmd: string }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ticks = Number(fields[11]) + Number(fields[12]);
      table.set(Number(entry), { ppid: Number(fields[1]), ticks, sysTicks: Number(fields[12]), ...(ticks > 0 ? switchesOf(entry) : { voluntary: 0, preempted: 0 }), comm, cmd: readFileSync(`/proc/${entry}/cmdline`, "utf8") });
    } catch {
      /* exited meanwhile */
    }
  }
  const roots = new Map<number, Kind>(procs.children.map((c) => [c.pid ?? -1, c === appProcess ? "next" : "workers"]));
  const ownedBy = (pid: number): Kind | undefined => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = table.get(p)?.ppid ?? 0, hops++) {
      const kind = roots.get(p);
      if (kind) return kind;
    }
    return undefined;
  };
  const database = new URL(databaseUrl).pathname.slice(1);
  const totals = new Map<Kind, Usage>();
  const add = (kind: Kind, u: Usage) => {
    const t = totals.get(kind) ?? NO_USAGE;
    totals.set(kind, { ticks: t.ticks + u.ticks, sysTicks: t.sysTicks + u.sysTicks, voluntary: t.voluntary + u.voluntary, preempted: t.preempted + u.preempted });
  };
  for (const [pid, p] of table) {
    if (p.ticks === 0) continue;
    const kind: Kind =
      pid === process.pid
        ? "loadgen"
        : (ownedBy(pid) ??
          (p.cmd.includes(database) ? "postgres" : p.comm.startsWith("postgres") || p.cmd.startsWith("postgres") ? "postgres-other" : p.cmd.includes("kafka.Kafka") ? "kafka" : "other"));
    add(kind, p);
    // Each worker runs as `node … workers/run.ts <name>` under the supervisor: split "workers" by name.
    const worker = kind === "workers" ? /workers\/run\.ts\0([^\0]+)/.exec(p.cmd)?.[1] : undefined;
    if (worker) add(`worker:${worker}`, p);
  }
  return totals;
}

/** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ, fixed at 100 for user space). */
const TICK_MS = 10;

type Cpu = { ticks: Map<Kind, number>; usage: Map<Kind, Usage>; seconds: number; line: string };

/** CPU use (% of one core; the machine has 2 → 200 %) of each kind of process over a phase, and its ticks. */
async function withCpu<T>(fn: () => Promise<T>): Promise<{ value: T; cpu: Cpu }> {
  const before = cpuTicks();
  const started = performance.now();
  const value = await fn();
  const after = cpuTicks();
  const seconds = (performance.now() - started) / 1000;
  const usage = new Map<Kind, Usage>(
    [...after].map(([k, v]) => {
      const b = before.get(k) ?? NO_USAGE;
      // A process that exited meanwhile takes its counts with it: never below zero.
      return [k, { ticks: Math.max(0, v.ticks - b.ticks), sysTicks: Math.max(0, v.sysTicks - b.sysTicks), voluntary: Math.max(0, v.voluntary - b.voluntary), preempted: Math.max(0, v.preempted - b.preempted) }];
    }),
  );
  const ticks = new Map<Kind, number>([...usage].map(([k, u]) => [k, u.ticks]));
  const kinds: Kind[] = ["next", "workers", "postgres", "postgres-other", "kafka", "loadgen", "other"];
  const pct = (k: Kind) => Math.round((ticks.get(k) ?? 0) / seconds);
  const workers = [...ticks.keys()].filter((k) => k.startsWith("worker:")).sort();
  const parts = kinds.map((k) => (k === "workers" && workers.length > 0 ? `workers ${pct(k)}% (${workers.map((w) => `${w.slice(7)} ${pct(w)}%`).join(", ")})` : `${k} ${pct(k)}%`));
  return { value, cpu: { ticks, usage, seconds, line: `CPU (100% = one core; "other" = processes this bench did not start): ${parts.join(", ")}` } };
}

/** The kinds that make up "all processes" of the product and the bench ("other" is not ours). */
const OUR_KINDS: Kind[] = ["next", "workers", "postgres", "postgres-other", "kafka", "loadgen"];

/** CPU milliseconds per order: each kind (workers split by worker), and the total of OUR_KINDS. */
function cpuPerOrder(cpu: Cpu, orders: number, which = ""): { total: number; line: string } {
  const ms = (k: Kind) => ((cpu.ticks.get(k) ?? 0) * TICK_MS) / Math.max(orders, 1);
  const total = OUR_KINDS.reduce((sum, k) => sum + ms(k), 0);
  const workers = [...cpu.ticks.keys()].filter((k) => k.startsWith("worker:")).sort();
  const parts = OUR_KINDS.map((k) => (k === "workers" && workers.length > 0 ? `workers ${fmt(ms(k), 2)} (${workers.map((w) => `${w.slice(7)} ${fmt(ms(w), 2)}`).join(", ")})` : `${k} ${fmt(ms(k), 2)}`));
  return { total, line: `CPU ms per order ${which ? `${which}, ` : ""}over ${orders} orders: ${parts.join(", ")}; total ${fmt(total, 2)} ms (other, not ours: ${fmt(ms("other"), 2)})` };
}

/**
 * Per order, for each kind: the share of its CPU spent in the kernel, how often its threads blocked
 * and woke (voluntary context switches) and how often they were preempted. Work done per wake-up
 * rather than per order shows here as wake-ups per order that grow as the rate falls.
 */
function wakeupsPerOrder(cpu: Cpu, orders: number): string {
  const kinds: Kind[] = ["next", "workers", "postgres", "kafka", "loadgen"];
  const parts = kinds.map((k) => {
    const u = cpu.usage.get(k) ?? NO_USAGE;
    return `${k} ${fmt((100 * u.sysTicks) / Math.max(u.ticks, 1), 0)}% kernel, ${fmt(u.voluntary / Math.max(orders, 1), 1)} wake-ups, ${fmt(u.preempted / Math.max(orders, 1), 1)} preemptions`;
  });
  return `kernel share of CPU and context switches per order: ${parts.join("; ")}`;
}

// ---------------------------------------------------------------- stock and restocks

/**
 * Stock as the seed sets it (days of a café's use, some shops short), topped up by deliveries as a
 * manager would count them in (receiveDelivery: RESTOCK movements, audit, event to the inventory
 * agent) whenever what is free to reserve falls under what the next ~10 s will take at the rate
 * seen. The bench's rate is far above any café's, so a café's delivery rhythm would starve it.
 */
function startRestocks(db: Db, pool: pg.Pool, actor: { id: string; email: string }): { stop(): Promise<{ deliveries: number; lines: number }> } {
  let running = true;
  let deliveries = 0;
  let lines = 0;
  const last = new Map<string, { free: number; at: number }>();
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ shop_id: string; ingredient_id: string; free: number; reorder_level: number }>(
        `SELECT shop_id::text, ingredient_id::text, on_hand - reserved AS free, reorder_level FROM stock`,
      );
      const now = Date.now();
      const due = new Map<string, { ingredientId: string; quantity: number }[]>();
      for (const r of rows) {
        const key = `${r.shop_id}/${r.ingredient_id}`;
        const before = last.get(key);
        const perSecond = before && now > before.at ? Math.max(0, (before.free - r.free) / ((now - before.at) / 1000)) : 0;
        last.set(key, { free: r.free, at: now });
        if (r.free < Math.max(r.reorder_level * 2, perSecond * 10)) {
          due.set(r.shop_id, [...(due.get(r.shop_id) ?? []), { ingredientId: r.ingredient_id, quantity: Math.min(1_000_000, Math.max(r.reorder_level * 4, Math.ceil(perSecond * 30), 1)) }]);
        }
      }
      for (const [shopId, shopLines] of due) {
        await receiveDelivery(db, actor, shopId, { lines: shopLines }).then(
          () => ((deliveries += 1), (lines += shopLines.length)),
          (e: unknown) => noteError(`restock: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
      await sleep(1_000);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { deliveries, lines };
    },
  };
}

/**
 * A busy café's queue before a fixed-rate phase: all but the newest BUSY_TICKETS_PER_SHOP open
 * tickets of each shop are handed over (collected, their stock reservation consumed) straight in
 * the database, as setup. Without it (b) would open its streams on tens of thousands of tickets
 * left by (a), which no café holds.
 */
async function leaveBusyQueues(pool: pg.Pool): Promise<{ handedOver: number; open: number }> {
  const { rows } = await pool.query<{ n: number }>(
    `WITH old AS (
       SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY shop_id ORDER BY placed_at DESC) AS rn
                       FROM orders WHERE status IN ('QUEUED', 'PREPARING', 'READY')) x WHERE rn > $1
     ), handed AS (
       UPDATE orders o SET status = 'CLAIMED', claimed_at = now(), active_pickup_code = NULL, updated_at = now()
       FROM old WHERE o.id = old.id RETURNING o.id
     ), consumed AS (
       INSERT INTO stock_movements (id, shop_id, ingredient_id, kind, quantity, order_id)
       SELECT gen_random_uuid(), r.shop_id, r.ingredient_id, 'CONSUME', r.quantity, r.order_id
       FROM stock_movements r JOIN handed h ON h.id = r.order_id WHERE r.kind = 'RESERVE'
       ON CONFLICT (order_id, ingredient_id, kind) DO NOTHING
       RETURNING shop_id, ingredient_id, quantity
     ), totals AS (SELECT shop_id, ingredient_id, sum(quantity)::int AS q FROM consumed GROUP BY 1, 2),
     stocked AS (
       UPDATE stock s SET reserved = s.reserved - t.q, on_hand = s.on_hand - t.q, updated_at = now()
       FROM totals t WHERE s.shop_id = t.shop_id AND s.ingredient_id = t.ingredient_id RETURNING 1
     )
     SELECT (SELECT count(*) FROM handed)::int AS n`,
    [BUSY_TICKETS_PER_SHOP],
  );
  const open = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE status IN ('QUEUED', 'PREPARING', 'READY')`)).rows[0]!.n;
  return { handedOver: rows[0]!.n, open };
}

// ---------------------------------------------------------------- a fixed-rate phase

/** Sorted ascending, misses as +Infinity (so a percentile past the share of misses is infinite). */
const sorted = (xs: number[]) => xs.sort((x, y) => x - y);
const pcts = (xs: number[]) => `p50 ${fmt(percentile(xs, 50))} ms, p95 ${fmt(percentile(xs, 95))} ms, p99 ${fmt(percentile(xs, 99))} ms`;
const mark = (ok: boolean) => (ok ? "✓" : "✗");

function slowSeconds(groups: Map<number, number[]>, limitMs: number, pct: number): { count: number; text: string } {
  const slow = [...groups].sort(([x], [y]) => x - y).map(([second, xs]) => [second, percentile(sorted(xs), pct)] as const).filter(([, v]) => v > limitMs);
  return { count: slow.length, text: slow.length === 0 ? "none" : slow.map(([second, v]) => `${second}s ${fmt(v, 0)}`).join(", ") };
}

type Phase = { label: string; lines: string[]; placementP99: number; commitP95: number; streamP95: number; slowSecondCount: number };

/**
 * Open loop at `rate` for `durationMs` with every shop's queue stream open and this bench's own
 * LISTEN on order_changes; then (c) and (e) of its orders. Returns the report lines and the figures
 * the targets are judged on.
 */
async function openPhase(pool: pg.Pool, label: string, rate: number, durationMs: number, shops: readonly string[], baristaCookie: string, targets: boolean): Promise<Phase> {
  const busy = await leaveBusyQueues(pool);
  const listener = await listenForQueued();
  const shopStreams = shops.flatMap((shop) => Array.from({ length: STREAMS_PER_SHOP }, () => openQueueStream(baristaCookie, shop)));
  let snapshotTimer: NodeJS.Timeout | undefined;
  const snapshots = await Promise.race([
    Promise.all(shopStreams.map((s) => s.snapshot)),
    new Promise<never>((_, reject) => (snapshotTimer = setTimeout(() => reject(new Error("no snapshot on the queue streams within 120 s")), 120_000))),
  ]).finally(() => clearTimeout(snapshotTimer));
  await sleep(SETTLE_MS); // the streams' first reads (and their garbage) settle before the flow starts
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const gcBefore = await nextGc();
  const waits = samplePostgresWaits(pool);
  const lag = sampleConsumerLag(lagKafka, topicPrefix);
  const open = await withCpu(() => openLoop(rate, durationMs, agent));
  lag.loadEnded();
  const waitsDuring = await waits.stop();
  const gcDuring = gcDelta(gcBefore, await nextGc());
  const loadEnded = Date.now();
  agent.destroy();
  // Up to 60 s for every order of the phase to be QUEUED (or to have failed to be).
  const ids = open.value.ids;
  await procs
    .waitFor(`${label}'s orders to be QUEUED`, 60_000, async () => (await pool.query(`SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'PLACED'`, [ids])).rows[0].n === 0, [])
    .catch((e: unknown) => console.log(`  ${e instanceof Error ? e.message : String(e)}`));
  const rows = (await pool.query<{ id: string; placed: number; queued: number | null; status: string }>(
    `SELECT id::text, extract(epoch FROM placed_at) * 1000 AS placed, extract(epoch FROM queued_at) * 1000 AS queued, status FROM orders WHERE id = ANY($1::uuid[])`,
    [ids],
  )).rows;
  const queuedIds = rows.filter((r) => r.queued !== null).map((r) => r.id);
  const statusCounts = new Map<string, number>();
  for (const r of rows.filter((x) => x.queued === null)) statusCounts.set(r.status, (statusCounts.get(r.status) ?? 0) + 1);
  // The streams' last events may still be on their way: up to 15 s more for all of them.
  const arrivedAt = (id: string) => shopStreams.find((s) => s.queued.has(id))?.queued.get(id);
  const waitStarted = Date.now();
  while (shopStreams.length > 0 && queuedIds.some((id) => !arrivedAt(id)) && Date.now() - waitStarted < 15_000) await sleep(100);
  const ended = shopStreams.map((s) => s.ended()).find(Boolean);
  shopStreams.forEach((s) => s.close());
  listener.close();
  const lags = await lag.finish(LAG_DRAIN_MS);

  // (c) placed → the QUEUED commit as seen here; never QUEUED (or never notified) = a miss.
  const commit = sorted(rows.map((r) => (listener.notified.has(r.id) ? listener.notified.get(r.id)! - Number(r.placed) : Number.POSITIVE_INFINITY)));
  const commitMisses = commit.filter((x) => !Number.isFinite(x)).length;
  // (e) QUEUED → delivered on the stream of the order's shop.
  const arrivals = queuedIds.flatMap((id) => {
    const q = arrivedAt(id);
    return q ? [{ ...q, notifiedAt: listener.notified.get(id) }] : [];
  });
  const delivered = sorted([...arrivals.map((q) => q.at - q.queuedAt), ...Array<number>(queuedIds.length - arrivals.length).fill(Number.POSITIVE_INFINITY)]);
  const toNotify = sorted(arrivals.flatMap((q) => (q.notifiedAt === undefined ? [] : [q.notifiedAt - q.queuedAt])));
  const notifyToEvent = sorted(arrivals.flatMap((q) => (q.notifiedAt === undefined ? [] : [q.at - q.notifiedAt])));
  const startedAt = loadEnded - open.value.seconds * 1000;
  const placementSlow = slowSeconds(open.value.bySecond, 50, 99);
  const commitSlow = slowSeconds(bySecond(rows.map((r) => [(Number(r.placed) - startedAt) / 1000, listener.notified.has(r.id) ? listener.notified.get(r.id)! - Number(r.placed) : Number.POSITIVE_INFINITY])), 250, 95);
  const streamSlow = slowSeconds(bySecond(arrivals.map((q) => [(q.queuedAt - startedAt) / 1000, q.at - q.queuedAt])), 250, 95);
  const o = open.value;
  const t = (ok: boolean, what: string) => (targets ? `   target ${what} ${mark(ok)}` : "");
  const commitP95 = percentile(commit, 95);
  // Without streams there is no (e): NaN fails no target and counts no second.
  const streamP95 = shopStreams.length > 0 ? percentile(delivered, 95) : Number.NaN;
  const streamLines =
    shopStreams.length === 0
      ? [`    (e) not measured: no queue streams open (BENCH_QUEUE_STREAMS=0)`]
      : [
          `    (e) QUEUED→delivered on the shops' queue streams (a signed-in barista, ${STREAMS_PER_SHOP === 1 ? "one stream" : `${STREAMS_PER_SHOP} streams`} per shop): ${arrivals.length} of ${queuedIds.length} arrived${ended ? ` (${ended})` : ""}; ${pcts(delivered)}${t(streamP95 <= 250, "p95 ≤ 250 ms")}`,
          `        seconds (by queuedAt) whose p95 was over 250 ms: ${streamSlow.text}; split: queuedAt→NOTIFY ${pcts(toNotify)} | NOTIFY→SSE ${pcts(notifyToEvent)}`,
          `        snapshots on connect: ${snapshots.map((s) => s.tickets).join("/")} tickets`,
        ];
  const lines = [
    `${label}: open loop ${fmt(rate, 0)} orders/s for ${fmt(o.seconds)} s from a busy queue (${busy.open} open tickets over ${shops.length} shops; ${busy.handedOver} older ones handed over in the database first): ${o.sent} sent, ${o.errors} errors`,
    `    placement: p50 ${fmt(o.p50)} ms, p95 ${fmt(o.p95)} ms, p99 ${fmt(o.p99)} ms, max ${fmt(o.max)} ms${t(o.p99 <= 50 && o.errors === 0, "p99 ≤ 50 ms")}`,
    `    seconds whose placement p99 was over 50 ms: ${placementSlow.text}`,
    `    ${open.cpu.line}`,
    `    ${cpuPerOrder(open.cpu, o.sent, "sent, over the load only (no drain)").line}`,
    `    ${wakeupsPerOrder(open.cpu, o.sent)}`,
    `    Next's garbage collection: ${gcDuring}; database sessions (sampled every 50 ms; first 5 s | the rest): ${waitsDuring}`,
    `    (c) placed→QUEUED commit (NOTIFY of the commit received here), ${rows.length} orders, ${commitMisses} misses (never QUEUED within 60 s${statusCounts.size > 0 ? `: ${[...statusCounts].map(([s, n]) => `${n} ${s}`).join(", ")}` : ""}): ${pcts(commit)}${t(commitP95 <= 250, "p95 ≤ 250 ms")}`,
    `        seconds (by placement) whose p95 was over 250 ms: ${commitSlow.text}`,
    ...streamLines,
    `    consumer lag, every group (messages behind, read from the broker once a second):`,
    ...lagLines(lags).map((l) => `        ${l}`),
  ];
  return { label, lines, placementP99: o.errors === 0 ? o.p99 : Number.POSITIVE_INFINITY, commitP95, streamP95, slowSecondCount: placementSlow.count + commitSlow.count + streamSlow.count };
}

// ---------------------------------------------------------------- (d′) the app's statement, straight

type Template = Omit<NewOrderRow, "id" | "pickupCode" | "idempotencyKey" | "trackingToken" | "guestCap" | "receiptEmail" | "now" | "event" | "items" | "pickupAt" | "fireAt"> & {
  items: Record<string, unknown>[];
  payload: Record<string, unknown>;
};

/** Orders the app placed in this run, as templates for (d′): the same shops, lines, options and totals. */
async function templates(pool: pg.Pool): Promise<Template[]> {
  const { rows } = await pool.query(
    `SELECT o.shop_id::text, o.user_id::text, o.customer_name, o.payment_method, o.subtotal_cents, o.discount_cents, o.tax_cents, o.tip_cents, o.total_cents, o.currency, o.notes,
            (SELECT json_agg(json_build_object('product_id', i.product_id, 'product_name', i.product_name, 'station', i.station, 'quantity', i.quantity,
                     'unit_price_cents', i.unit_price_cents, 'line_total_cents', i.line_total_cents, 'options', i.options, 'notes', i.notes)) FROM order_items i WHERE i.order_id = o.id) AS items,
            (SELECT e.payload FROM outbox_events e WHERE e.key = o.id::text AND e.type = 'order.placed' LIMIT 1) AS payload
     FROM orders o WHERE o.status <> 'PENDING_PAYMENT' ORDER BY random() LIMIT 200`,
  );
  return rows
    .filter((r) => r.payload)
    .map((r) => ({
      shopId: r.shop_id,
      userId: r.user_id,
      customerName: r.customer_name,
      status: "PLACED" as const,
      paymentMethod: r.payment_method,
      subtotalCents: r.subtotal_cents,
      discountCents: r.discount_cents,
      taxCents: r.tax_cents,
      tipCents: r.tip_cents,
      totalCents: r.total_cents,
      currency: r.currency,
      notes: r.notes,
      items: r.items,
      payload: r.payload,
    }));
}

async function directWrites(pool: pg.Pool, concurrency: number, durationMs: number, from: readonly Template[]): Promise<ClosedLoop> {
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  try {
    return await closedLoop(concurrency, durationMs, async (i) => {
      const started = performance.now();
      const t = from[randomInt(from.length)]!;
      const id = uuidv7();
      const now = new Date();
      const guest = t.userId === null;
      // A pickup code that is already active: draw another one, as the app does (up to 5 times).
      for (let attempt = 1; ; attempt++) {
        const statement = placementStatement({
          ...t,
          id,
          pickupCode: generatePickupCode(randomInt),
          idempotencyKey: randomUUID(),
          trackingToken: guest ? newTrackingToken() : null,
          pickupAt: null,
          fireAt: null,
          guestCap: guest ? { client: `bench-${i}`, maxOpen: 10_000_000 } : null,
          receiptEmail: null,
          now,
          items: t.items.map((item) => ({ ...item, id: uuidv7() })),
          event: createEvent("order.placed", id, { ...(t.payload as object), orderId: id } as never, now),
        });
        try {
          const { rowCount } = await clients[i]!.query(statement.text, statement.values as unknown[]);
          return { ok: rowCount === 1, ms: performance.now() - started, id };
        } catch (error) {
          if (attempt < 5 && (error as { constraint?: string }).constraint?.includes("active_pickup_code")) continue;
          noteError(`direct: ${(error as Error).message}`);
          return { ok: false, ms: performance.now() - started };
        }
      }
    });
  } finally {
    clients.forEach((c) => c.release());
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  for (const service of [postgres, kafka]) {
    const s = await service.start();
    if (!s.ok) throw new Error(`${service.name} is ${s.state}`);
  }
  const stale = buildStaleness(ROOT);
  if (stale) {
    console.log(`the production build does not match the sources (${stale}): running next build…`);
    const code = await new Promise<number>((r) => spawn("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(24).toString("base64") } }).on("exit", (c) => r(c ?? 1)));
    if (code !== 0) throw new Error("next build failed");
  }
  for (const port of [PORT, ...Array.from({ length: 12 }, (_, i) => WORKER_PORT + i)]) {
    // Otherwise the health checks and the load would reach whatever already listens there.
    if (await isPortOpen("127.0.0.1", port)) throw new Error(`port ${port} is in use; free it or set BENCH_PORT / BENCH_WORKER_PORT`);
  }
  console.log(`bench ${runId}: database ${new URL(databaseUrl).pathname.slice(1)}, topics ${topicPrefix}*, logs ${procs.logDir}`);
  await createMigratedDatabase(databaseUrl);
  const db = createDb(databaseUrl, 4);
  await seed(db, { historyDays: 0 });
  // Every shop open around the clock in this private database, so the run does not depend on the hour.
  await db.$executeRaw`DELETE FROM shop_hours`;
  await db.$executeRaw`INSERT INTO shop_hours (id, shop_id, weekday, opens_minute, closes_minute) SELECT gen_random_uuid(), s.id, d, 0, 1440 FROM shops s CROSS JOIN generate_series(0, 6) d`;
  // Signed-in customers (the demo customer's password hash, so they sign in like anyone).
  await db.$executeRaw`INSERT INTO users (id, email, name, password_hash, email_verified_at, role, updated_at)
    SELECT gen_random_uuid(), 'bench-' || n || '@gocoffee.test', 'Bench ' || n, password_hash, now(), 'CUSTOMER', now()
    FROM users, generate_series(1, ${CUSTOMERS}::int) n WHERE email = 'customer@gocoffee.test'`;
  const manager = await db.user.findUniqueOrThrow({ where: { email: MANAGER.email }, select: { id: true, email: true } });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  pool.on("error", () => undefined); // idle clients cut off when the database is dropped

  const env = { DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: topicPrefix, LOG_LEVEL: "warn", DATABASE_POOL_SIZE: String(POOL_SIZE) };
  // The load comes from one address: the per-client placement limits (docs/security.md) would
  // refuse almost all of it, and one barista may hold more streams than a person would
  // (BENCH_QUEUE_STREAMS), so this run raises them, and says so.
  const limits = { ORDER_LIMIT_GUEST_PER_MINUTE: "10000000", ORDER_LIMIT_IP_PER_MINUTE: "10000000", ORDER_LIMIT_USER_PER_MINUTE: "10000000", GUEST_OPEN_ORDERS_MAX: "10000000", STREAMS_PER_CLIENT: "10000000" };
  console.log(`bench ${runId}: per-client limits raised for this run (${Object.keys(limits).join(", ")} = 10,000,000); shops open around the clock`);
  appProcess = procs.start("next", [...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-p", String(PORT)], { ...env, ...limits, NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(24).toString("base64"), METRICS_TOKEN, APP_URL: BASE });
  // BENCH_WORKERS=a,b,…: only these workers (the ordering path alone, to see what the others cost per order).
  const only = (process.env.BENCH_WORKERS ?? "").split(",").map((w) => w.trim()).filter(Boolean);
  if (only.length > 0) console.log(`bench ${runId}: only these workers run (BENCH_WORKERS): ${only.join(", ")}`);
  const workers = procs.start("workers", ["--import", "tsx", "workers/index.ts", ...only], { ...env, WORKER_HTTP_PORT: String(WORKER_PORT) });
  await procs.waitFor("the app's /api/health", 180_000, async () => (await fetch(`${BASE}/api/health`)).ok);
  await procs.waitFor("the workers' health", 180_000, async () => (await fetch(`http://127.0.0.1:${WORKER_PORT}/health`)).ok && (await fetch(`http://127.0.0.1:${WORKER_PORT + 1}/health`)).ok);

  // The order mix: every shop's menu; an order per shop proves the shop takes orders.
  const menus = await loadMenus(pool);
  const shops: string[] = [];
  for (const shop of menus.keys()) {
    const tryIt = await postBody(new http.Agent(), JSON.stringify(orderBodies(menus, [shop], 1)[0]));
    if (tryIt.ok) shops.push(shop);
    else console.log(`  shop ${shop} left out of the mix: HTTP ${tryIt.status} ${tryIt.text?.slice(0, 200)}`);
  }
  if (shops.length === 0) throw new Error(`no shop takes orders; see ${procs.logDir}/next.log`);
  load.bodies = orderBodies(menus, shops, 2_000).map((b: OrderBody) => JSON.stringify(b));
  load.cookies = await Promise.all(Array.from({ length: CUSTOMERS }, (_, n) => signIn(BASE, `bench-${n + 1}@gocoffee.test`, CUSTOMER_PASSWORD)));
  const restocks = startRestocks(db, pool, { id: manager.id, email: manager.email ?? MANAGER.email });
  console.log(`order mix: ${load.bodies.length} varied orders over ${shops.length} shops (${shops.join(", ")}), ${Math.round(SIGNED_IN_SHARE * 100)} % by ${CUSTOMERS} signed-in customers; stock as seeded, restocked by deliveries`);

  const backlogDrained = (timeoutMs: number) =>
    procs.waitFor("the order processor to catch up", timeoutMs, async () => (await pool.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'PLACED'`)).rows[0].n === 0);
  const agent = (n: number) => new http.Agent({ keepAlive: true, maxSockets: n });
  console.log("warming up (10 s, 16 connections)…");
  await closedLoop(16, 10_000, () => post(agent(16)));
  await backlogDrained(120_000);

  // (a) closed loop: probe a few concurrencies, then hold the best error-free one for 30 s.
  const probes: ClosedLoop[] = [];
  for (const n of PROBE_CONCURRENCY) {
    const a = agent(n);
    const { value, cpu } = await withCpu(() => closedLoop(n, PROBE_MS, () => post(a)));
    probes.push(value);
    console.log(`  probe N=${String(n).padStart(2)}: ${fmt(value.rate, 0)} orders/s answered 201, ${value.errors} errors, p50 ${fmt(value.p50)} ms, p99 ${fmt(value.p99)} ms | ${cpu.line}`);
    a.destroy();
    await backlogDrained(180_000);
  }
  const best = [...probes].filter((p) => p.errors === 0).sort((x, y) => y.rate - x.rate)[0] ?? probes[0]!;
  const sustainedAgent = agent(best.concurrency);
  // CPU over the window and the drain: everything these orders cost until QUEUED.
  let drainSeconds = 0;
  const aLag = sampleConsumerLag(lagKafka, topicPrefix);
  const sustained = await withCpu(async () => {
    const loop = await closedLoop(best.concurrency, SUSTAINED_MS, () => post(sustainedAgent));
    aLag.loadEnded();
    const drainStarted = Date.now();
    await backlogDrained(300_000);
    drainSeconds = (Date.now() - drainStarted) / 1000;
    return loop;
  });
  sustainedAgent.destroy();
  const a = sustained.value;
  const queuedInA = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND queued_at IS NOT NULL`, [a.ids])).rows[0]!.n;
  const queuedRate = queuedInA / (a.seconds + drainSeconds);
  const aCpu = cpuPerOrder(sustained.cpu, queuedInA);
  const aLags = await aLag.finish(LAG_DRAIN_MS);

  // (b) at half of (a)'s QUEUED rate (the targets), then at the fixed rate of earlier rounds.
  const baristaCookie = await signIn(BASE, BARISTA.email, BARISTA.password);
  const halfRate = Math.max(1, Math.round(queuedRate / 2));
  const half = await openPhase(pool, `(b) half of (a)'s QUEUED rate`, halfRate, HALF_MS, shops, baristaCookie, true);
  await backlogDrained(300_000);
  const fixed = await openPhase(pool, `(b200) the fixed rate`, FIXED_RATE, FIXED_MS, shops, baristaCookie, false);
  await backlogDrained(300_000);
  const restocked = await restocks.stop();

  // (d′) the app's own placement statement, straight with pg: workers running, then stopped.
  const from = await templates(pool);
  const concurrency = Math.min(best.concurrency, POOL_SIZE);
  await procs.stop(appProcess);
  const directOn = await withCpu(() => directWrites(pool, concurrency, DIRECT_MS, from));
  await procs.stop(workers);
  const directOff = await withCpu(() => directWrites(pool, concurrency, DIRECT_MS, from));
  const directCpu = cpuPerOrder(directOff.cpu, directOff.value.ok);
  await pool.end();
  await db.$disconnect();

  // (f) crypto: mined payment → invoice PROCESSING, with the real payment watcher on a private chain.
  console.log("measuring crypto payments (private anvil, payment-watcher worker)…");
  const payments = await measurePaymentLatency(PAYMENTS);

  const ratio = queuedRate / directOff.value.rate;
  const ratioOn = queuedRate / directOn.value.rate;
  const cpuRatio = aCpu.total / directCpu.total;
  const slow = half.slowSecondCount;
  console.log(`
Go Coffee: order placement benchmark (POST /api/orders → Postgres → outbox → Kafka → order processor → QUEUED)
machine: ${cpus().length} cores; app DATABASE_POOL_SIZE=${POOL_SIZE}; Next, workers, Postgres, Kafka and this load generator share them
calibration (d′): the app's placement statement straight with pg, ${concurrency} connections, workers stopped: ${fmt(directOff.value.rate, 0)} orders/s (p50 ${fmt(directOff.value.p50)} ms, p99 ${fmt(directOff.value.p99)} ms, ${directOff.value.errors} errors)
    ${directOff.cpu.line}
    ${directCpu.line}
    with the workers running (they process what it writes): ${fmt(directOn.value.rate, 0)} orders/s (p50 ${fmt(directOn.value.p50)} ms, p99 ${fmt(directOn.value.p99)} ms, ${directOn.value.errors} errors)
    ${directOn.cpu.line}

(a) sustained: ${fmt(queuedRate, 0)} orders/s QUEUED (${queuedInA} of the window's ${a.ids.length} orders QUEUED over ${fmt(a.seconds)} s + ${fmt(drainSeconds)} s drain); answered 201: ${fmt(a.rate, 0)}/s; N=${a.concurrency} keep-alive connections, ${a.errors} errors, p50 ${fmt(a.p50)} ms, p99 ${fmt(a.p99)} ms
    probes (${PROBE_MS / 1000} s each, 201 rate): ${probes.map((p) => `N=${p.concurrency} ${fmt(p.rate, 0)}/s ${p.errors} err`).join(" · ")}
    ${sustained.cpu.line}
    ${aCpu.line}
    ${wakeupsPerOrder(sustained.cpu, queuedInA)}
    ratio (a) QUEUED / (d′) workers stopped = ${fmt(ratio, 3)}   target ≥ 0.2 ${mark(ratio >= 0.2)}   (against (d′) with workers running: ${fmt(ratioOn, 3)})
    consumer lag, every group (messages behind, read from the broker once a second):
${lagLines(aLags).map((l) => `        ${l}`).join("\n")}
cpu/order total: ${fmt(aCpu.total, 2)} ms (direct write: ${fmt(directCpu.total, 2)} ms, ratio ${fmt(cpuRatio, 1)})

${half.lines.join("\n")}
    seconds of this phase over a target (placement p99 50 ms, commit p95 250 ms, stream p95 250 ms): ${slow}   target none ${mark(slow === 0)}

${fixed.lines.join("\n")}

stock: ${restocked.deliveries} deliveries counted in (${restocked.lines} lines) during the run
(f) crypto payment mined → invoice PROCESSING, ${payments.count} USDC payments one after another, watcher polling every 250 ms: p50 ${fmt(payments.p50, 0)} ms, p95 ${fmt(payments.p95, 0)} ms, max ${fmt(payments.max, 0)} ms   target ≤ 1500 ms ${mark(payments.max <= 1500)}${errorKinds.size > 0 ? `
errors over the whole run, by kind: ${[...errorKinds].map(([k, n]) => `${k} ×${n}`).join(", ")}` : ""}${keepAliveRetries > 0 ? `
requests sent again after the server closed an idle kept-alive socket under them (same idempotency key; not errors): ${keepAliveRetries}` : ""}`);
}

async function cleanup(): Promise<void> {
  for (const stream of [...streams]) stream.close();
  await procs.stopAll();
  await dropRunDatabase(databaseUrl).catch((e: unknown) => console.error(`dropping ${databaseUrl}: ${String(e)}`));
  await deleteRunTopics(topicPrefix);
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exit(1);
  });
