import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "../testing/run-database";
import { placeOrder, startStack, waitForStatus, type Stack } from "../testing/stack";
import { backup, figures, republish, restore } from "./db-backup";

/**
 * The restore drill (docs/operations.md): back up a seeded database while orders flow, restore it
 * into a new database, compare it with the source, start the app and workers on it with fresh
 * Kafka topics (Kafka state rebuilt from the outbox), and place an order there.
 */

const source = runResources("test");
const restored = runResources("test");
const stacks: Stack[] = [];

afterAll(async () => {
  for (const s of stacks) await s.stop();
  for (const r of [source, restored]) {
    await dropRunDatabase(r.databaseUrl);
    await deleteRunTopics(r.topicPrefix);
  }
});

const envFor = (r: typeof source) => ({ DATABASE_URL: r.databaseUrl, KAFKA_TOPIC_PREFIX: r.topicPrefix, REDIS_KEY_PREFIX: `gocoffee:${r.topicPrefix}`, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), LOG_LEVEL: "warn" });

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("restore drill", () => {
  it("backs up while orders flow, restores, and the restored database serves orders", async () => {
    await createMigratedDatabase(source.databaseUrl);
    const seeded = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env: { ...process.env, ...envFor(source) }, encoding: "utf8" });
    expect(seeded.status, seeded.stderr).toBe(0);
    // The relay publishes, but no order processor runs: every order placed now is still PLACED in
    // the backup, with its event already sent to topics the restored system will not have.
    const live = await startStack(envFor(source), { workers: ["outbox-relay"] });
    stacks.push(live);

    // Orders keep arriving during the dump.
    let flowing = true;
    const placed: string[] = [];
    const flow = (async () => {
      while (flowing) placed.push((await placeOrder(live.baseUrl)).id);
    })();
    while (placed.length < 10) await new Promise((r) => setTimeout(r, 50));
    const before = await figures(source.databaseUrl);
    const file = join(mkdtempSync(join(tmpdir(), "gocoffee-backup-")), "drill.dump");
    const dump = backup(source.databaseUrl, file);
    await new Promise((r) => setTimeout(r, 500));
    flowing = false;
    await flow;
    await live.stop();
    const after = await figures(source.databaseUrl);
    expect(after.orders).toBeGreaterThan(before.orders);
    console.log(`restore drill: ${placed.length} orders placed while backing up; dump ${dump.bytes} bytes in ${dump.ms} ms`);

    const { ms } = await restore(file, restored.databaseUrl);
    const copy = await figures(restored.databaseUrl);
    console.log(`restore drill: restored in ${ms} ms; source before ${JSON.stringify(before)}, after ${JSON.stringify(after)}, restored ${JSON.stringify(copy)}`);

    // One consistent snapshot: between the figures before and after the dump, and every restored
    // order identical to the source's (same total, same items).
    expect(copy.orders).toBeGreaterThanOrEqual(before.orders);
    expect(copy.orders).toBeLessThanOrEqual(after.orders);
    expect(copy.users).toBe(after.users);
    const digest = (url: string, ids: string[]) =>
      query<{ n: string; total: string; items: string }>(url, "SELECT count(*) AS n, sum(o.total_cents) AS total, (SELECT count(*) FROM order_items i WHERE i.order_id = ANY($1::uuid[])) AS items FROM orders o WHERE o.id = ANY($1::uuid[])", [ids]);
    const ids = (await query<{ id: string }>(restored.databaseUrl, "SELECT id FROM orders")).map((r) => r.id);
    expect(await digest(restored.databaseUrl, ids)).toEqual(await digest(source.databaseUrl, ids));
    expect(Number((await digest(restored.databaseUrl, ids))[0]!.total)).toBe(copy.totalCents);

    // The restored database runs the product on fresh topics (Kafka state lost): the runbook's
    // republish step sends the last hour's events again, the orders still PLACED in the snapshot
    // reach the queue, and a new order is served.
    const pending = await query<{ id: string; trackingToken: string }>(restored.databaseUrl, `SELECT id, tracking_token AS "trackingToken" FROM orders WHERE status = 'PLACED'`);
    expect(pending.length).toBeGreaterThanOrEqual(10);
    expect(await republish(restored.databaseUrl, 60)).toBeGreaterThanOrEqual(pending.length);
    const stack = await startStack(envFor(restored), { workers: ["outbox-relay", "order-processor"] });
    stacks.push(stack);
    for (const order of pending) await waitForStatus(stack.baseUrl, order, ["QUEUED", "CANCELLED"]);
    const order = await placeOrder(stack.baseUrl);
    expect(await waitForStatus(stack.baseUrl, order, ["QUEUED"])).toBe("QUEUED");
    let final = await figures(restored.databaseUrl);
    for (let i = 0; i < 50 && final.outboxUnpublished > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      final = await figures(restored.databaseUrl);
    }
    expect(final.orders).toBe(copy.orders + 1);
    expect(final.outboxUnpublished).toBe(0);
    console.log(`restore drill: ${pending.length} orders PLACED in the snapshot were queued after the restore (events republished from the outbox); new order ${order.id} QUEUED`);
  });
});
