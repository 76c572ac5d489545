import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "@/lib/orders/place-order";
import { TOPICS, prefixed } from "@/lib/kafka/topics";
import { kafkaConfig } from "../../infra/kafka";
import { ORDER, createFaultRun, killWorker, pool, sleep, startWorker, statusCounts, topicMessageCount, waitFor, type FaultRun } from "./harness";

/**
 * The order processor dies (SIGKILL: no graceful stop, offsets of in-flight messages uncommitted)
 * in the middle of 2,000 orders and is started again. Every order must be processed exactly once:
 * redelivered events are recognised (processed_events) and change nothing.
 */

const ORDERS = 2_000;
const CONSUMER = "order-processor";

let run: FaultRun;

beforeAll(async () => {
  run = await createFaultRun(kafkaConfig().brokers);
});
afterAll(async () => {
  await run?.cleanup();
});

describe("order processor killed mid-stream", () => {
  it("processes every one of 2,000 orders exactly once after a SIGKILL and restart", async () => {
    const { db } = run;
    await startWorker(run, "outbox-relay");
    let processor = await startWorker(run, "order-processor");

    // Paced (about 150 orders/s) so the kill lands while orders are still coming in.
    let placed = 0;
    const placing = pool(ORDERS, 4, async () => {
      await placeOrder(db, ORDER);
      placed++;
      await sleep(25);
    });

    // Kill it once it is well into the stream (some orders queued, most still to come).
    await waitFor("the processor to queue 300 orders", 60_000, async () => ((await statusCounts(db)).QUEUED ?? 0) >= 300, 50);
    await killWorker(processor, "SIGKILL");
    const queuedAtKill = (await statusCounts(db)).QUEUED ?? 0;
    const placedAtKill = placed;
    expect(queuedAtKill).toBeLessThan(ORDERS);
    expect(placedAtKill).toBeLessThan(ORDERS);

    processor = await startWorker(run, "order-processor");
    expect(await placing).toEqual([]);
    expect(placed).toBe(ORDERS);

    // The restarted member waits for the killed one's session (30 s) to expire before it gets partitions.
    await waitFor("every order to be QUEUED", 150_000, async () => ((await statusCounts(db)).QUEUED ?? 0) === ORDERS, 500);
    console.log(`processor killed after ${placedAtKill} placed / ${queuedAtKill} queued; all ${ORDERS} queued after restart`);

    expect(await statusCounts(db)).toEqual({ QUEUED: ORDERS });

    const history = await db.$queryRaw<{ orders: number; min: number; max: number }[]>`
      SELECT count(*)::int AS orders, min(n)::int AS min, max(n)::int AS max FROM (
        SELECT o.id, count(h.id) AS n FROM orders o
        LEFT JOIN order_status_history h ON h.order_id = o.id AND h.from_status = 'PLACED' AND h.to_status = 'QUEUED'
        GROUP BY o.id) t`;
    expect(history[0]).toEqual({ orders: ORDERS, min: 1, max: 1 });
    const otherMoves = await db.orderStatusHistory.count({ where: { NOT: [{ fromStatus: null, toStatus: "PLACED" }, { fromStatus: "PLACED", toStatus: "QUEUED" }] } });
    expect(otherMoves).toBe(0);

    // One RESERVE per (order, ingredient) the recipes need: every order has the same lines, so the same count.
    const reserves = await db.$queryRaw<{ orders: number; min: number; max: number; dup: number }[]>`
      SELECT count(*)::int AS orders, min(n)::int AS min, max(n)::int AS max, max(dup)::int AS dup FROM (
        SELECT o.id, count(m.id) AS n, count(m.id) - count(DISTINCT m.ingredient_id) AS dup FROM orders o
        LEFT JOIN stock_movements m ON m.order_id = o.id AND m.kind = 'RESERVE'
        GROUP BY o.id) t`;
    expect(reserves[0]?.orders).toBe(ORDERS);
    expect(reserves[0]?.min).toBeGreaterThan(0);
    expect(reserves[0]?.max).toBe(reserves[0]?.min);
    expect(reserves[0]?.dup).toBe(0);
    expect(await db.stockMovement.count({ where: { kind: { in: ["RELEASE", "CONSUME"] } } })).toBe(0);

    const mismatched = await db.$queryRaw<{ ingredient_id: string; reserved: number; movements: number }[]>`
      SELECT s.ingredient_id, s.reserved, coalesce(sum(m.quantity), 0)::int AS movements
      FROM stock s LEFT JOIN stock_movements m ON m.shop_id = s.shop_id AND m.ingredient_id = s.ingredient_id AND m.kind = 'RESERVE'
      GROUP BY s.shop_id, s.ingredient_id, s.reserved
      HAVING s.reserved <> coalesce(sum(m.quantity), 0)`;
    expect(mismatched).toEqual([]);

    // Each order.placed handled once (the processor also sees status changes, which it skips
    // unless they release a paid crypto order: those are recorded too, so count by event type).
    const [handledPlaced] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM processed_events p JOIN outbox_events e ON e.id = p.event_id
      WHERE p.consumer = ${CONSUMER} AND e.type = 'order.placed'`;
    expect(handledPlaced?.n).toBe(ORDERS);
    expect(await topicMessageCount(run.brokers, prefixed(run.topicPrefix, TOPICS.deadLetter))).toBe(0);
    expect(processor.output()).not.toMatch(/dead-lettered/);
  });
});
