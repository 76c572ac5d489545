import { randomBytes, randomUUID } from "node:crypto";
import type { KafkaMessage, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createKafka, createProducer, ensureTopics, kafkaSettings } from "@/lib/kafka/client";
import { handleMessage, runConsumer, type Outcome } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent, type OutgoingEvent } from "@/lib/kafka/events";
import { TOPICS, prefixed } from "@/lib/kafka/topics";
import { childLogger } from "@/lib/log";
import { placeOrder } from "@/lib/orders/place-order";
import { addressHash, receiptsOffTarget, turnReceiptsOff } from "@/lib/mail/receipts-off";
import { seed } from "@/prisma/seed";
import { SMTPServer } from "smtp-server";
import { startMailSink, type MailSink } from "@/scripts/mail-sink/sink";
import { createDispatcher } from "../dispatcher";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "../handlers";
import { slackAdapter } from "../slack/adapter";
import { emailAdapter } from "./adapter";
import { EMAIL_CHANNEL_ID, messageIdFor, resumeEmailChannel } from "./channel";

/**
 * Email receipts end to end against the real PostgreSQL, Kafka and SMTP (the local mail sink):
 * a collected order's event goes through Kafka to the integrations consumer, which records one
 * receipt; the delivery engine mails it. Redelivered and replayed events still make one mail.
 * Each test judges only its own customer's mail and its own order's delivery.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("receipts-test");
const APP = "http://shop.example";
const SFO = "sfo-terminal-2";
const settings = kafkaSettings();
const kafka = createKafka(settings);
let sink: MailSink;
let producer: Producer;
let shopId: string;

const dispatcher = () =>
  createDispatcher({ db, ring: [{ id: "t", key: randomBytes(32) }], slack: slackAdapter("http://127.0.0.1:9/api/"), email: emailAdapter(`smtp://127.0.0.1:${sink.smtpPort}`, "Go Coffee <test@gocoffee.local>"), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
const mailsTo = (to: string) => sink.messages.filter((m) => m.to.includes(to));
const stamp = () => `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

async function customer(opts: { confirmed?: boolean; receipts?: boolean } = {}) {
  const email = `receipt-${stamp()}@example.test`;
  const user = await db.user.create({ data: { name: "Ada Lovelace", email, emailVerifiedAt: opts.confirmed === false ? null : new Date(), receiptEmails: opts.receipts ?? true } });
  return { id: user.id, email };
}

/** A large oat latte, a croissant and a 15 % tip, collected at the counter (a guest may give `receiptEmail`). */
async function collectedOrder(userId: string | null, paymentMethod: "PAY_AT_PICKUP" | "CRYPTO" = "PAY_AT_PICKUP", receiptEmail?: string) {
  const { order } = await placeOrder(
    db,
    { shop: SFO, customerName: "Ada", paymentMethod, tip: { percent: 15 }, ...(receiptEmail ? { receiptEmail } : {}), items: [{ product: "caffe-latte", quantity: 2, options: { size: ["large"], milk: ["oat"] } }, { product: "butter-croissant", quantity: 1 }] },
    { userId },
  );
  await db.order.update({ where: { id: order.id }, data: { status: "CLAIMED", claimedAt: new Date(), version: { increment: 1 } } });
  return db.order.findUniqueOrThrow({ where: { id: order.id } });
}

const claimed = (order: { id: string }) => createEvent("order.status_changed", order.id, { orderId: order.id, shopId, from: "READY", to: "CLAIMED" });
const asMessage = (event: OutgoingEvent): KafkaMessage => ({ key: Buffer.from(event.key), value: encodeEnvelope(event), offset: "0", timestamp: String(Date.now()), attributes: 0, headers: {} }) as KafkaMessage;
const consume = (event: OutgoingEvent, name = INTEGRATIONS_CONSUMER) => handleMessage({ db, name, log, batch: integrationHandlers(APP) }, asMessage(event), async () => undefined);
const receiptRows = (orderId: string) => db.integrationDelivery.findMany({ where: { idempotencyKey: `receipt:${orderId}` } });

