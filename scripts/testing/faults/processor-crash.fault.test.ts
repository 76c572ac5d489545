import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "@/lib/orders/place-order";
import { TOPICS, prefixed } from "@/lib/kafka/topics";
import { kafkaConfig } from "../../infra/kafka";
import { ORDER, committedMessages, createFaultRun, expectProcessedOnce, killWhileAhead, pool, scrapeCounter, sleep, startWorker, statusCounts, topicMessageCount, waitFor, type FaultRun } from "./harness";

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

/** Events the processor has recorded as processed beyond what its group's committed offsets cover (it records every message it consumes). */
async function processedBeyondOffsets(): Promise<number> {
  const [processed] = await run.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM processed_events WHERE consumer = ${CONSUMER}`;
  return processed!.n - (await committedMessages(run.brokers, prefixed(run.topicPrefix, CONSUMER), prefixed(run.topicPrefix, TOPICS.orderEvents)));
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
    const { uncommitted, probes } = await killWhileAhead(processor, processedBeyondOffsets, 150);
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
