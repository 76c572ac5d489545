import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed";
import { placeOrder } from "../place-order";
import { processPlacedOrders } from "../process-order";
import { cancelOrderByCustomer } from "../cancel-order";
import { pickupOptions, schedulePlan, type ScheduleShop } from "./capacity";
import { releaseDueOrders } from "./release";

/** Orders for later against the real database: slots refused when past, off-grid or full (also under racing placements), released once. */

const db = createDb(env().DATABASE_URL, 16);
const SFO = "sfo-terminal-2"; // open around the clock, America/Los_Angeles
// A fixed moment (10:00 in San Francisco) so the day has slots left whenever the test runs; every
// placement below passes it, as the clock of the request.
const NOW = new Date("2030-01-15T18:00:00Z");
const latte = { product: "caffe-latte", quantity: 1, options: { size: ["large"], milk: ["oat"] } };
const croissant = { product: "butter-croissant", quantity: 1 };
const order = (pickupAt: Date | string | undefined, overrides: Record<string, unknown> = {}) => ({
  shop: SFO,
  customerName: "Ada",
  items: [latte, croissant],
  ...(pickupAt ? { pickupAt: typeof pickupAt === "string" ? pickupAt : pickupAt.toISOString() } : {}),
  ...overrides,
});
let shop: ScheduleShop;

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  await db.$executeRaw`UPDATE stock SET on_hand = 100000000 WHERE shop_id = (SELECT id FROM shops WHERE slug = ${SFO})`;
  const row = await db.shop.findUniqueOrThrow({ where: { slug: SFO }, include: { hours: true } });
  shop = { id: row.id, timezone: row.timezone, basePrepMinutes: row.basePrepMinutes, hours: row.hours };
});
afterAll(() => db.$disconnect());

async function refusal(input: unknown): Promise<DomainError> {
  const before = await db.order.count();
  const error = await placeOrder(db, input, { now: NOW }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect(await db.order.count()).toBe(before);
  return error as DomainError;
}

async function process(ids: string[], now = NOW) {
  return db.$transaction((tx) => processPlacedOrders(tx, ids, now));
}

describe("placing an order for later", () => {
  it("offers today's quarter hours from the typical prep time on, and records the slot and its fire time", async () => {
    const plan = await schedulePlan(db, shop, NOW);
    // No measurements yet: the shop's base prep time (3 min) is typical, twice that nearly always.
    expect(plan.asapMinutes).toBe(shop.basePrepMinutes);
    expect(plan.slots[0]!.toISOString()).toBe("2030-01-15T18:15:00.000Z");
    expect(plan.slots.at(-1)!.toISOString()).toBe("2030-01-16T07:45:00.000Z"); // 23:45 in San Francisco

    const pickupAt = plan.slots[4]!; // 11:15
    const { order: placed } = await placeOrder(db, order(pickupAt), { now: NOW });
    expect(placed.status).toBe("PLACED");
    const row = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    expect(row.pickupAt?.toISOString()).toBe(pickupAt.toISOString());
    expect(row.fireAt?.toISOString()).toBe(new Date(pickupAt.getTime() - 2 * shop.basePrepMinutes * 60_000).toISOString());
    const event = await db.outboxEvent.findFirstOrThrow({ where: { key: placed.id, type: "order.placed" } });
    expect((event.payload as { pickupAt?: string }).pickupAt).toBe(pickupAt.toISOString());
  });

  it("refuses a past, off-grid, too early or out-of-day pickup time with a 422 and writes nothing", async () => {
    expect((await refusal(order("2030-01-15T17:45:00Z"))).message).toMatch(/has passed/);
    expect((await refusal(order("2030-01-15T18:20:00Z"))).message).toMatch(/quarter hour/);
    expect((await refusal(order("2030-01-16T08:00:00Z"))).message).toMatch(/until 23:45 today/);
    const notADate = await refusal(order("tomorrow at eight"));
    expect(notADate.code).toBe("invalid");
    expect(notADate.issues?.[0]?.path).toBe("pickupAt");
  });

  it("fills a slot per station: 12 racing placements get exactly its capacity, the rest a clear 409, and the checkout shows it full", async () => {
    const plan = await schedulePlan(db, shop, NOW);
    const pickupAt = plan.slots[8]!;
    const capacity = plan.capacity.ESPRESSO_BAR;
    expect(capacity).toBe(Math.floor(900 / (shop.basePrepMinutes * 60)));
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => placeOrder(db, order(pickupAt, { customerName: `Racer ${i}`, items: [latte] }), { now: NOW })));
    const placed = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as DomainError] : []));
    expect(placed).toHaveLength(capacity);
    expect(refused).toHaveLength(12 - capacity);
    for (const error of refused) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe("unavailable");
      expect(error.message).toMatch(/pickup time is full/);
    }
    expect(await db.order.count({ where: { pickupAt } })).toBe(capacity);

    const options = await pickupOptions(db, shop, NOW);
    const slot = options.slots.find((s) => s.at === pickupAt.toISOString())!;
    expect(slot.room.ESPRESSO_BAR).toBe(0);
    expect(slot.room.FOOD).toBeGreaterThan(0);
    // A pastry alone still fits; another coffee does not.
    await placeOrder(db, order(pickupAt, { items: [croissant] }), { now: NOW });
    expect((await refusal(order(pickupAt, { items: [latte, croissant] }))).code).toBe("unavailable");

    // A cancelled order gives its place back.
    const first = (placed[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof placeOrder>>>).value.order;
    const owner = await db.order.findUniqueOrThrow({ where: { id: first.id } });
    await cancelOrderByCustomer(db, first.id, { user: null, token: owner.trackingToken });
    await placeOrder(db, order(pickupAt, { items: [latte] }), { now: NOW });
  });

  it("answers a repeated Idempotency-Key with its order even when that order filled the slot", async () => {
    const plan = await schedulePlan(db, shop, NOW);
    const pickupAt = plan.slots[12]!;
    const key = `later-${crypto.randomUUID()}`;
    for (let i = 1; i < plan.capacity.ESPRESSO_BAR; i++) await placeOrder(db, order(pickupAt), { now: NOW });
    const first = await placeOrder(db, order(pickupAt), { now: NOW, idempotencyKey: key });
    const again = await placeOrder(db, order(pickupAt), { now: NOW, idempotencyKey: key });
    expect(again).toEqual({ order: first.order, created: false });
  });
});