/** Runs a consumer group over the real topic until `count` messages of `key` were handled, then stops it. */
async function consumeFromKafka(name: string, key: string, count: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = await runConsumer({
    kafka,
    db,
    name,
    topics: [TOPICS.orderEvents],
    topicPrefix: settings.prefix,
    log,
    batch: integrationHandlers(APP),
    onOutcome: (outcome, message) => {
      if (message.key?.toString() !== key) return;
      outcomes.push(outcome);
      if (outcomes.length === count) done();
    },
  });
  try {
    await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error(`consumer ${name} saw ${outcomes.length} of ${count} messages`)), 45_000))]);
  } finally {
    await consumer.stop();
  }
  return outcomes;
}

async function send(orderId: string) {
  const [row] = await receiptRows(orderId);
  expect(row).toBeDefined();
  return dispatcher().deliverOne(row!.id);
}

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  await ensureTopics(kafka, settings);
  producer = createProducer(kafka);
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await sink?.close();
  await db.$disconnect();
});

describe("email receipts", () => {
  it("a collected order's event through Kafka makes exactly one receipt mail; a redelivery and a replay make none more", async () => {
    const who = await customer();
    const order = await collectedOrder(who.id);
    const event = claimed(order);
    // Kafka carries the event twice (a relay that restarted between publish and mark-sent).
    const message = { key: order.id, value: encodeEnvelope(event) };
    await producer.send({ topic: prefixed(settings.prefix, TOPICS.orderEvents), acks: -1, messages: [message, message] });

    expect(await consumeFromKafka(`receipts-test-${stamp()}`, order.id, 2)).toEqual(["handled", "duplicate"]);
    expect(await receiptRows(order.id)).toHaveLength(1);
    expect(await send(order.id)).toBe("delivered");

    // The processed-events records lost (another consumer group replays the topic): the receipt's key still holds.
    expect(await consumeFromKafka(`receipts-replay-${stamp()}`, order.id, 2)).toEqual(["handled", "duplicate"]);
    expect(await receiptRows(order.id)).toHaveLength(1);
    await dispatcher().runOnce();

    const mails = mailsTo(who.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const total = `$${(order.totalCents / 100).toFixed(2)}`;
    expect(mail!.subject).toBe(`Your receipt from Go Coffee SFO Terminal 2: order ${order.pickupCode}, ${total}`);
    expect(mail!.text).toMatch(/2 × Caffè latte +\$\d+\.\d\d/);
    expect(mail!.text).toContain("Large (16 oz), Oat milk");
    expect(mail!.text).toMatch(new RegExp(`Tip +\\$${(order.tipCents / 100).toFixed(2).replace(".", "\\.")}`));
    expect(mail!.text).toMatch(new RegExp(`Total +\\${total.replace(".", "\\.")}`));
    expect(mail!.text).toContain("Paid at the counter when you picked up.");
    expect(mail!.text).toContain(`${APP}/orders/${order.id}`);
    expect(mail!.html).toContain(`<strong>${total}</strong>`);
    expect(mail!.messageId).toBe(messageIdFor(`receipt:${order.id}`));

    const [row] = await receiptRows(order.id);
    expect(row).toMatchObject({ status: "DELIVERED", kind: "receipt", integrationId: EMAIL_CHANNEL_ID, attempts: 1 });
    expect((row!.message as { summary: string }).summary).toBe(`Receipt for order ${order.pickupCode} to r***@example.test`);
  });

  it("no receipt for a guest who gave no address, an unconfirmed address, receipts turned off, or an order not collected", async () => {
    const guest = await collectedOrder(null);
    const unconfirmed = await collectedOrder((await customer({ confirmed: false })).id);
    const off = await collectedOrder((await customer({ receipts: false })).id);
    const recalled = await collectedOrder((await customer()).id);
    await db.order.update({ where: { id: recalled.id }, data: { status: "READY" } }); // handed back before the consumer saw CLAIMED
    for (const order of [guest, unconfirmed, off, recalled]) {
      expect(await consume(claimed(order))).toBe("handled");
      expect(await receiptRows(order.id)).toHaveLength(0);
    }
  });

  it("a guest who gave an address gets one receipt with their tracking link; its stop link ends receipts to that address, in any case", async () => {
    const address = `guest-${stamp()}@example.test`;
    const order = await collectedOrder(null, "PAY_AT_PICKUP", `  ${address.toUpperCase()} `);
    expect(order.receiptEmail).toBe(address); // trimmed and lower-cased at placement
    const event = claimed(order);
    expect(await consume(event)).toBe("handled");
    expect(await consume(event)).toBe("duplicate");
    expect(await consume(claimed(order))).toBe("handled"); // claimed again after a recall: still one receipt
    expect(await receiptRows(order.id)).toHaveLength(1);
    expect(await send(order.id)).toBe("delivered");

    const [mail] = mailsTo(address);
    expect(mailsTo(address)).toHaveLength(1);
    expect(mail!.subject).toBe(`Your receipt from Go Coffee SFO Terminal 2: order ${order.pickupCode}, $${(order.totalCents / 100).toFixed(2)}`);
    // The guest's link carries the order's tracking token (the id alone opens nothing); no account page.
    expect(mail!.text).toContain(`${APP}/orders/${order.id}?token=${order.trackingToken}`);
    expect(mail!.text).not.toContain("account page");
    const stop = /Stop receipt emails to this address: (\S+)/.exec(mail!.text)![1]!;
    const token = stop.split("/").at(-1)!;
    expect(token).toMatch(/^o-[0-9a-f-]{36}\.[\w-]+$/);
    expect(mail!.listUnsubscribe).toBeTruthy();

    const secret = env().NEXTAUTH_SECRET;
    expect(await receiptsOffTarget(db, token, secret)).toEqual({ email: "g***@example.test", on: true, guest: true });
    // A stranger's token for the same order under another kind, or another order: refused, nothing changes.
    await expect(turnReceiptsOff(db, `${order.id}.${token.split(".")[1]}`, secret)).rejects.toThrow(/not one we sent/);
    expect(await db.receiptOptOut.count({ where: { addressHash: addressHash(address) } })).toBe(0);
    expect(await turnReceiptsOff(db, token, secret)).toEqual({ email: "g***@example.test" });
    expect(await turnReceiptsOff(db, token, secret)).toEqual({ email: "g***@example.test" }); // twice is harmless
    expect(await receiptsOffTarget(db, token, secret)).toMatchObject({ on: false });

    // The next guest order with that address (written differently) gets none; another address still does.
    const next = await collectedOrder(null, "PAY_AT_PICKUP", address.replace("guest", "GUEST"));
    expect(await consume(claimed(next))).toBe("handled");
    expect(await receiptRows(next.id)).toHaveLength(0);
    const other = await collectedOrder(null, "PAY_AT_PICKUP", `other-${address}`);
    expect(await consume(claimed(other))).toBe("handled");
    expect(await receiptRows(other.id)).toHaveLength(1);
  });

  it("an address for a receipt is refused from a signed-in customer and when it is not an address; nothing is placed", async () => {
    const who = await customer();
    const before = await db.order.count();
    await expect(placeOrder(db, { shop: SFO, customerName: "Ada", receiptEmail: "someone@example.test", items: [{ product: "butter-croissant", quantity: 1 }] }, { userId: who.id })).rejects.toThrow(/Signed-in customers get receipts at their account's address/);
    for (const bad of ["not-an-address", "", `${"x".repeat(250)}@example.test`]) {
      await expect(placeOrder(db, { shop: SFO, customerName: "Ada", receiptEmail: bad, items: [{ product: "butter-croissant", quantity: 1 }] })).rejects.toMatchObject({ code: "invalid" });
    }
    expect(await db.order.count()).toBe(before);
  });

  it("crypto: collected while the payment confirms (fast lane) waits for SETTLED, then mails chain, token, amount and transaction", async () => {
    const who = await customer();
    const order = await collectedOrder(who.id, "CRYPTO");
    const invoice = await db.invoice.create({
      data: {
        orderId: order.id,
        shopId,
        reference: `0x${randomBytes(32).toString("hex")}`,
        status: "PROCESSING",
        chainId: 31337,
        token: "USDC",
        tokenAddress: `0x${"11".repeat(20)}`,
        decimals: 6,
        routerAddress: `0x${"22".repeat(20)}`,
        payTo: `0x${"33".repeat(20)}`,
        amountCents: order.totalCents,
        currency: "USD",
        amountDue: String(order.totalCents * 10_000),
        amountPaid: String(order.totalCents * 10_000),
        rate: "100000000",
        rateDecimals: 8,
        rateSource: "test",
        rateUpdatedAt: new Date(),
        requiredConfirmations: 2,
        fastLane: true,
        expiresAt: new Date(Date.now() + 15 * 60_000),
      },
    });
    const txHash = `0x${randomBytes(32).toString("hex")}`;
    await db.payment.create({
      data: { invoiceId: invoice.id, chainId: 31337, txHash, logIndex: 0, blockNumber: 7n, blockHash: `0x${"44".repeat(32)}`, blockTime: new Date(), payer: `0x${"55".repeat(20)}`, token: `0x${"11".repeat(20)}`, payTo: invoice.payTo, amount: invoice.amountDue, status: "SEEN", confirmations: 1 },
    });

    expect(await consume(claimed(order))).toBe("handled");
    expect(await receiptRows(order.id)).toHaveLength(0); // not settled yet

    await db.invoice.update({ where: { id: invoice.id }, data: { status: "SETTLED", settledAt: new Date(), amountConfirmed: invoice.amountDue } });
    await db.payment.updateMany({ where: { invoiceId: invoice.id }, data: { status: "CONFIRMED", confirmations: 2 } });
    const settled = createEvent("invoice.status_changed", order.id, { invoiceId: invoice.id, orderId: order.id, shopId, from: "PROCESSING", to: "SETTLED", exception: null, chainId: 31337, token: "USDC", amountDue: invoice.amountDue.toFixed(), amountPaid: invoice.amountDue.toFixed(), released: true });
    expect(await consume(settled)).toBe("handled");
    expect(await consume(claimed(order))).toBe("handled"); // a late CLAIMED redelivery: still one
    expect(await receiptRows(order.id)).toHaveLength(1);
    expect(await send(order.id)).toBe("delivered");

    const [mail] = mailsTo(who.email);
    expect(mail!.text).toContain(`Paid in crypto: ${(order.totalCents / 100).toFixed(2).replace(/\.?0+$/, "")} USDC on Anvil.`);
    expect(mail!.text).toContain(`Transaction ${txHash} (a local chain with no public explorer)`);
    expect(mail!.text).not.toContain("Paid at the counter");
  });

  it("a mail server that cannot be reached is retried, then dead-lettered with the reason in the delivery log", async () => {
    const who = await customer();
    const order = await collectedOrder(who.id);
    await consume(claimed(order));
    const [row] = await receiptRows(order.id);
    const down = createDispatcher({ db, ring: [], slack: slackAdapter("http://127.0.0.1:9/api/"), email: emailAdapter("smtp://127.0.0.1:9", "x@gocoffee.local"), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
    expect(await down.deliverOne(row!.id)).toBe("dead");
    const after = await db.integrationDelivery.findUniqueOrThrow({ where: { id: row!.id } });
    expect(after).toMatchObject({ status: "DEAD", attempts: 2 });
    expect(after.lastError).toMatch(/^The mail server could not be reached: .*ECONNREFUSED.*; gave up after 2 attempts$/);
    expect(mailsTo(who.email)).toHaveLength(0);
  });

  it("a refused login holds the mail channel with the reason; a restart with the right settings sends what was held", async () => {
    const refusing = new SMTPServer({ authOptional: false, allowInsecureAuth: true, disabledCommands: ["STARTTLS"], logger: false, onAuth: (_auth, _session, cb) => cb(new Error("Invalid username or password")) });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", () => resolve()));
    const port = (refusing.server.address() as { port: number }).port;
    try {
      const who = await customer();
      const order = await collectedOrder(who.id);
      await consume(claimed(order));
      const [row] = await receiptRows(order.id);
      const wrong = createDispatcher({ db, ring: [], slack: slackAdapter("http://127.0.0.1:9/api/"), email: emailAdapter(`smtp://mailer:wrong@127.0.0.1:${port}`, "x@gocoffee.local"), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
      expect(await wrong.deliverOne(row!.id)).toBe("held");
      const channel = await db.integration.findUniqueOrThrow({ where: { id: EMAIL_CHANNEL_ID } });
      expect(channel.status).toBe("BROKEN");
      expect(channel.statusReason).toMatch(/^The mail server refused our login: 535 .*Fix SMTP_URL and restart the integrations worker/);
      expect(await db.integrationDelivery.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: "PENDING" });

      await resumeEmailChannel(db); // what the integrations worker does at start
      expect((await db.integration.findUniqueOrThrow({ where: { id: EMAIL_CHANNEL_ID } })).status).toBe("ACTIVE");
      expect(await dispatcher().deliverOne(row!.id)).toBe("delivered");
      expect(mailsTo(who.email)).toHaveLength(1);
    } finally {
      await resumeEmailChannel(db);
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
