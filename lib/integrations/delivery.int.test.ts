import { randomBytes } from "node:crypto";
import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { placeOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";
import { startFakeSlack, type FakeSlack } from "@/scripts/testing/fake-slack";
import { decrypt, encrypt, type KeyRing } from "./crypto";
import { createDispatcher, type DeadLetter } from "./dispatcher";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "./handlers";
import { slackAdapter } from "./slack/adapter";
import { connectSlack, deliveryLog, enqueueTest, listIntegrations, reconnectSlack, setPaused } from "./store";
import { previousLocalDay, recordDailySummaries } from "./summary";

/**
 * The delivery engine end to end against the real database and the real @slack/web-api client
 * talking to a local fake Slack (its wire format): alerts from events, retries, dead letters,
 * idempotency, broken credentials, the circuit breaker and key rotation.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("integrations-test");
const ring: KeyRing = [{ id: "t1", key: randomBytes(32) }];
const SFO = "sfo-terminal-2";
let slack: FakeSlack;
let shopId: string;
const dead: DeadLetter[] = [];

const adapter = () => slackAdapter(slack.url, { timeoutMs: 2000 });
const dispatcher = (extra: Partial<Parameters<typeof createDispatcher>[0]> = {}) =>
  createDispatcher({ db, ring, slack: adapter(), log, retries: 2, minBackoffMs: 10, maxBackoffMs: 50, deadLetter: async (d) => void dead.push(d), ...extra });
const connect = (over: Record<string, unknown> = {}) => connectSlack(db, ring, adapter(), { name: "Ops", token: "xoxb-good-token", channel: "#ops", events: ["order.cancelled", "payment.undone", "daily.summary"], ...over });

/** A cancelled order's event, as Kafka would deliver it. */
async function cancelledEvent(): Promise<KafkaMessage> {
  const { order } = await placeOrder(db, { shop: SFO, customerName: "Grace H", items: [{ product: "butter-croissant", quantity: 1 }] });
  const event = createEvent("order.status_changed", order.id, { orderId: order.id, shopId, from: "PLACED", to: "CANCELLED", reason: "out of oat milk" });
  return { key: Buffer.from(order.id), value: encodeEnvelope(event), offset: "0", timestamp: String(Date.now()), attributes: 0, headers: {} } as KafkaMessage;
}
const consume = (message: KafkaMessage, name = INTEGRATIONS_CONSUMER) => handleMessage({ db, name, log, batch: integrationHandlers("http://localhost:3000") }, message, async () => undefined);

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  slack = await startFakeSlack();
});
beforeEach(async () => {
  await db.integration.deleteMany();
  slack.reset();
  dead.length = 0;
});
afterAll(async () => {
  await slack.close();
  await db.$disconnect();
});

