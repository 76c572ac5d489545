import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "@/lib/orders/place-order";
import { TOPICS, prefixed } from "@/lib/kafka/topics";
import { kafkaConfig } from "../../infra/kafka";
import { SFO, committedMessages, createFaultRun, killWorker, pool, scrapeCounter, sleep, startWorker, statusCounts, topicMessageCount, waitFor, type FaultRun, type WorkerProcess } from "./harness";

/**
 * The inventory agent dies (SIGKILL) again and again while orders stream through a shop that is
 * out of oat milk, and is started again each time. Every assessment after the first finds the
 * stock-out alert and the purchase order already open: however the work is cut — a batch committed
 * in the database but not in Kafka (redelivered after the restart), a trailing assessment lost
 * with the process, the start-up sweep racing the consumer — the shop must end with one purchase
 * order and one open alert per subject, and every stock event handled exactly once.
 *
 * The kills are repeated until a restarted agent has seen redelivered events it had already
 * handled (its duplicate counter): the test cannot pass by only ever killing between batches.
 */

const ORDERS = 1_200;
const CONSUMER = "agents-inventory";
const CROISSANT = { shop: SFO, customerName: "Ada", items: [{ product: "butter-croissant", quantity: 1 }] };

let run: FaultRun;

beforeAll(async () => {
  run = await createFaultRun(kafkaConfig().brokers);
  // SFO is out of oat milk and wants 6 L on the shelf: the agent alerts and proposes a purchase order.
  await run.db.$executeRaw`UPDATE stock SET on_hand = 0, reorder_level = 6000 WHERE shop_id = (SELECT id FROM shops WHERE slug = ${SFO}) AND ingredient_id = (SELECT id FROM ingredients WHERE slug = 'oat-milk')`;
});
afterAll(async () => {
  await run?.cleanup();
});

describe("inventory agent killed mid-stream", () => {
  it("proposes one purchase order and keeps one alert per subject through repeated SIGKILLs and restarts, handling every stock event once", async () => {
    const { db } = run;
    const shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
    await startWorker(run, "outbox-relay");
    await startWorker(run, "order-processor");
    let agent: WorkerProcess = await startWorker(run, "inventory-agent");

    // Paced (about 40 orders/s): the stream outlasts several kills and restarts.
    let placed = 0;
    const placing = pool(ORDERS, 2, async () => {
      await placeOrder(db, CROISSANT);
      placed++;
      await sleep(50);
    });

    await waitFor("the agent's first purchase order", 60_000, async () => (await db.agentProposal.count({ where: { shopId, kind: "purchase_order" } })) > 0, 250);
    let kills = 0;
    let duplicates = 0;
    while (duplicates === 0 && kills < 8 && placed < ORDERS - 100) {
      await sleep(1_000 + Math.floor(Math.random() * 2_000)); // somewhere inside its work
      await killWorker(agent, "SIGKILL");
      kills++;
      agent = await startWorker(run, "inventory-agent");
      // The restarted member gets partitions once the killed one's session ends (10 s); then the redelivered batch comes.
      const seen = Date.now();
      while (Date.now() - seen < 15_000 && duplicates === 0) {
        await sleep(500);
        duplicates = await scrapeCounter(agent, "gocoffee_events_consumed_total", { consumer: CONSUMER, outcome: "duplicate" });
      }
    }
    expect(await placing).toEqual([]);
    await waitFor("every order to be QUEUED", 120_000, async () => ((await statusCounts(db)).QUEUED ?? 0) === ORDERS, 500);
    const topic = prefixed(run.topicPrefix, TOPICS.orderEvents);
    await waitFor("the agent to have committed the whole order stream", 120_000, async () => (await committedMessages(run.brokers, prefixed(run.topicPrefix, CONSUMER), topic)) === (await topicMessageCount(run.brokers, topic)), 1_000);
    await sleep(2_500); // a trailing assessment (at most every 2 s per shop) has run

    console.log(`inventory agent killed ${kills} times while ${placed} orders streamed; the last restart saw ${duplicates} events it had already handled`);
    expect(duplicates, "a restarted agent was redelivered events it had handled (else no kill landed inside a batch)").toBeGreaterThan(0);

    const proposals = await db.agentProposal.findMany({ where: { shopId }, select: { kind: true, subject: true, status: true } });
    expect(proposals.filter((p) => p.kind === "purchase_order"), "purchase orders for SFO").toEqual([expect.objectContaining({ status: "PENDING" })]);
    const subjects = proposals.map((p) => p.subject);
    expect(new Set(subjects).size, "proposals per subject").toBe(subjects.length);
    const alerts = await db.$queryRaw<{ subject: string; n: number }[]>`SELECT subject, count(*)::int AS n FROM agent_alerts WHERE shop_id = ${shopId}::uuid AND resolved_at IS NULL GROUP BY subject`;
    expect(alerts.length, "open alerts at SFO").toBeGreaterThan(0);
    expect(alerts.filter((a) => a.n > 1), "subjects with more than one open alert").toEqual([]);

    // Each order's QUEUED event moved stock and was handled exactly once (no gaps: every one has its row).
    const [handled] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM processed_events p JOIN outbox_events o ON o.id = p.event_id
      WHERE p.consumer = ${CONSUMER} AND o.type = 'order.status_changed' AND o.payload->>'to' = 'QUEUED'`;
    expect(handled!.n).toBe(ORDERS);
    expect(agent.output()).not.toMatch(/dead-lettered/);
  });
});