describe("scheduling and release", () => {
  it("reserves stock and schedules at processing, then releases to the queue exactly once at the fire time", async () => {
    const plan = await schedulePlan(db, shop, NOW);
    const pickupAt = plan.slots[20]!;
    const { order: placed } = await placeOrder(db, order(pickupAt), { now: NOW });
    const outcome = (await process([placed.id])).get(placed.id);
    expect(outcome).toEqual({ outcome: "scheduled", pickupAt });
    const scheduled = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    expect(scheduled.status).toBe("SCHEDULED");
    expect(scheduled.etaAt?.toISOString()).toBe(pickupAt.toISOString());
    expect(scheduled.queuedAt).toBeNull();
    expect(await db.stockMovement.count({ where: { orderId: placed.id, kind: "RESERVE" } })).toBeGreaterThan(0);

    const fireAt = scheduled.fireAt!;
    const mine = (released: { id: string }[]) => released.filter((o) => o.id === placed.id);
    expect(mine(await releaseDueOrders(db, new Date(fireAt.getTime() - 1000)))).toEqual([]);
    // Five processors polling at the fire time at once: one of them moves it.
    const polls = await Promise.all(Array.from({ length: 5 }, () => releaseDueOrders(db, fireAt)));
    expect(polls.flatMap(mine)).toHaveLength(1);
    expect(mine(await releaseDueOrders(db, new Date(fireAt.getTime() + 60_000)))).toEqual([]);

    const queued = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { history: { orderBy: { createdAt: "asc" } } } });
    expect(queued.status).toBe("QUEUED");
    expect(queued.queuedAt?.toISOString()).toBe(fireAt.toISOString());
    expect(queued.etaAt?.toISOString()).toBe(pickupAt.toISOString());
    expect(queued.history.map((h) => h.toStatus)).toEqual(["PLACED", "SCHEDULED", "QUEUED"]);
    const events = await db.outboxEvent.findMany({ where: { key: placed.id, type: "order.status_changed" } });
    expect(events.map((e) => (e.payload as { to: string }).to).sort()).toEqual(["QUEUED", "SCHEDULED"]);
  });

  it("lets the customer cancel while it waits, releasing its stock, and never releases it", async () => {
    const plan = await schedulePlan(db, shop, NOW);
    const { order: placed } = await placeOrder(db, order(plan.slots[24]!), { now: NOW });
    await process([placed.id]);
    await cancelOrderByCustomer(db, placed.id, { user: null, token: placed.trackingToken });
    const row = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    expect(row.status).toBe("CANCELLED");
    expect(await db.stockMovement.count({ where: { orderId: placed.id, kind: "RELEASE" } })).toBeGreaterThan(0);
    expect((await releaseDueOrders(db, row.fireAt!)).filter((o) => o.id === placed.id)).toEqual([]);
  });

  it("schedules a crypto order for later once it is paid, like any other", async () => {
    const plan = await schedulePlan(db, shop, NOW);
    const { order: placed } = await placeOrder(db, order(plan.slots[28]!, { paymentMethod: "CRYPTO" }), { now: NOW });
    expect(placed.status).toBe("PENDING_PAYMENT");
    // Unpaid: the processor leaves it alone.
    expect((await process([placed.id])).get(placed.id)).toEqual({ outcome: "skipped", status: "PENDING_PAYMENT" });
    await db.$transaction(async (tx) => {
      const { lockOrder, transitionOrder } = await import("../transition");
      await transitionOrder(tx, (await lockOrder(tx, placed.id))!, "PLACED", { actor: "system", actorId: "system:test-payment" });
    });
    expect((await process([placed.id])).get(placed.id)?.outcome).toBe("scheduled");
  });
});
