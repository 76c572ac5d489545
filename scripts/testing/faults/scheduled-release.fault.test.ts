import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "@/lib/orders/place-order";
import { processPlacedOrders } from "@/lib/orders/process-order";
import { schedulePlan } from "@/lib/orders/schedule/capacity";
import { kafkaConfig } from "../../infra/kafka";
import { SFO, createFaultRun, killWorker, sleep, startWorker, statusCounts, waitFor, type FaultRun, type WorkerProcess } from "./harness";

/**
 * Orders for later are released to the queue by the order processor at their fire time, exactly
 * once, also when the processor dies around that time. Their fire times are set to fall due one
 * after another over a few seconds while the processor polls every 50 ms; it is frozen (SIGSTOP)
 * until caught with some released and some not, then killed (SIGKILL: no graceful stop, any
 * release transaction in flight dies with its connection). Two processors are started in its
 * place (both polling: SKIP LOCKED and the state machine must keep them from releasing one order
 * twice). Every order must end QUEUED with exactly one SCHEDULED → QUEUED move and one event.
 */

// A fixed moment (10:00 in San Francisco) for placement, so the shop's day has slots left whenever the test runs.
const PLACED_AT = new Date("2030-01-15T18:00:00Z");
const POLL = { SCHEDULE_POLL_MS: "50" };

let run: FaultRun;

beforeAll(async () => {
  run = await createFaultRun(kafkaConfig().brokers);
});
afterAll(async () => {
  await run?.cleanup();
});

async function queued(): Promise<number> {
  return (await statusCounts(run.db)).QUEUED ?? 0;
}

/** Freezes the processor at moments until some but not all orders are released, then kills it there. */
async function killMidRelease(processor: WorkerProcess, total: number): Promise<number> {
  for (let probe = 1; probe <= 400; probe++) {
    processor.child.kill("SIGSTOP");
    const released = await queued();
    if (released > 0 && released < total) {
      await killWorker(processor, "SIGKILL");
      return released;
    }
    if (released === total) throw new Error("every order was released before the processor could be caught in the middle");
    processor.child.kill("SIGCONT");
    await sleep(10 + Math.floor(Math.random() * 30));
  }
  throw new Error("never caught the processor between releases in 400 probes");
}

describe("orders for later released by a processor that is killed around their fire time", () => {
  it("releases every order exactly once after a SIGKILL mid-release and a restart with two processors", async () => {
    const { db } = run;
    // Orders for later, as many as today's first slots hold (coffee only: the espresso bar's capacity).
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: SFO }, include: { hours: true } });
    const plan = await schedulePlan(db, shop, PLACED_AT);
    const ids: string[] = [];
    for (const slot of plan.slots.slice(0, 8)) {
      for (let i = 0; i < plan.capacity.ESPRESSO_BAR; i++) {
        const { order } = await placeOrder(db, { shop: SFO, customerName: `Later ${ids.length}`, pickupAt: slot.toISOString(), items: [{ product: "caffe-latte", quantity: 1 }] }, { now: PLACED_AT });
        ids.push(order.id);
      }
    }
    const total = ids.length;
    expect(total).toBeGreaterThanOrEqual(24);
    await db.$transaction((tx) => processPlacedOrders(tx, ids, PLACED_AT));
    expect(await statusCounts(db)).toEqual({ SCHEDULED: total });

    let processor = await startWorker(run, "order-processor", { env: POLL });
    // Due one after another from now, 60 ms apart (the database's clock is the one that decides).
    await db.$executeRaw`
      UPDATE orders o SET fire_at = now() + (t.n * interval '60 milliseconds')
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM orders WHERE status = 'SCHEDULED') t WHERE o.id = t.id`;

    const releasedAtKill = await killMidRelease(processor, total);
    // While it is dead, nothing moves.
    await sleep(300);
    const whileDead = await queued();
    processor = await startWorker(run, "order-processor", { env: POLL });
    const second = await startWorker(run, "order-processor", { env: POLL });
    await waitFor("every order to be released", 60_000, async () => (await queued()) === total, 100);
    console.log(`processor killed with ${releasedAtKill} of ${total} orders released (${whileDead} after it died); two restarted processors released the rest`);
    expect(whileDead).toBe(releasedAtKill);

    expect(await statusCounts(db)).toEqual({ QUEUED: total });
    const moves = await db.$queryRaw<{ n: number; orders: number; max: number }[]>`
      SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS orders, max(c)::int AS max FROM (
        SELECT order_id, count(*) OVER (PARTITION BY order_id) AS c FROM order_status_history WHERE from_status = 'SCHEDULED' AND to_status = 'QUEUED') t`;
    expect(moves[0], "SCHEDULED → QUEUED moves (one per order)").toEqual({ n: total, orders: total, max: 1 });
    const events = await db.$queryRaw<{ n: number; orders: number }[]>`
      SELECT count(*)::int AS n, count(DISTINCT key)::int AS orders FROM outbox_events WHERE type = 'order.status_changed' AND payload->>'to' = 'QUEUED'`;
    expect(events[0], "order.status_changed → QUEUED events (one per order)").toEqual({ n: total, orders: total });
    const early = await db.order.count({ where: { id: { in: ids }, OR: [{ queuedAt: null }, { version: { not: 2 } }] } });
    expect(early, "orders not queued, or moved other than PLACED → SCHEDULED → QUEUED").toBe(0);
    const beforeFire = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM orders WHERE queued_at < fire_at`;
    expect(beforeFire[0]?.n, "orders released before their fire time").toBe(0);
    expect(processor.output() + second.output()).not.toMatch(/releasing scheduled orders failed/);
  });
});
