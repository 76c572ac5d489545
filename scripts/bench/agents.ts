import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { COORDINATOR_CONSUMER } from "@/lib/agents/coordinator/handlers";
import { INVENTORY_CONSUMER } from "@/lib/agents/inventory/handlers";
import { SCHEDULER_CONSUMER } from "@/lib/agents/scheduler/handlers";
import { createDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { createKafka, createProducer, ensureTopics, kafkaSettings } from "@/lib/kafka/client";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { groupLag } from "@/lib/kafka/lag";
import { prefixed, TOPICS } from "@/lib/kafka/topics";
import { fmt, sleep, waitForWorkerHealth } from "./support";

/**
 * `npm run bench:agents`: what the agents' process costs per order, apart from the rest of the
 * product (bench:orders measures it inside the whole box, where its ~1 ms is hard to tell from the
 * noise). Starts the agents' group (`workers/run.ts agents`) on topics of its own against the
 * seeded dev database (`npm run infra:up`, `npm run db:seed`), measures its idle CPU, then
 * publishes the events of BENCH_ORDERS orders (order.placed and the QUEUED change, over the active
 * shops) at BENCH_RATE orders a second (0: all at once), and reads the process's CPU (/proc) until
 * every agent's consumer group has caught up. Prints CPU ms per order with and without the idle
 * share, and the database commits and processed-events rows per order. Removes its topics; the agents' runs, alerts and processed-events rows stay in the dev
 * database, as any agent's would.
 */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 3000);
const PORT = Number(process.env.BENCH_WORKER_PORT ?? 9911);
const IDLE_MS = 20_000;
/** The agents that read the order stream. */
const READERS = [INVENTORY_CONSUMER, COORDINATOR_CONSUMER, SCHEDULER_CONSUMER];

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 100 Hz ticks
};

async function main() {
  const prefix = `bench-agents-${Date.now().toString(36)}.`;
  const settings = { ...kafkaSettings(), prefix };
  const kafka = createKafka(settings);
  await ensureTopics(kafka, settings);
  const db = createDb(env().DATABASE_URL, 2);
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true } });
  const product = await db.product.findFirst({ select: { id: true } });
  if (shops.length === 0 || !product) throw new Error("no active shop or product: run npm run db:seed first");

  const agents = spawn(process.execPath, ["--import", "tsx", "workers/run.ts", "agents"], { env: { ...process.env, KAFKA_TOPIC_PREFIX: prefix, WORKER_HTTP_PORT: String(PORT), LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "inherit"] });
  const admin = kafka.admin();
  const producer = createProducer(kafka);
  try {
    await waitForWorkerHealth(PORT, "agents");
    await Promise.all([admin.connect(), producer.connect()]);
    // Past the start-up work (every shop's sweep and forecast), then the idle rate.
    await sleep(20_000);
    const idleFrom = cpuMs(agents.pid!);
    await sleep(IDLE_MS);
    const idlePerMs = (cpuMs(agents.pid!) - idleFrom) / IDLE_MS;

    const messages = Array.from({ length: ORDERS }, (_, i) => {
      const shopId = shops[i % shops.length]!.id;
      const orderId = crypto.randomUUID();
      return [
        createEvent("order.placed", orderId, { orderId, shopId, status: "PLACED", totalCents: 500, currency: "USD", items: [{ productId: product.id, quantity: 1 }] }),
        createEvent("order.status_changed", orderId, { orderId, shopId, from: "PLACED", to: "QUEUED" }),
      ].map(({ topic: _topic, ...envelope }) => ({ key: orderId, value: encodeEnvelope(envelope), headers: { "event-id": envelope.id, "event-type": envelope.type } }));
    }).flat();
    const topic = prefixed(prefix, TOPICS.orderEvents);
    const commitsFrom = await databaseCommits(db);
    const startedAt = new Date();
    const started = Date.now();
    const cpuFrom = cpuMs(agents.pid!);
    // Every 100 ms a tenth of a second's orders, as a steady stream; BENCH_RATE=0 sends them at once.
    const perSend = RATE > 0 ? Math.max(1, Math.round(RATE / 10)) * 2 : 1000;
    for (let i = 0; i < messages.length; i += perSend) {
      const due = RATE > 0 ? started + (i / 2 / RATE) * 1000 : 0;
      if (due > Date.now()) await sleep(due - Date.now());
      await producer.send({ topic, messages: messages.slice(i, i + perSend) });
    }
    const sent = Date.now();
    for (;;) {
      await sleep(250);
      let behind = 0;
      for (const group of READERS) behind += (await groupLag(admin, prefixed(prefix, group), [topic])).get(topic) ?? 0;
      if (behind === 0) break;
      if (Date.now() - sent > 120_000) throw new Error(`the agents were still ${behind} events behind 2 minutes after the last was sent`);
    }
    const elapsed = Date.now() - started;
    const used = cpuMs(agents.pid!) - cpuFrom;
    const beyondIdle = used - idlePerMs * elapsed;
    await sleep(1_500); // backends report their commits to the statistics within a second of going idle
    const commits = (await databaseCommits(db)) - commitsFrom;
    const [rows] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM processed_events WHERE consumer = ANY(${READERS}) AND processed_at >= ${startedAt}`;
    console.log(`agents' process, ${ORDERS} orders (${messages.length} events) at ${RATE > 0 ? `${RATE} orders/s` : "once"}: caught up ${fmt((Date.now() - sent) / 1000)} s after the last was sent`);
    console.log(`  CPU ${fmt(used, 0)} ms in ${fmt(elapsed / 1000)} s: ${fmt(used / ORDERS, 3)} ms per order; idle ${fmt(idlePerMs * 1000)} ms/s; beyond idle ${fmt(beyondIdle / ORDERS, 3)} ms per order`);
    console.log(`  database: ${fmt(commits / ORDERS, 2)} commits per order (every client of the database), ${fmt(rows!.n / ORDERS, 2)} processed-events rows per order (the three order-stream agents)`);
  } finally {
    agents.kill("SIGTERM");
    await new Promise((r) => agents.once("exit", r));
    await admin.deleteTopics({ topics: Object.values(TOPICS).map((t) => prefixed(prefix, t)) }).catch(() => undefined);
    await Promise.all([admin.disconnect(), producer.disconnect(), db.$disconnect()]);
  }
}

/** Transactions committed in the database so far, by every client (pg_stat_database). */
async function databaseCommits(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`;
  return Number(row!.n);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
