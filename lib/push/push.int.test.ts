import { createHash } from "node:crypto";
import type { KafkaMessage } from "kafkajs";
import webpush from "web-push";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { placeOrder, type PlacedOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";
import { startFakePush, type FakePush } from "@/scripts/testing/fake-push";
import { WEB_PUSH_CONSUMER, webPushNotifier, webPushSender } from "./send";
import { followOrder, MAX_DEVICES_PER_ORDER, unfollowOrder } from "./subscriptions";
import { accountDevices, followAccount, MAX_DEVICES_PER_ACCOUNT, removeAccountDevice, unfollowAccount } from "./account-devices";
import { changePassword, signOutEverywhere } from "@/lib/auth/users";
import { hashPassword } from "@/lib/auth/passwords";

/**
 * Web Push end to end against the real database: the real `web-push` library signs (VAPID) and
 * encrypts (aes128gcm) each push to a local push service that checks the signature and decrypts
 * with the keys it handed out as a browser would, so the test reads what the phone would show.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("push-test");
const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@gocoffee.example" };
const SFO = "sfo-terminal-2";
let push: FakePush;
let origins: string[];
let shopId: string;

const guest = (order: PlacedOrder) => ({ user: null, token: order.trackingToken });
const newOrder = async () => (await placeOrder(db, { shop: SFO, customerName: "Ada L", items: [{ product: "butter-croissant", quantity: 1 }] })).order;

function statusEvent(order: PlacedOrder, to: string): KafkaMessage {
  const event = createEvent("order.status_changed", order.id, { orderId: order.id, shopId, from: "PREPARING", to: to as "READY" });
  return { key: Buffer.from(order.id), value: encodeEnvelope(event), offset: "0", timestamp: String(Date.now()), attributes: 0, headers: {} } as KafkaMessage;
}
const consume = (message: KafkaMessage) => handleMessage({ db, name: WEB_PUSH_CONSUMER, log, batch: webPushNotifier(webPushSender(vapid, 2_000)) }, message, async () => undefined);

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  push = await startFakePush();
  origins = [push.url];
});
beforeEach(() => void (push.messages.length = 0));
afterAll(async () => {
  await push.close();
  await db.$disconnect();
});

describe("following an order", () => {
  it("takes the customer's device (guest with the token), once per device, and refuses everyone else", async () => {
    const order = await newOrder();
    const device = push.subscribe();
    await expect(followOrder(db, order.id, guest(order), device, origins)).resolves.toEqual({ devices: 1 });
    // The same device again: its keys updated, not a second row.
    await expect(followOrder(db, order.id, guest(order), device, origins)).resolves.toEqual({ devices: 1 });
    // The order id alone opens nothing; a wrong token neither.
    await expect(followOrder(db, order.id, { user: null, token: null }, push.subscribe(), origins)).rejects.toMatchObject({ code: "not_found" });
    await expect(followOrder(db, order.id, { user: null, token: "x".repeat(22) }, push.subscribe(), origins)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.pushSubscription.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("refuses endpoints that are not push services (the app would POST there) and malformed keys, changing nothing", async () => {
    const order = await newOrder();
    const keys = push.subscribe().keys;
    for (const endpoint of ["http://169.254.169.254/latest/meta-data", "https://evil.example/push/1", "https://fcm.googleapis.com.evil.example/x", "http://fcm.googleapis.com/fcm/send/x", "https://user:pw@fcm.googleapis.com/x", "not a url"]) {
      await expect(followOrder(db, order.id, guest(order), { endpoint, keys }, origins)).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(followOrder(db, order.id, guest(order), { endpoint: `${push.url}/push/abc`, keys: { p256dh: "short", auth: keys.auth } }, origins)).rejects.toMatchObject({ code: "invalid" });
    await expect(followOrder(db, order.id, guest(order), "nonsense", origins)).rejects.toMatchObject({ code: "invalid" });
    const compressed = "A" + keys.p256dh.slice(1); // not 0x04: not an uncompressed point
    await expect(followOrder(db, order.id, guest(order), { endpoint: `${push.url}/push/abc`, keys: { p256dh: compressed, auth: keys.auth } }, origins)).rejects.toMatchObject({ code: "invalid", message: "keys.p256dh: must be an uncompressed P-256 public key" });
    // A real browser's endpoint shape is accepted (nothing is sent to it here).
    await expect(followOrder(db, order.id, guest(order), { endpoint: "https://fcm.googleapis.com/fcm/send/abc:def", keys }, origins)).resolves.toEqual({ devices: 1 });
    expect(await db.pushSubscription.count({ where: { orderId: order.id } })).toBe(1);
  });

  it(`caps an order at ${MAX_DEVICES_PER_ORDER} devices, takes none once the order is finished, and lets a device stop`, async () => {
    const order = await newOrder();
    const devices = Array.from({ length: MAX_DEVICES_PER_ORDER + 1 }, () => push.subscribe());
    for (const d of devices.slice(0, MAX_DEVICES_PER_ORDER)) await followOrder(db, order.id, guest(order), d, origins);
    await expect(followOrder(db, order.id, guest(order), devices.at(-1), origins)).rejects.toMatchObject({ code: "conflict", message: `This order already notifies ${MAX_DEVICES_PER_ORDER} devices.` });
    await expect(unfollowOrder(db, order.id, { user: null, token: null }, devices[0]!.endpoint)).rejects.toMatchObject({ code: "not_found" });
    await expect(unfollowOrder(db, order.id, guest(order), devices[0]!.endpoint)).resolves.toEqual({ removed: 1 });
    await db.order.update({ where: { id: order.id }, data: { status: "CLAIMED" } });
    await expect(followOrder(db, order.id, guest(order), devices.at(-1), origins)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("pushing", () => {
  it("tells every following device that the order is ready: signed, encrypted, high urgency, one topic per order", async () => {
    const order = await newOrder();
    const [phone, laptop] = [push.subscribe(), push.subscribe()];
    await followOrder(db, order.id, guest(order), phone, origins);
    await followOrder(db, order.id, guest(order), laptop, origins);

    const ready = statusEvent(order, "READY");
    expect(await consume(ready)).toBe("handled");
    expect(push.messages).toHaveLength(2);
    for (const m of push.messages) {
      expect(m).toMatchObject({ ttl: 1800, urgency: "high", topic: order.id.replaceAll("-", ""), vapidSubject: vapid.subject });
      expect(JSON.parse(m.payload)).toEqual({
        title: "Your order is ready",
        body: `Order ${order.pickupCode} is waiting at Go Coffee SFO Terminal 2. Show code ${order.pickupCode} at the counter.`,
        url: `/orders/${order.id}?token=${order.trackingToken}`,
        tag: `order-${order.id}`,
      });
    }
    const rows = await db.pushSubscription.findMany({ where: { orderId: order.id } });
    expect(rows.map((r) => [r.lastSent, r.lastError, r.lastSentAt !== null])).toEqual([
      ["READY", null, true],
      ["READY", null, true],
    ]);
    // Redelivered: handled once. A status nobody is buzzed for: nothing.
    expect(await consume(ready)).toBe("duplicate");
    expect(await consume(statusEvent(order, "PREPARING"))).toBe("ignored");
    expect(push.messages).toHaveLength(2);
  });

  it("retries a push service's 500 and 429, deletes a subscription it calls gone, and records a refusal without holding the rest", async () => {
    const order = await newOrder();
    await followOrder(db, order.id, guest(order), push.subscribe(), origins);
    push.answerNext(500, 429);
    await consume(statusEvent(order, "READY"));
    expect(push.messages).toHaveLength(1);
    expect((await db.pushSubscription.findFirstOrThrow({ where: { orderId: order.id } })).lastError).toBeNull();

    const gone = await newOrder();
    await followOrder(db, gone.id, guest(gone), push.subscribe(), origins);
    push.answerNext(410);
    await consume(statusEvent(gone, "READY"));
    expect(await db.pushSubscription.count({ where: { orderId: gone.id } })).toBe(0);

    const refused = await newOrder();
    await followOrder(db, refused.id, guest(refused), push.subscribe(), origins);
    await followOrder(db, refused.id, guest(refused), push.subscribe(), origins);
    push.answerNext(413);
    expect(await consume(statusEvent(refused, "CANCELLED"))).toBe("handled");
    const rows = await db.pushSubscription.findMany({ where: { orderId: refused.id } });
    expect(rows.filter((r) => r.lastError?.startsWith("413 "))).toHaveLength(1);
    expect(rows.filter((r) => r.lastError === null && r.lastSent === "CANCELLED")).toHaveLength(1);
    expect(push.messages.filter((m) => JSON.parse(m.payload).title === "Your order was cancelled")).toHaveLength(1);
  });

  it("checks VAPID like the real services: a push signed by a key other than the one it names gets 403", async () => {
    const sub = push.subscribe();
    const forged = webPushSender({ ...vapid, publicKey: webpush.generateVAPIDKeys().publicKey }, 2_000);
    const answer = await forged({ endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth }, { title: "x", body: "y", url: "/", tag: "t" }, "t");
    expect(answer.status).toBe(403);
    expect(push.messages).toHaveLength(0);
  });
});

describe("an account's devices", () => {
  const newCustomer = async () => db.user.create({ data: { name: "Grace H", email: `grace-${crypto.randomUUID()}@example.test`, passwordHash: await hashPassword("old-password-1") } });
  const accountOrder = async (userId: string) => (await placeOrder(db, { shop: SFO, customerName: "Grace H", items: [{ product: "butter-croissant", quantity: 1 }] }, { userId })).order;

  it("are told about every order of the account, each device once even when it also follows the order; nobody else's devices are", async () => {
    const [grace, other] = [await newCustomer(), await newCustomer()];
    const [phone, laptop, stranger] = [push.subscribe(), push.subscribe(), push.subscribe()];
    await expect(followAccount(db, grace.id, phone, origins)).resolves.toEqual({ devices: 1 });
    await expect(followAccount(db, grace.id, laptop, origins)).resolves.toEqual({ devices: 2 });
    await followAccount(db, other.id, stranger, origins);
    const first = await accountOrder(grace.id);
    const second = await accountOrder(grace.id);
    // The phone also follows the first order from its tracking page: still one push for it.
    await followOrder(db, first.id, { user: { id: grace.id, email: grace.email!, name: grace.name, role: "CUSTOMER", shops: [] }, token: null }, phone, origins);

    expect(await consume(statusEvent(first, "READY"))).toBe("handled");
    expect(await consume(statusEvent(second, "CANCELLED"))).toBe("handled");
    const to = (d: { endpoint: string }) => push.messages.filter((m) => d.endpoint.endsWith(`/push/${m.subscription}`)).map((m) => JSON.parse(m.payload).title);
    expect(to(phone)).toEqual(["Your order is ready", "Your order was cancelled"]);
    expect(to(laptop)).toEqual(["Your order is ready", "Your order was cancelled"]);
    expect(to(stranger)).toEqual([]);
    const devices = await db.accountPushDevice.findMany({ where: { userId: grace.id } });
    expect(devices.map((d) => [d.lastSent, d.lastError])).toEqual([
      ["CANCELLED", null],
      ["CANCELLED", null],
    ]);
    // A guest's order reaches no account's device.
    expect(await consume(statusEvent(await newOrder(), "READY"))).toBe("handled");
    expect(push.messages).toHaveLength(4);
  });

  it(`refuses what an order's subscription refuses, caps an account at ${MAX_DEVICES_PER_ACCOUNT} devices, and forgets a device told to stop or gone`, async () => {
    const grace = await newCustomer();
    const keys = push.subscribe().keys;
    await expect(followAccount(db, grace.id, { endpoint: "http://169.254.169.254/latest/meta-data", keys }, origins)).rejects.toMatchObject({ code: "invalid" });
    await expect(followAccount(db, grace.id, { endpoint: `${push.url}/push/abc`, keys: { p256dh: "short", auth: keys.auth } }, origins)).rejects.toMatchObject({ code: "invalid" });
    await expect(followAccount(db, crypto.randomUUID(), push.subscribe(), origins)).rejects.toMatchObject({ code: "unauthenticated" });
    const devices = Array.from({ length: MAX_DEVICES_PER_ACCOUNT + 1 }, () => push.subscribe());
    for (const d of devices.slice(0, MAX_DEVICES_PER_ACCOUNT)) await followAccount(db, grace.id, d, origins);
    await expect(followAccount(db, grace.id, devices.at(-1), origins)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.accountPushDevice.count({ where: { userId: grace.id } })).toBe(MAX_DEVICES_PER_ACCOUNT);
    // Another account cannot remove it; its owner can.
    const other = await newCustomer();
    await expect(unfollowAccount(db, other.id, devices[0]!.endpoint)).resolves.toEqual({ removed: 0 });
    await expect(unfollowAccount(db, grace.id, devices[0]!.endpoint)).resolves.toEqual({ removed: 1 });
    await expect(unfollowAccount(db, grace.id, 42)).rejects.toMatchObject({ code: "invalid" });
    // The push service says one is gone: removed; the others got theirs.
    push.answerNext(410);
    await consume(statusEvent(await accountOrder(grace.id), "READY"));
    expect(await db.accountPushDevice.count({ where: { userId: grace.id } })).toBe(MAX_DEVICES_PER_ACCOUNT - 2);
    expect(push.messages).toHaveLength(MAX_DEVICES_PER_ACCOUNT - 2);
  });

  it("are listed to their account only, with what each was last told, and removed by id from the account's list only", async () => {
    const [grace, other] = [await newCustomer(), await newCustomer()];
    const [phone, laptop] = [push.subscribe(), push.subscribe()];
    await followAccount(db, grace.id, phone, origins);
    await followAccount(db, grace.id, laptop, origins);
    await followAccount(db, other.id, push.subscribe(), origins);
    push.answerNext(413);
    await consume(statusEvent(await accountOrder(grace.id), "READY"));
    const listed = await accountDevices(db, grace.id);
    expect(listed).toHaveLength(2);
    // The page gets the endpoint's hash, never the endpoint (a capability to push to that device).
    expect(JSON.stringify(listed)).not.toContain(phone.endpoint);
    expect(listed.map((d) => d.hash)).toEqual([createHash("sha256").update(phone.endpoint).digest("hex"), createHash("sha256").update(laptop.endpoint).digest("hex")]);
    // The fake push service is an extra origin: named by its host.
    expect(listed[0]!.service).toBe(new URL(push.url).hostname);
    // One was told; the push service refused the other (413), which keeps its reason and no "last told".
    expect(listed.map((d) => [d.lastSentAt !== null, d.lastError !== null]).sort()).toEqual([
      [false, true],
      [true, false],
    ]);

    // Another account's id, a made-up id and a malformed one remove nothing.
    await expect(removeAccountDevice(db, other.id, listed[0]!.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(removeAccountDevice(db, grace.id, crypto.randomUUID())).rejects.toMatchObject({ code: "not_found" });
    await expect(removeAccountDevice(db, grace.id, "1 OR 1=1")).rejects.toMatchObject({ code: "invalid" });
    expect(await db.accountPushDevice.count({ where: { userId: grace.id } })).toBe(2);
    await removeAccountDevice(db, grace.id, listed[0]!.id);
    expect((await accountDevices(db, grace.id)).map((d) => d.id)).toEqual([listed[1]!.id]);
    expect(await accountDevices(db, other.id)).toHaveLength(1);
  });

  it("signing out everywhere and a new password forget every device of the account", async () => {
    const grace = await newCustomer();
    await followAccount(db, grace.id, push.subscribe(), origins);
    await followAccount(db, grace.id, push.subscribe(), origins);
    await signOutEverywhere(db, grace.id);
    expect(await db.accountPushDevice.count({ where: { userId: grace.id } })).toBe(0);
    await followAccount(db, grace.id, push.subscribe(), origins);
    await changePassword(db, grace.id, { currentPassword: "old-password-1", newPassword: "new-password-22" });
    expect(await db.accountPushDevice.count({ where: { userId: grace.id } })).toBe(0);
    await consume(statusEvent(await accountOrder(grace.id), "READY"));
    expect(push.messages).toHaveLength(0);
  });
});
