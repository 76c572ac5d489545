import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "@/lib/orders/place-order";
import { ORDER, createFaultRun, expectProcessedOnce, freePort, sleep, startWorker, statusCounts, waitFor, type FaultRun } from "./harness";
import { privateBroker, type PrivateBroker } from "./private-kafka";

/**
 * Kafka goes away twice for 10 s while customers keep ordering: first stopped (SIGTERM: a
 * controlled shutdown), then killed (SIGKILL: a crash, nothing flushed, logs recovered on start).
 * Placing an order never talks to Kafka (the outbox), so every placement must still succeed; once
 * the broker is back the relay publishes the backlog and every order reaches QUEUED, each exactly
 * once (the relay publishes at least once, so what it sent again must be recognised). Runs against
 * a private broker, so the shared one (demo, other runs) is never stopped.
 */

/** Each outage; two of them make the 20 s the test always had. */
const OUTAGE_MS = 10_000;
/**
 * Customers and the pause between their orders: about 25 orders/s. The order processor handles
 * roughly 75 orders/s for one shop on a 2-core machine (every order locks the same stock rows), so
 * a faster stream would build a backlog that no 60 s bound could absorb, outage or not.
 */
const CUSTOMERS = 1;
const PAUSE_MS = 30;

let broker: PrivateBroker | undefined;
let run: FaultRun | undefined;

beforeAll(async () => {
  const [port, controllerPort] = [await freePort(), await freePort()];
  broker = privateBroker({ port, controllerPort, id: `${Date.now().toString(36)}-${port}` });
  try {
    await broker.start();
  } catch (error) {
    await broker.destroy();
    broker = undefined;
    throw error;
  }
  run = await createFaultRun(broker.brokers);
}, 180_000);
afterAll(async () => {
  await run?.cleanup(); // workers, topics, database
  await broker?.destroy();
}, 120_000);

describe("Kafka outage", () => {
  it("keeps placing orders through a broker stop and a broker crash, and queues each of them exactly once afterwards", async () => {
    if (!run || !broker) throw new Error("setup failed");
    const { db } = run;
    const relay = await startWorker(run, "outbox-relay");
    const processor = await startWorker(run, "order-processor");
    const explain = (error: unknown) => {
      console.log(`outbox-relay output:\n${relay.output().slice(-4000)}\norder-processor output:\n${processor.output().slice(-4000)}`);
      throw error;
    };

    type Phase = "before" | "stopped" | "between" | "killed" | "after";
    const results: { phase: Phase; ok: boolean; error?: string }[] = [];
    let phase: Phase = "before";
    let placing = true;
    let back = 0;
    let queuedWhenBack = 0;
    const customers = Array.from({ length: CUSTOMERS }, async () => {
      while (placing) {
        const current = phase;
        try {
          await placeOrder(db, ORDER);
          results.push({ phase: current, ok: true });
        } catch (error) {
          results.push({ phase: current, ok: false, error: error instanceof Error ? error.message : String(error) });
        }
        await sleep(PAUSE_MS);
      }
    });

    const outage = async (kind: "stopped" | "killed") => {
      phase = kind;
      const down = Date.now();
      if (kind === "stopped") await broker!.stop();
      else await broker!.kill();
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - down)));
      await broker!.start();
    };
    try {
      await sleep(3_000);
      await waitFor("orders before the outage to be QUEUED", 30_000, async () => ((await statusCounts(db)).QUEUED ?? 0) > 0);
      await outage("stopped");
      phase = "between";
      await sleep(3_000);
      await outage("killed");
      phase = "after";
      back = Date.now();
      queuedWhenBack = (await statusCounts(db)).QUEUED ?? 0;
      await sleep(3_000);
    } finally {
      placing = false;
      await Promise.all(customers);
    }

    const failures = results.filter((r) => !r.ok);
    const during = (p: Phase) => results.filter((r) => r.phase === p).length;
    console.log(`placed ${results.length} orders (${during("stopped")} while Kafka was stopped, ${during("killed")} while it was killed), ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(during("stopped")).toBeGreaterThan(25);
    expect(during("killed")).toBeGreaterThan(25);

    const total = results.length;
    const started = Date.now();
    // Bound: the consumer's group rejoin after a broker restart waits out the old member's
    // session (sessionTimeout 10 s, lib/kafka/consumer.ts) plus kafkajs' restart backoff (≤ 5 s),
    // then the backlog drains at the processor's pace; on a busy 2-core machine that is 30–60 s.
    let resumed = 0;
    let queuedNow = 0;
    await waitFor("every order to be QUEUED after Kafka returned", 90_000, async () => {
      const queued = (await statusCounts(db)).QUEUED ?? 0;
      if (!resumed && queued > queuedWhenBack) resumed = Date.now();
      queuedNow = queued;
      return queued === total;
    }, 250).catch((error: unknown) => {
      console.log(`${queuedNow} of ${total} QUEUED (${queuedWhenBack} when Kafka returned); processing resumed ${resumed ? `${((resumed - back) / 1000).toFixed(1)} s after` : "never"}`);
      explain(error);
    });
    console.log(
      `processing resumed ${resumed ? `${((resumed - back) / 1000).toFixed(1)} s` : "?"} after Kafka returned; all ${total} orders QUEUED ${((Date.now() - back) / 1000).toFixed(1)} s after it returned (${((Date.now() - started) / 1000).toFixed(1)} s after placing stopped)`,
    );
    expect(await statusCounts(db)).toEqual({ QUEUED: total });
    expect(await db.outboxEvent.count({ where: { publishedAt: null, type: "order.placed" } })).toBe(0);
    // Nothing was duplicated: one history row, one reservation per ingredient, one handled order.placed per order.
    await expectProcessedOnce(db, "order-processor", total);
    expect(processor.exited()).toBe(false);
  });
});
