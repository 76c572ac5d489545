import { createDb } from "@/lib/db/client";
import { placeOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";
import * as postgres from "../infra/postgres";
import { createMigratedDatabase, dropRunDatabase, newRunId } from "../testing/run-database";

/**
 * `tsx scripts/bench/place-order-cpu.ts`: the client-side CPU one placeOrder call costs (Prisma,
 * zod, pricing), without HTTP or Next, so the server's share of an order can be told apart.
 * Prints figures only. Uses (and drops) its own database; no Kafka, no workers.
 */

const ORDERS = 3_000;
const ORDER = {
  shop: "sfo-terminal-2",
  customerName: "Ada",
  items: [
    { product: "caffe-latte", quantity: 1, options: { size: ["large"], milk: ["oat"] } },
    { product: "butter-croissant", quantity: 1 },
  ],
};

async function main(): Promise<void> {
  const url = new URL(postgres.databaseUrl());
  url.pathname = `/gocoffee_bench_${newRunId()}`;
  const databaseUrl = url.toString();
  await createMigratedDatabase(databaseUrl);
  const db = createDb(databaseUrl, 20);
  try {
    await seed(db, { historyDays: 0 });
    for (const [label, concurrency, withKey] of [["warm-up", 8, true], ["sequential, with Idempotency-Key", 1, true], ["8 at a time, with Idempotency-Key", 8, true], ["8 at a time, no key", 8, false]] as const) {
      const count = label === "warm-up" ? 500 : ORDERS;
      let next = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < count) await placeOrder(db, ORDER, withKey ? { idempotencyKey: crypto.randomUUID() } : {});
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      if (label === "warm-up") continue;
      console.log(`${label.padEnd(36)} ${(count / seconds).toFixed(0).padStart(5)} orders/s, ${(((used.user + used.system) / 1000) / count).toFixed(2)} ms client CPU per order`);
    }
  } finally {
    await db.$disconnect();
    await dropRunDatabase(databaseUrl);
  }
}

void main();
