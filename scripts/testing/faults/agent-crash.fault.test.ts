import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "@/lib/orders/place-order";
import { INVENTORY_CONSUMER } from "@/lib/agents/inventory/handlers";
import { TOPICS, prefixed } from "@/lib/kafka/topics";
import { kafkaConfig } from "../../infra/kafka";
import { ORDER, SFO, committedMessages, createFaultRun, killWhileAhead, pool, scrapeCounter, sleep, startWorker, statusCounts, topicMessageCount, waitFor, type FaultRun } from "./harness";

/**
 * The inventory agent dies (SIGKILL) in the middle of 1,500 orders and is started again. Two of
 * the ordered ingredients fall below their reorder level during the stream, one before the kill is
 * likely and one after. However the events are redelivered, each gets exactly one purchase order
 * proposal, no ingredient that stays above its level gets one, and no event triggers two runs.
 *
 * There is no unique index behind "one open proposal per subject": the per-shop advisory lock and
 * the processed-events record are what keep it. The kill is aimed as in processor-crash: the agent
 * is frozen until the events it has handled (a processed-events row each) outnumber what its
 * committed offsets can cover, then killed, so a redelivery of handled events is certain.
 */

const ORDERS = 1_500;
/** Orders after which each of the two chosen ingredients is below its reorder level. */
const CROSSES_AFTER = [300, 1_100] as const;

let run: FaultRun;

beforeAll(async () => {
  run = await createFaultRun(kafkaConfig().brokers);
});
afterAll(async () => {
  await run?.cleanup();
});

