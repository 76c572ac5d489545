import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "@/lib/orders/place-order";
import { TOPICS, prefixed } from "@/lib/kafka/topics";
import { kafkaConfig } from "../../infra/kafka";
import { ORDER, committedMessages, createFaultRun, expectProcessedOnce, killWorker, pool, scrapeCounter, sleep, startWorker, statusCounts, topicMessageCount, waitFor, type FaultRun, type WorkerProcess } from "./harness";

/**
 * The order processor dies (SIGKILL: no graceful stop, offsets of in-flight messages uncommitted)
 * in the middle of 2,000 orders and is started again. Every order must be processed exactly once:
 * redelivered events are recognised (processed_events) and change nothing.
 *
 * The kill is aimed: the processor is frozen (SIGSTOP) until it is caught with events whose
 * database transaction has committed but whose Kafka offsets have not (processed_events holds more
 * of the topic's messages than the group's committed offsets cover); only then is it killed. So a
 * redelivery is certain, and the restarted processor's duplicate counter must show it: the test
 * cannot pass by killing between batches.
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

/**
 * Freezes the processor at moments of its work until its database is ahead of its committed Kafka
 * offsets, then kills it there. Returns how many processed events it leaves uncommitted.
 */
async function killBetweenCommitAndOffsets(processor: WorkerProcess): Promise<{ uncommitted: number; probes: number }> {
  const group = prefixed(run.topicPrefix, CONSUMER);
  const topic = prefixed(run.topicPrefix, TOPICS.orderEvents);
  for (let probe = 1; probe <= 150; probe++) {
    processor.child.kill("SIGSTOP");
    await sleep(100); // let an offset commit already on the wire reach the broker
    const [processed] = await run.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM processed_events WHERE consumer = ${CONSUMER}`;
    const committed = await committedMessages(run.brokers, group, topic);
    if (processed!.n > committed) {
      await killWorker(processor, "SIGKILL");
      return { uncommitted: processed!.n - committed, probes: probe };
    }
    processor.child.kill("SIGCONT");
    await sleep(5 + Math.floor(Math.random() * 40));
  }
  throw new Error("never caught the processor between a committed batch and its offset commit in 150 probes");
}

describe("order processor killed mid-stream", () => {
  it("processes every one of 2,000 orders exactly once after a SIGKILL between a batch's commit and its offsets, and restart", async () => {
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
    const { uncommitted, probes } = await killBetweenCommitAndOffsets(processor);
    const queuedAtKill = (await statusCounts(db)).QUEUED ?? 0;
    const placedAtKill = placed;
    expect(uncommitted).toBeGreaterThan(0);
    expect(queuedAtKill).toBeLessThan(ORDERS);
    expect(placedAtKill).toBeLessThan(ORDERS);

    processor = await startWorker(run, "order-processor");
    expect(await placing).toEqual([]);
    expect(placed).toBe(ORDERS);

    // The restarted member waits for the killed one's session (10 s) to expire before it gets partitions.
    await waitFor("every order to be QUEUED", 150_000, async () => ((await statusCounts(db)).QUEUED ?? 0) === ORDERS, 500);
    // The events processed but not committed came again, and were recognised as duplicates.
    const duplicates = await scrapeCounter(processor, "gocoffee_events_consumed_total", { consumer: CONSUMER, outcome: "duplicate" });
    console.log(
      `processor killed after ${placedAtKill} placed / ${queuedAtKill} queued (probe ${probes}), ${uncommitted} events processed but not committed; the restarted processor saw ${duplicates} duplicates; all ${ORDERS} queued`,
    );
    expect(duplicates).toBeGreaterThanOrEqual(uncommitted);

    expect(await statusCounts(db)).toEqual({ QUEUED: ORDERS });
    await expectProcessedOnce(db, CONSUMER, ORDERS);
    expect(await topicMessageCount(run.brokers, prefixed(run.topicPrefix, TOPICS.deadLetter))).toBe(0);
    expect(processor.output()).not.toMatch(/dead-lettered/);
  });
});
