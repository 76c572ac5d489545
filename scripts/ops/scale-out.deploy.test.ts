import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { kafkaConfig } from "../infra/kafka";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "../testing/run-database";
import { placeOrder, startStack, type Stack } from "../testing/stack";

/**
 * Scaling out (docs/capacity.md): two app instances and two order-processor instances on one
 * database and one broker. Orders placed through both apps are all QUEUED exactly once, and both
 * processors did part of the work (the consumer group split the partitions between them).
 */

const ORDERS = 1000;
const run = runResources("test");
const stacks: Stack[] = [];

afterAll(async () => {
  for (const s of stacks) await s.stop();
  await dropRunDatabase(run.databaseUrl);
  await deleteRunTopics(run.topicPrefix);
});

const env = { DATABASE_URL: run.databaseUrl, KAFKA_TOPIC_PREFIX: run.topicPrefix, REDIS_KEY_PREFIX: `gocoffee:${run.topicPrefix}`, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), LOG_LEVEL: "warn", KAFKA_PARTITIONS: "4" };

/** How many order.placed events one order-processor process handled (its own /metrics). */
async function handledBy(workerUrl: string): Promise<number> {
  const text = await (await fetch(`${workerUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith('gocoffee_event_handled_age_seconds_count{') && l.includes('consumer="order-processor"') && l.includes('type="order.placed"'));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

async function groupMembers(groupId: string): Promise<number> {
  const admin = new Kafka({ clientId: "scale-out-test", brokers: kafkaConfig().brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.state === "Stable" ? groups[0].members.length : 0;
  } finally {
    await admin.disconnect();
  }
}

describe("scale-out", () => {
  it(`two apps and two order processors share ${ORDERS} orders, each QUEUED exactly once`, async () => {
    await createMigratedDatabase(run.databaseUrl);
    const seeded = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env: { ...process.env, ...env }, encoding: "utf8" });
    expect(seeded.status, seeded.stderr).toBe(0);
    // Enough milk and coffee for the whole run (placement refuses what the stock cannot make).
    const setup = new pg.Client({ connectionString: run.databaseUrl });
    await setup.connect();
    await setup.query("update stock set on_hand = 100000000");
    await setup.end();

    // Instance A: app, relay, processor. Instance B: app and a second processor.
    const a = await startStack(env, { workers: ["order-processor", "outbox-relay"] });
    stacks.push(a);
    const b = await startStack(env, { workers: ["order-processor"] });
    stacks.push(b);
    // The supervisor numbers its workers' ports in registry order (the relay first), not argv order.
    const processors = [`http://127.0.0.1:${a.workerPort + 1}`, `http://127.0.0.1:${b.workerPort}`];

    // Both processors in the group before the load starts (a later join only moves partitions around).
    const deadline = Date.now() + 60_000;
    while ((await groupMembers(`${run.topicPrefix}order-processor`).catch(() => 0)) < 2) {
      if (Date.now() > deadline) throw new Error("the two order processors never formed one stable group");
      await new Promise((r) => setTimeout(r, 500));
    }

    const ids: string[] = [];
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async (_, lane) => {
        const app = lane % 2 === 0 ? a : b;
        while (next < ORDERS) {
          next += 1;
          ids.push((await placeOrder(app.baseUrl)).id);
        }
      }),
    );
    const placedMs = Date.now() - started;

    const db = new pg.Client({ connectionString: run.databaseUrl });
    await db.connect();
    try {
      const waitUntil = Date.now() + 120_000;
      let queued = 0;
      while (Date.now() < waitUntil) {
        queued = Number((await db.query<{ n: string }>("select count(*) as n from orders where id = any($1::uuid[]) and status = 'QUEUED'", [ids])).rows[0]!.n);
        if (queued === ORDERS) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(queued).toBe(ORDERS);
      const twice = await db.query("select order_id, count(*) from order_status_history where to_status = 'QUEUED' and order_id = any($1::uuid[]) group by order_id having count(*) <> 1", [ids]);
      expect(twice.rows).toEqual([]);
    } finally {
      await db.end();
    }

    const handled = await Promise.all(processors.map(handledBy));
    console.log(`scale-out: ${ORDERS} orders placed through 2 apps in ${placedMs} ms; order.placed handled per processor: ${handled.join(" + ")}`);
    for (const n of handled) expect(n).toBeGreaterThan(0);
    expect(handled[0]! + handled[1]!).toBeGreaterThanOrEqual(ORDERS);
  });
});