describe("Slack delivery", () => {
  it("posts a cancelled order as a Block Kit alert to the chosen channel, and logs it delivered", async () => {
    const { id } = await connect();
    const stored = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(stored.credentials).not.toContain("xoxb");
    expect(decrypt(ring, stored.credentials, id).plaintext).toBe("xoxb-good-token");

    expect(await consume(await cancelledEvent())).toBe("handled");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.posted).toHaveLength(1);
    const [post] = slack.posted;
    expect(post!.channel).toBe("#ops");
    expect(post!.token).toBe("xoxb-good-token");
    expect(post!.text).toMatch(/was cancelled: out of oat milk/);
    expect(JSON.stringify(post!.blocks)).toContain("Order cancelled");
    expect(JSON.stringify(post!.blocks)).toContain("gocoffee.ack");
    const [entry] = await deliveryLog(db);
    expect(entry).toMatchObject({ status: "DELIVERED", kind: "order.cancelled", attempts: 1, lastError: null });
  });

  it("a redelivered event posts once (a second consumer run, and the same event recorded twice)", async () => {
    await connect();
    const message = await cancelledEvent();
    await consume(message);
    // Kafka redelivers after processed_events was lost (another consumer name replays the topic):
    // the delivery's idempotency key still makes it one delivery.
    await consume(message, "integrations-replay");
    expect(await consume(message)).toBe("duplicate");
    await dispatcher().runOnce();
    await dispatcher().runOnce();
    expect(slack.posted).toHaveLength(1);
    expect(await db.integrationDelivery.count()).toBe(1);
  });

  it("retries 500 and 429 (honouring Retry-After) and delivers when Slack recovers", async () => {
    await connect();
    await consume(await cancelledEvent());
    slack.failNext(1, 500);
    slack.failNext(1, 429, 0);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.calls.map((c) => c.status)).toEqual([200, 500, 429, 200]); // auth.test at connect, then three tries
    expect((await deliveryLog(db))[0]).toMatchObject({ status: "DELIVERED", attempts: 3 });
  });

  it("dead-letters after the retries, with the reason in the log and on the dead-letter stream", async () => {
    await connect();
    await consume(await cancelledEvent());
    slack.failNext(3, 500);
    expect(await dispatcher().runOnce()).toEqual(["dead"]);
    expect(slack.posted).toHaveLength(0);
    const [entry] = await deliveryLog(db);
    expect(entry).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(entry!.lastError).toMatch(/Slack answered HTTP 500; gave up after 3 attempts/);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ kind: "order.cancelled", reason: entry!.lastError });
    // Never sent again.
    expect(await dispatcher().runOnce()).toEqual([]);
    expect(slack.posted).toHaveLength(0);
    expect((await listIntegrations(db))[0]).toMatchObject({ dead: 1, pending: 0 });
  });

  it("opens the circuit when Slack keeps failing: later deliveries wait instead of hammering it", async () => {
    await connect();
    for (let i = 0; i < 3; i++) await consume(await cancelledEvent());
    slack.failNext(50, 503);
    const engine = dispatcher({ retries: 1, breaker: { volume: 2, errorPercentage: 50, resetMs: 60_000 } });
    const outcomes = await engine.runOnce();
    engine.shutdown();
    expect(outcomes).toEqual(["dead", "deferred", "deferred"]);
    expect(slack.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(2);
    const waiting = await db.integrationDelivery.findMany({ where: { status: "PENDING" } });
    expect(waiting).toHaveLength(2);
    for (const w of waiting) {
      expect(w.lastError).toMatch(/circuit open/);
      expect(w.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    }
  });

  it("a slow service holds back only its own deliveries: another connection's are sent meanwhile, each connection's in order", async () => {
    const slow = await connect({ name: "Slow", token: "xoxb-slow-token", channel: "#slow" });
    const quick = await connect({ name: "Quick", channel: "#quick" });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const base = adapter();
    const engine = dispatcher({ slack: { ...base, send: async (token, config, message) => (token.includes("slow") && (await held), base.send(token, config, message)) } });
    const sending = engine.start(20);
    try {
      const first = await enqueueTest(db, slow.id, "Ada");
      const second = await enqueueTest(db, slow.id, "Ada");
      await new Promise((r) => setTimeout(r, 100)); // the slow lane is stuck on the first; the second waits behind it
      await enqueueTest(db, quick.id, "Ada");
      await expect.poll(() => slack.posted.map((m) => m.channel), { timeout: 5_000 }).toEqual(["#quick"]);
      release();
      await expect.poll(() => slack.posted.map((m) => m.channel), { timeout: 5_000 }).toEqual(["#quick", "#slow", "#slow"]);
      const sent = await db.integrationDelivery.findMany({ where: { id: { in: [first.deliveryId, second.deliveryId] } }, orderBy: { deliveredAt: "asc" } });
      expect(sent.map((d) => d.id)).toEqual([first.deliveryId, second.deliveryId]);
    } finally {
      release();
      await sending.stop();
      engine.shutdown();
    }
  });

  it("a wake sends what was just recorded at once, without waiting out the dispatcher's nap; a wake during a claim is kept for the next nap", async () => {
    const { id } = await connect();
    const engine = dispatcher();
    const sending = engine.start(3_600_000); // an hour's nap: only a wake can send within this test
    try {
      await enqueueTest(db, id, "Ada");
      sending.wake();
      await expect.poll(() => slack.posted.length, { timeout: 5_000 }).toBe(1);
      // Two wakes in a row (the second may land while the first's claim runs): both messages go.
      await enqueueTest(db, id, "Ada");
      sending.wake();
      await enqueueTest(db, id, "Ada");
      sending.wake();
      await expect.poll(() => slack.posted.length, { timeout: 5_000 }).toBe(3);
    } finally {
      await sending.stop();
      engine.shutdown();
    }
  });

  it("a revoked token marks the connection broken with a sentence, holds its deliveries, and a new token sends them", async () => {
    const { id } = await connect();
    await db.integration.update({ where: { id }, data: { credentials: encrypt(ring, "xoxb-revoked-token", id) } });
    await consume(await cancelledEvent());
    expect(await dispatcher().runOnce()).toEqual(["held"]);
    const [view] = await listIntegrations(db);
    expect(view).toMatchObject({ status: "BROKEN", pending: 1 });
    expect(view!.statusReason).toMatch(/revoked in Slack \(token_revoked\)/);
    expect(await dispatcher().runOnce()).toEqual([]); // held, not retried against a refusing Slack
    await expect(setPaused(db, id, false)).rejects.toThrow(/needs a new token/);
    await expect(enqueueTest(db, id, "admin")).rejects.toThrow(/broken/);

    await expect(reconnectSlack(db, ring, adapter(), id, "xoxb-invalid")).rejects.toThrow(/did not accept the bot token \(invalid_auth\)/);
    await reconnectSlack(db, ring, adapter(), id, "xoxb-new-token");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.posted.map((p) => p.token)).toEqual(["xoxb-new-token"]);
  });

  it("connecting with a bad token is refused with a clear sentence and stores nothing", async () => {
    const refused = await connect({ token: "xoxb-invalid-token" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).message).toMatch(/Slack did not accept the bot token \(invalid_auth\)/);
    await expect(connect({ token: "hello" })).rejects.toThrow(/starts with xoxb-/);
    await expect(connect({ channel: "ops room" })).rejects.toThrow(/channel/);
    await expect(connect({ events: [] })).rejects.toThrow(/at least one/);
    await expect(connect({ shopIds: ["00000000-0000-4000-8000-000000000000"] })).rejects.toThrow(/does not exist/);
    expect(await db.integration.count()).toBe(0);
  });

  it("a wrong channel is a broken connection (the admin must fix it), not a dead letter", async () => {
    const { id } = await connect({ channel: "#nowhere" });
    const { deliveryId } = await enqueueTest(db, id, "Ada");
    expect(await dispatcher().deliverOne(deliveryId)).toBe("held");
    expect((await listIntegrations(db))[0]!.statusReason).toMatch(/cannot find the channel/);
  });

  it("paused connections record nothing new and hold what was queued; shops outside the scope are not sent", async () => {
    const { id } = await connect();
    await enqueueTest(db, id, "Ada");
    await setPaused(db, id, true);
    await consume(await cancelledEvent());
    expect(await dispatcher().runOnce()).toEqual([]);
    expect(await db.integrationDelivery.count({ where: { kind: "order.cancelled" } })).toBe(0);
    await setPaused(db, id, false);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    await db.integrationDelivery.deleteMany();
    const other = await db.shop.findFirstOrThrow({ where: { slug: { not: SFO } } });
    await db.integration.update({ where: { id }, data: { shopIds: [other.id] } });
    await consume(await cancelledEvent());
    expect(await db.integrationDelivery.count()).toBe(0);
  });

  it("'Send a test' goes through the same queue and shows in the log", async () => {
    const { id } = await connect();
    await enqueueTest(db, id, "Ada Admin");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.posted[0]!.text).toMatch(/Go Coffee test message/);
    expect((await deliveryLog(db))[0]).toMatchObject({ kind: "test", status: "DELIVERED" });
  });

  it("records each shop's daily summary once, with its sales", async () => {
    const { id } = await connect({ shopIds: [shopId] });
    const now = new Date();
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
    const day = previousLocalDay(now, shop.timezone);
    // An order placed at noon of that local day (placed_at is written by hand: the day is past).
    const { order } = await placeOrder(db, { shop: SFO, customerName: "Summary", items: [{ product: "butter-croissant", quantity: 2 }] });
    await db.$executeRaw`UPDATE orders SET placed_at = (${day}::date + time '12:00') AT TIME ZONE ${shop.timezone}, status = 'CLAIMED', active_pickup_code = NULL WHERE id = ${order.id}::uuid`;
    expect(await recordDailySummaries(db, now)).toBe(1);
    expect(await recordDailySummaries(db, now)).toBe(0);
    await dispatcher().runOnce();
    expect(slack.posted).toHaveLength(1);
    // The day's orders as the database has them: another suite may have seeded history into this shared database first.
    const [counted] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM orders WHERE shop_id = ${shopId}::uuid AND (placed_at AT TIME ZONE ${shop.timezone})::date = ${day}::date
        AND status IN ('PLACED','SCHEDULED','QUEUED','PREPARING','READY','CLAIMED')`;
    expect(Number(counted!.n)).toBeGreaterThanOrEqual(1);
    expect(slack.posted[0]!.text).toContain(`${shop.name}, ${day}: ${Number(counted!.n)} orders`);
    const delivery = await db.integrationDelivery.findFirstOrThrow({ where: { integrationId: id } });
    expect(delivery.idempotencyKey).toBe(`daily.summary:${id}:${shopId}:${day}`);
  });

  it("re-encrypts a credential under the newest key when it is used after a rotation", async () => {
    const { id } = await connect();
    const rotated: KeyRing = [{ id: "t2", key: randomBytes(32) }, ...ring];
    await enqueueTest(db, id, "Ada");
    expect(await dispatcher({ ring: rotated }).runOnce()).toEqual(["delivered"]);
    const stored = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(stored.credentials.startsWith("v1.t2.")).toBe(true);
    expect(decrypt(rotated, stored.credentials, id)).toEqual({ plaintext: "xoxb-good-token", stale: false });
  });
});