/** QUEUED status changes the agent has recorded as handled. */
async function handledByAgent(): Promise<number> {
  const [row] = await run.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM processed_events WHERE consumer = ${INVENTORY_CONSUMER}`;
  return row!.n;
}

/**
 * Handled events beyond what the agent's committed offsets can cover. Each order puts two messages
 * on the order topic under its id (placed, then QUEUED: the only events this run produces, and only
 * the second is one the agent handles), so the committed offsets cover at most half as many handled
 * events as messages.
 */
async function handledBeyondOffsets(): Promise<number> {
  const committed = await committedMessages(run.brokers, prefixed(run.topicPrefix, INVENTORY_CONSUMER), prefixed(run.topicPrefix, TOPICS.orderEvents));
  return (await handledByAgent()) - Math.floor(committed / 2);
}

describe("inventory agent killed mid-stream", () => {
  it("proposes exactly one purchase order per ingredient that fell below its level, after a SIGKILL with handled events uncommitted and a restart", async () => {
    const { db } = run;
    await startWorker(run, "outbox-relay");
    await startWorker(run, "order-processor");

    // One order first, to learn what an order takes of each ingredient.
    const first = await placeOrder(db, ORDER);
    await waitFor("the first order to be QUEUED", 30_000, async () => ((await statusCounts(db)).QUEUED ?? 0) === 1);
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: SFO }, select: { id: true } });
    const perOrder = await db.stockMovement.findMany({ where: { orderId: first.order.id, kind: "RESERVE" }, select: { ingredientId: true, quantity: true }, orderBy: { ingredientId: "asc" } });
    const supplied = new Set((await db.shopSupplier.findMany({ where: { shopId: shop.id }, select: { ingredientId: true } })).map((s) => s.ingredientId));
    const chosen = perOrder.filter((m) => supplied.has(m.ingredientId)).slice(0, CROSSES_AFTER.length);
    expect(chosen, "ingredients of the order with a supplier").toHaveLength(CROSSES_AFTER.length);
    for (const [i, m] of chosen.entries()) {
      // Available (on hand − reserved) = reorder level + what the next CROSSES_AFTER[i] orders take, minus one
      // unit; the level is above what the whole run takes, so the ingredient never runs out.
      const level = m.quantity * (ORDERS + 100);
      await db.$executeRaw`UPDATE stock SET reorder_level = ${level}, on_hand = reserved + ${level + m.quantity * CROSSES_AFTER[i]! - 1} WHERE shop_id = ${shop.id}::uuid AND ingredient_id = ${m.ingredientId}::uuid`;
    }
    const expected = chosen.map((m) => `po:${m.ingredientId}`).sort();

    // Every event a look (no per-shop throttle): each is then a processed-events row the kill is
    // aimed by, and the most looks a redelivery could double.
    const lookAlways = { env: { STOCK_AGENT_LOOK_EVERY_MS: "0" } };
    let agent = await startWorker(run, "inventory-agent", lookAlways);
    let placed = 0;
    const placing = pool(ORDERS, 4, async () => {
      await placeOrder(db, ORDER);
      placed++;
      await sleep(25);
    });

    await waitFor("the agent to handle 300 events", 60_000, async () => (await handledByAgent()) >= 300, 50);
    // A 4 s backlog first (orders keep coming): the agent resumes on batches of several chunks.
    const { uncommitted: beyond, probes } = await killWhileAhead(agent, handledBeyondOffsets, 300, 4_000);
    const placedAtKill = placed;
    const proposedAtKill = await db.agentProposal.count({ where: { agent: "inventory" } });
    expect(placedAtKill).toBeLessThan(ORDERS);

    agent = await startWorker(run, "inventory-agent", lookAlways);
    expect(await placing).toEqual([]);
    await waitFor("every order to be QUEUED", 120_000, async () => ((await statusCounts(db)).QUEUED ?? 0) === ORDERS + 1, 500);
    // The restarted member gets partitions once the killed one's 10 s session has expired.
    await waitFor("the agent to handle every QUEUED event", 120_000, async () => (await handledByAgent()) === ORDERS + 1, 500);
    const open = async () => (await db.agentProposal.findMany({ where: { agent: "inventory", status: "PENDING" }, select: { subject: true } })).map((p) => p.subject).sort();
    await waitFor("a purchase order for both ingredients", 30_000, async () => (await open()).length >= expected.length);
    await sleep(3_000); // a late look (a redelivery still in flight) would show a second proposal now

    const duplicates = await scrapeCounter(agent, "gocoffee_events_consumed_total", { consumer: INVENTORY_CONSUMER, outcome: "duplicate" });
    console.log(`agent killed after ${placedAtKill} orders placed (probe ${probes}), ${beyond}+ handled events beyond its committed offsets, ${proposedAtKill} proposals then; the restarted agent saw ${duplicates} duplicates`);
    expect(duplicates).toBeGreaterThanOrEqual(beyond);

    const proposals = await db.agentProposal.groupBy({ by: ["subject", "status"], where: { agent: "inventory" }, _count: true });
    expect(proposals.map((p) => ({ subject: p.subject, status: p.status, n: p._count })).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(expected.map((subject) => ({ subject, status: "PENDING", n: 1 })));
    const twice = await db.$queryRaw<{ trigger_event_id: string }[]>`SELECT trigger_event_id FROM agent_runs WHERE agent = 'inventory' AND trigger_event_id IS NOT NULL GROUP BY trigger_event_id HAVING count(*) > 1`;
    expect(twice, "events that triggered two inventory runs").toEqual([]);
    const [handled] = await db.$queryRaw<{ n: number; distinct: number }[]>`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct FROM processed_events WHERE consumer = ${INVENTORY_CONSUMER}`;
    expect(handled).toEqual({ n: ORDERS + 1, distinct: ORDERS + 1 });
    expect(await db.agentAlert.count({ where: { agent: "inventory", resolvedAt: null } }), "stock-out alerts (nothing ran out)").toBe(0);
    expect(await topicMessageCount(run.brokers, prefixed(run.topicPrefix, TOPICS.deadLetter))).toBe(0);
    expect(agent.output()).not.toMatch(/dead-lettered/);
  });
});
