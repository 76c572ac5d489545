import { KafkaJSProtocolError, type KafkaMessage, type Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { createKafka, createProducer, ensureTopics, kafkaSettings } from "./client";
import { handleBatch, handleMessage, NonRetryableError, runConsumer, type ConsumedEvent, type Outcome, type RunningConsumer } from "./consumer";
import { encodeEnvelope } from "./envelope";
import { createEvent, type OutgoingEvent } from "./events";
import { enqueueEvents } from "./outbox";
import { OutboxRelay } from "./relay";
import { TOPICS, prefixed } from "./topics";

/**
 * The event backbone end to end against the real PostgreSQL and Kafka: an order-like change and its
 * outbox row commit together, the relay publishes, and a consumer applies the event exactly once,
 * even when Kafka carries it twice because the relay restarted between publish and mark-sent.
 */

const log = childLogger("outbox-test");
const settings = kafkaSettings();
const kafka = createKafka(settings);
let db: Db;
let producer: Producer;
let shopId: string;

beforeAll(async () => {
  db = createDb(env().DATABASE_URL, 5);
  await ensureTopics(kafka, settings);
  producer = createProducer(kafka);
  await producer.connect();
  const shop = await db.shop.create({
    data: { slug: `test-${Date.now()}`, name: "Test shop", addressLine: "1 Test St", city: "Testville", postalCode: "00000", country: "US", timezone: "UTC" },
  });
  shopId = shop.id;
});

afterAll(async () => {
  await producer?.disconnect();
  await db?.$disconnect();
});

function relay(afterPublish?: (ids: string[]) => Promise<void>): OutboxRelay {
  return new OutboxRelay({ db, databaseUrl: env().DATABASE_URL, producer, topicPrefix: settings.prefix, batchSize: 100, pollMs: 200, log, afterPublish });
}

/** Places an order-like row and its order.placed event in one transaction. */
async function placeOrder(): Promise<{ orderId: string; event: OutgoingEvent<"order.placed"> }> {
  return db.$transaction(async (tx) => {
    const order = await tx.order.create({
      data: { shopId, customerName: "Ada", status: "PLACED", paymentMethod: "PAY_AT_PICKUP", pickupCode: "TEST", subtotalCents: 500, taxCents: 0, totalCents: 500, currency: "USD" },
    });
    const product = await tx.product.findFirst();
    const event = createEvent("order.placed", order.id, {
      orderId: order.id,
      shopId,
      status: "PLACED",
      totalCents: 500,
      currency: "USD",
      items: [{ productId: product?.id ?? order.id, quantity: 1 }],
    });
    await enqueueEvents(tx, [event]);
    return { orderId: order.id, event };
  });
}

/** A consumer whose handler moves the order to QUEUED and records that it ran. */
async function startQueueingConsumer(name: string, outcomes: { outcome: Outcome; id: string }[]): Promise<RunningConsumer> {
  return runConsumer({
    kafka,
    db,
    name,
    topics: [TOPICS.orderEvents],
    topicPrefix: settings.prefix,
    log,
    handlers: {
      "order.placed": async (event, { tx }) => {
        await tx.order.update({ where: { id: event.payload.orderId }, data: { status: "QUEUED", version: { increment: 1 } } });
        await tx.orderStatusHistory.create({ data: { orderId: event.payload.orderId, fromStatus: "PLACED", toStatus: "QUEUED", actor: `system:${name}` } });
      },
    },
    onOutcome: (outcome, message) => outcomes.push({ outcome, id: String(message.headers?.["event-id"] ?? "") }),
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("outbox → Kafka → idempotent consumer", () => {
  it("applies an event once although the relay published it twice across a restart", async () => {
    const outcomes: { outcome: Outcome; id: string }[] = [];
    const consumer = await startQueueingConsumer("test-queuer", outcomes);
    // Rows other test files left unpublished would fill the relay's first batch and keep this
    // event out of it: they are not this test's business.
    await db.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
    const { orderId, event } = await placeOrder();

    // First relay: Kafka acknowledges the batch, then the process "dies" before marking it sent.
    let published: string[] = [];
    const first = relay(async (ids) => {
      published = ids;
      void first.stop();
      throw new Error("simulated crash between publish and mark-sent");
    });
    await first.start();
    await waitFor(() => published.includes(event.id));
    await first.stop();
    const unmarked = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(unmarked.publishedAt).toBeNull();

    // The restarted relay publishes the same row again and marks it.
    const second = relay();
    await second.start();
    await waitFor(async () => (await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).publishedAt !== null);
    await second.stop();

    await waitFor(() => outcomes.filter((o) => o.id === event.id).length === 2);
    await consumer.stop();

    expect(outcomes.filter((o) => o.id === event.id).map((o) => o.outcome).sort()).toEqual(["duplicate", "handled"]);
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, include: { history: true } });
    expect(order.status).toBe("QUEUED");
    expect(order.version).toBe(1);
    expect(order.history).toHaveLength(1);
    expect(await db.processedEvent.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("keeps each key's events in commit order across small batches", async () => {
    const seen: { key: string; type: string; seq: number }[] = [];
    const orders = await Promise.all(Array.from({ length: 5 }, () => placeOrder()));
    // Three status changes per order, committed one after another.
    for (const step of ["QUEUED", "PREPARING", "READY"] as const) {
      for (const { orderId } of orders) {
        await db.$transaction((tx) => enqueueEvents(tx, [createEvent("order.status_changed", orderId, { orderId, shopId, from: null, to: step })]));
      }
    }
    const ids = new Set(orders.map((o) => o.orderId));
    const consumer = await runConsumer({
      kafka,
      db,
      name: "test-order-watcher",
      topics: [TOPICS.orderEvents],
      topicPrefix: settings.prefix,
      log,
      handlers: {
        "order.status_changed": async (e) => {
          if (ids.has(e.key)) seen.push({ key: e.key, type: e.payload.to, seq: seen.length });
        },
      },
    });
    // Small batches: the fifteen events leave over several reads, still in order per key.
    const r = new OutboxRelay({ db, databaseUrl: env().DATABASE_URL, producer, topicPrefix: settings.prefix, batchSize: 4, pollMs: 15, log });
    await r.start();
    await waitFor(() => seen.length === 15);
    const late = await placeOrder();
    await waitFor(async () => (await db.outboxEvent.findUniqueOrThrow({ where: { id: late.event.id } })).publishedAt !== null, 5_000);
    await r.stop();
    await consumer.stop();

    for (const { orderId } of orders) {
      expect(seen.filter((s) => s.key === orderId).map((s) => s.type)).toEqual(["QUEUED", "PREPARING", "READY"]);
    }
  });

  it("publishes a row whose transaction committed after a later row was already sent", async () => {
    const r = relay();
    await r.start();
    const late = createEvent("order.status_changed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId, from: null, to: "QUEUED" });
    const early = createEvent("order.status_changed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId, from: null, to: "QUEUED" });
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const lateInserted = new Promise<void>((resolve) => (inserted = resolve));
    // `late` takes the lower seq but commits only after `early` (a higher seq) has been sent.
    const slow = db.$transaction(async (tx) => {
      await enqueueEvents(tx, [late]);
      inserted();
      await held;
    });
    await lateInserted;
    await db.$transaction((tx) => enqueueEvents(tx, [early]));
    const published = async (id: string) => (await db.outboxEvent.findUniqueOrThrow({ where: { id } })).publishedAt !== null;
    await waitFor(() => published(early.id), 5_000);
    commit();
    await slow;
    await waitFor(() => published(late.id), 5_000);
    await r.stop();
    const [a, b] = await Promise.all([late, early].map((e) => db.outboxEvent.findUniqueOrThrow({ where: { id: e.id } })));
    expect(a!.seq).toBeLessThan(b!.seq);
  });

  it("replaces a producer the broker lost step with (out of order sequence numbers) and publishes with the new one", async () => {
    await db.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
    // What kafkajs throws forever after a broker crash left its sequence numbers behind the producer's.
    const outOfStep = new KafkaJSProtocolError({ type: "OUT_OF_ORDER_SEQUENCE_NUMBER", code: 45, retriable: false, message: "The broker received an out of order sequence number" } as unknown as Error);
    let attempts = 0;
    let disconnected = false;
    const stuck = {
      sendBatch: async () => {
        attempts++;
        throw outOfStep;
      },
      connect: async () => undefined,
      disconnect: async () => void (disconnected = true),
    } as unknown as Producer;
    const fresh: Producer[] = [];
    const r = new OutboxRelay({
      db,
      databaseUrl: env().DATABASE_URL,
      producer: stuck,
      newProducer: () => {
        const p = createProducer(kafka);
        fresh.push(p);
        return p;
      },
      topicPrefix: settings.prefix,
      batchSize: 100,
      pollMs: 15,
      log,
    });
    const { event } = await placeOrder();
    await r.start();
    await waitFor(async () => (await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).publishedAt !== null, 10_000);
    await r.stop();
    expect(attempts).toBe(1);
    expect(disconnected).toBe(true);
    expect(fresh).toHaveLength(1);
    expect(r.producer).toBe(fresh[0]);
    await fresh[0]!.disconnect();
  });

  it("only one relay publishes at a time", async () => {
    const a = relay();
    const b = relay();
    await a.start();
    await waitFor(() => a.leader);
    await b.start();
    await new Promise((r) => setTimeout(r, 500));
    expect(b.leader).toBe(false);
    await a.stop();
    await waitFor(() => b.leader, 5_000);
    await b.stop();
  });
});

describe("handleMessage", () => {
  const message = (value: Buffer | null, offset = "0"): KafkaMessage => ({ key: null, value, offset, timestamp: "0", attributes: 0, headers: {} }) as KafkaMessage;

  it("dead-letters what is not an envelope or breaks its type's schema, ignores unknown types", async () => {
    const reasons: string[] = [];
    const deadLetter = async (reason: string) => void reasons.push(reason);
    const opts = { db, name: "test-handler", log, handlers: { "order.placed": async () => undefined } };

    expect(await handleMessage(opts, message(Buffer.from("{oops")), deadLetter)).toBe("dead-lettered");
    const bad = { id: "0196b6c8-6c3e-7000-8000-00000000abcd", type: "order.placed", key: "k", version: 1, occurredAt: new Date().toISOString(), payload: { orderId: "nope" } };
    expect(await handleMessage(opts, message(encodeEnvelope(bad)), deadLetter)).toBe("dead-lettered");
    expect(await handleMessage(opts, message(encodeEnvelope({ ...bad, type: "coffee.spilled" })), deadLetter)).toBe("ignored");
    expect(reasons[0]).toMatch(/not an event envelope/);
    expect(reasons[1]).toMatch(/invalid order.placed payload: orderId/);
    expect(await db.processedEvent.count({ where: { consumer: "test-handler" } })).toBe(0);
  });

  it("rolls back the handler's writes and the dedupe record together when the handler fails", async () => {
    const { event } = await placeOrder();
    const { topic: _t, ...envelope } = event;
    const failing = {
      db,
      name: "test-rollback",
      log,
      handlers: {
        "order.placed": async (_e: unknown, { tx }: { tx: Parameters<Parameters<Db["$transaction"]>[0]>[0] }) => {
          await tx.orderStatusHistory.create({ data: { orderId: event.payload.orderId, toStatus: "QUEUED", actor: "system:test-rollback" } });
          throw new Error("database hiccup");
        },
      },
    };
    await expect(handleMessage(failing, message(encodeEnvelope(envelope)), async () => undefined)).rejects.toThrow("database hiccup");
    expect(await db.processedEvent.count({ where: { consumer: "test-rollback" } })).toBe(0);
    expect(await db.orderStatusHistory.count({ where: { actor: "system:test-rollback" } })).toBe(0);
  });
});

describe("handleBatch", () => {
  const message = (value: Buffer | null, offset: number): KafkaMessage => ({ key: null, value, offset: String(offset), timestamp: "0", attributes: 0, headers: {} }) as KafkaMessage;
  const placed = () => {
    const { topic: _t, ...envelope } = createEvent("order.placed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId, status: "PLACED", totalCents: 500, currency: "USD", items: [{ productId: crypto.randomUUID(), quantity: 1 }] });
    return envelope;
  };

  it("hands the batch's new events to the handler once, in order, in one transaction", async () => {
    const [a, b] = [placed(), placed()];
    const seen: ConsumedEvent[][] = [];
    const reasons: string[] = [];
    const opts = { db, name: "test-batch", log, batch: { types: ["order.placed"] as const, handle: async (events: ConsumedEvent[]) => void seen.push(events) } };
    const messages = [message(encodeEnvelope(a), 1), message(encodeEnvelope(a), 2), message(Buffer.from("{oops"), 3), message(encodeEnvelope({ ...b, type: "coffee.spilled" }), 4), message(encodeEnvelope(b), 5)];
    const outcomes = await handleBatch(opts, messages, async (_m, reason) => void reasons.push(reason));
    expect(outcomes).toEqual(["handled", "duplicate", "dead-lettered", "ignored", "handled"]);
    expect(seen.map((events) => events.map((e) => e.id))).toEqual([[a.id, b.id]]);
    expect(reasons).toHaveLength(1);
    // Delivered again: nothing reaches the handler.
    expect(await handleBatch(opts, [messages[0]!, messages[4]!], async () => undefined)).toEqual(["duplicate", "duplicate"]);
    expect(seen).toHaveLength(1);
  });

  it("passes over, unread, an event whose type header names a type it does not take", async () => {
    const a = placed();
    const reasons: string[] = [];
    const opts = { db, name: "test-batch-header", log, batch: { types: ["order.placed"] as const, handle: async () => undefined } };
    const withType = (value: Buffer, offset: number, type: string) => ({ ...message(value, offset), headers: { "event-type": type } }) as KafkaMessage;
    const outcomes = await handleBatch(
      opts,
      [withType(Buffer.from("{not read"), 1, "order.status_changed"), withType(Buffer.from("{oops"), 2, "order.placed"), withType(Buffer.from("{oops"), 3, "coffee.spilled"), withType(encodeEnvelope(a), 4, "order.placed")],
      async (_m, reason) => void reasons.push(reason),
    );
    // A type it takes, or one the catalog does not know, is still read (and dead-lettered when broken).
    expect(outcomes).toEqual(["ignored", "dead-lettered", "dead-lettered", "handled"]);
    expect(reasons).toHaveLength(2);
  });

  it("dead-letters only the event the handler refuses, and applies the others", async () => {
    const [a, bad, c] = [placed(), placed(), placed()];
    const applied: string[] = [];
    const dead: string[] = [];
    const opts = {
      db,
      name: "test-batch-refusal",
      log,
      batch: {
        types: ["order.placed"] as const,
        handle: async (events: ConsumedEvent[]) => {
          if (events.some((e) => e.id === bad.id)) throw new NonRetryableError("cannot be made");
          applied.push(...events.map((e) => e.id));
        },
      },
    };
    const outcomes = await handleBatch(opts, [a, bad, c].map((e, i) => message(encodeEnvelope(e), i)), async (m, reason) => void dead.push(`${m.offset}: ${reason}`));
    expect(outcomes).toEqual(["handled", "dead-lettered", "handled"]);
    expect(applied).toEqual([a.id, c.id]);
    expect(dead).toEqual(["1: order.placed rejected: cannot be made"]);
    expect(await db.processedEvent.count({ where: { consumer: "test-batch-refusal" } })).toBe(2);
  });

  it("acknowledges the events a handler does not want without a transaction or a processed-events row", async () => {
    const [small, big] = [placed(), { ...placed(), payload: { ...placed().payload, totalCents: 9_000 } }];
    const seen: string[] = [];
    const name = "test-batch-wants";
    const opts = {
      db,
      name,
      log,
      batch: {
        types: ["order.placed"] as const,
        wants: (e: ConsumedEvent) => e.type === "order.placed" && e.payload.totalCents > 1_000,
        handle: async (events: ConsumedEvent[]) => void seen.push(...events.map((e) => e.id)),
      },
    };
    const outcomes = await handleBatch(opts, [small, big].map((e, i) => message(encodeEnvelope(e), i)), async () => undefined);
    expect(outcomes).toEqual(["ignored", "handled"]);
    expect(seen).toEqual([big.id]);
    expect((await db.processedEvent.findMany({ where: { consumer: name }, select: { eventId: true } })).map((r) => r.eventId)).toEqual([big.id]);
    // A batch of only unwanted events opens no transaction at all: a database that cannot answer is never asked.
    const closed = createDb(env().DATABASE_URL.replace(/\/[^/?]+(\?|$)/, "/no_such_database$1"), 1);
    expect(await handleBatch({ ...opts, db: closed }, [message(encodeEnvelope(placed()), 9)], async () => undefined)).toEqual(["ignored"]);
    await closed.$disconnect();
  });
});

describe("topics", () => {
  it("are created by code with this run's prefix", async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(topics).toEqual(expect.arrayContaining(Object.values(TOPICS).map((t) => prefixed(settings.prefix, t))));
  });
});
