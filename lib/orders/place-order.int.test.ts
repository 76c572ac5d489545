import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { beanBalance, earnForOrder } from "@/lib/loyalty/ledger";
import { BEANS_PER_ORDER } from "@/lib/loyalty/rules";
import { applyOrderRewards } from "@/lib/loyalty/order-rewards";
import { seed } from "@/prisma/seed";
import { forgetShopMenus } from "@/lib/catalog/menu-cache";
import { placeOrder } from "./place-order";
import { processPlacedOrder, processPlacedOrders } from "./process-order";
import { cancelOrderByCustomer } from "./cancel-order";

/** Placing, processing and cancelling orders against the real database with the demo menu. */

const db = createDb(env().DATABASE_URL, 8);
const SFO = "sfo-terminal-2"; // open around the clock
const latte = { product: "caffe-latte", quantity: 1, options: { size: ["large"], milk: ["oat"] } };
const croissant = { product: "butter-croissant", quantity: 1 };
const order = (overrides: Record<string, unknown> = {}) => ({ shop: SFO, customerName: "Ada", items: [latte, croissant], ...overrides });

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
});
afterAll(() => db.$disconnect());

async function counts() {
  return { orders: await db.order.count(), items: await db.orderItem.count(), outbox: await db.outboxEvent.count() };
}

async function expectRejected(input: unknown, code: string, message: RegExp) {
  const before = await counts();
  const error = await placeOrder(db, input).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(message);
  expect(await counts()).toEqual(before);
}

describe("placeOrder", () => {
  it("prices on the server and writes order, items, history and the order.placed event together", async () => {
    const { order: placed, created } = await placeOrder(db, order({ notes: "extra hot" }));
    expect(created).toBe(true);
    expect(placed.pickupCode).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);

    const row = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { items: true, history: true } });
    const sfo = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
    expect(row.status).toBe("PLACED");
    expect(row.activePickupCode).toBe(placed.pickupCode);
    expect(row.items).toHaveLength(2);
    expect(row.subtotalCents).toBe(row.items.reduce((sum, i) => sum + i.lineTotalCents, 0));
    expect(row.taxCents).toBe(Math.floor((row.subtotalCents * sfo.taxRateBps + 5000) / 10000));
    const latteItem = row.items.find((i) => i.productName === "Caffè latte");
    expect((latteItem?.options as { option: string }[]).map((o) => o.option).sort()).toEqual(["hot", "large", "oat"]); // temperature: its default
    expect(row.history.map((h) => h.toStatus)).toEqual(["PLACED"]);
    const events = await db.outboxEvent.findMany({ where: { key: placed.id } });
    expect(events.map((e) => e.type)).toEqual(["order.placed"]);
  });

  it("adds a tip on the subtotal before discounts, untaxed, on its own line", async () => {
    const { order: placed } = await placeOrder(db, order({ tip: { percent: 15 } }));
    const row = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { shop: true } });
    expect(row.tipCents).toBe(Math.floor((row.subtotalCents * 15 + 50) / 100));
    expect(row.taxCents).toBe(Math.floor((row.subtotalCents * row.shop.taxRateBps + 5000) / 10000));
    expect(row.totalCents).toBe(row.subtotalCents + row.taxCents + row.tipCents);
    expect(placed.totalCents).toBe(row.totalCents);
    const custom = await placeOrder(db, order({ tip: { cents: 125 } }));
    expect((await db.order.findUniqueOrThrow({ where: { id: custom.order.id } })).tipCents).toBe(125);
    await expectRejected(order({ tip: { percent: 12 } }), "invalid", /tip/);
    await expectRejected(order({ tip: { cents: -5 } }), "invalid", /tip/);
  });

  it("answers the same Idempotency-Key with the same order, even ten requests at once", async () => {
    const before = await db.order.count();
    const key = `test-${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(db, order(), { idempotencyKey: key })));
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.order.count()).toBe(before + 1);
  });

  it("draws a new pickup code when the first one is taken by an open order of the shop", async () => {
    const { order: first } = await placeOrder(db, order());
    // Replays the first order's code once, then continues with fresh randomness.
    const replay = first.pickupCode.split("").map((ch) => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".indexOf(ch));
    const random = (max: number) => (replay.length > 0 ? replay.shift()! : crypto.getRandomValues(new Uint32Array(1))[0]! % max);
    const { order: second } = await placeOrder(db, order(), { random });
    expect(second.pickupCode).not.toBe(first.pickupCode);
    expect(second.id).not.toBe(first.id);
  });

  it("rejects bad input with a sentence and writes nothing", async () => {
    await expectRejected(order({ items: [{ product: "unicorn-frappe", quantity: 1 }] }), "invalid", /has no product "unicorn-frappe"/);
    await expectRejected(order({ items: [{ ...latte, options: { milk: ["oat", "almond"] } }] }), "invalid", /choose at most 1 milk/);
    await expectRejected(order({ items: [{ ...latte, options: { size: ["venti"] } }] }), "invalid", /Size has no option "venti"/);
    await expectRejected(order({ items: [{ ...croissant, options: { milk: ["oat"] } }] }), "invalid", /has no "milk" choice/);
    await expectRejected(order({ items: [{ ...latte, quantity: 0 }] }), "invalid", /quantity must be at least 1/);
    await expectRejected(order({ items: [{ ...latte, quantity: 1000 }] }), "invalid", /at most 20 of one item/);
    await expectRejected(order({ items: [{ ...latte, quantity: "2" }] }), "invalid", /quantity must be a number/);
    await expectRejected({ shop: SFO, items: [latte] }, "invalid", /customerName/);
    await expectRejected(order({ items: [] }), "invalid", /add at least one item/);
    await expectRejected(order({ totalCents: 1 }), "invalid", /Unrecognized key/i);
    await expectRejected(order({ shop: "atlantis" }), "not_found", /There is no shop "atlantis"/);
    await expect(placeOrder(db, order(), { idempotencyKey: "short" })).rejects.toThrow(/Idempotency-Key must be 8 to 128/);
  });

  it("refuses orders while a shop is closed and says when it opens", async () => {
    // 03:00 in New York on a Wednesday: SoHo opens at 06:30.
    await expectRejectedAt(new Date("2026-11-25T08:00:00Z"), /Go Coffee SoHo is closed right now and opens 06:30/);
  });

  async function expectRejectedAt(now: Date, message: RegExp) {
    const before = await counts();
    const error = await placeOrder(db, order({ shop: "new-york-soho" }), { now }).then(() => null, (e: unknown) => e);
    expect((error as DomainError).code).toBe("closed");
    expect((error as DomainError).message).toMatch(message);
    expect(await counts()).toEqual(before);
  }
});

describe("processPlacedOrder", () => {
  it("reserves the recipe's stock once and queues the order with an ETA", async () => {
    const { order: placed } = await placeOrder(db, order());
    const oat = await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" } });
    const sfo = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
    const stockBefore = await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId: sfo.id, ingredientId: oat.id } } });

    const result = await db.$transaction((tx) => processPlacedOrder(tx, placed.id));
    expect(result.outcome).toBe("queued");
    const again = await db.$transaction((tx) => processPlacedOrder(tx, placed.id));
    expect(again).toEqual({ outcome: "skipped", status: "QUEUED" });

    const row = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    expect(row.status).toBe("QUEUED");
    expect(row.etaAt!.getTime()).toBeGreaterThan(Date.now());
    const stockAfter = await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId: sfo.id, ingredientId: oat.id } } });
    expect(stockAfter.reserved - stockBefore.reserved).toBeGreaterThan(200); // a large oat latte: more than a medium's 200 ml
    expect(await db.stockMovement.count({ where: { orderId: placed.id, kind: "RESERVE", ingredientId: oat.id } })).toBe(1);
  });

  it("cancels with a reason the customer sees when stock ran out after placing, reserving nothing", async () => {
    forgetShopMenus();
    const { order: placed } = await placeOrder(db, order());
    const sfo = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
    const oat = await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" } });
    const stock = await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId: sfo.id, ingredientId: oat.id } } });
    await db.stock.update({ where: { shopId_ingredientId: { shopId: sfo.id, ingredientId: oat.id } }, data: { onHand: stock.reserved + 100 } });
    try {
      const result = await db.$transaction((tx) => processPlacedOrder(tx, placed.id));
      expect(result).toEqual({ outcome: "cancelled", reason: "Out of oat milk" });
      const row = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
      expect(row).toMatchObject({ status: "CANCELLED", cancelReason: "Out of oat milk", activePickupCode: null });
      expect(await db.stockMovement.count({ where: { orderId: placed.id } })).toBe(0);
    } finally {
      await db.stock.update({ where: { shopId_ingredientId: { shopId: sfo.id, ingredientId: oat.id } }, data: { onHand: stock.onHand } });
    }
  });
});

describe("processPlacedOrders (a Kafka batch at once)", () => {
  it("gives stock to the earlier orders, cancels the ones it no longer covers, and queues each behind the one before", async () => {
    forgetShopMenus();
    const placed = [];
    for (let i = 0; i < 4; i++) placed.push((await placeOrder(db, order())).order);
    const sfo = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
    const oat = await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" } });
    const key = { shopId_ingredientId: { shopId: sfo.id, ingredientId: oat.id } };
    // How much oat milk one such order takes: process one on its own first.
    const probe = (await placeOrder(db, order())).order;
    await db.$transaction((tx) => processPlacedOrder(tx, probe.id));
    const perLatte = (await db.stockMovement.findFirstOrThrow({ where: { orderId: probe.id, ingredientId: oat.id, kind: "RESERVE" } })).quantity;
    const stock = await db.stock.findUniqueOrThrow({ where: key });
    // Room for two and a half such orders: the third and fourth fall short.
    await db.stock.update({ where: key, data: { onHand: stock.reserved + Math.floor(perLatte * 2.5) } });
    try {
      const ids = placed.map((o) => o.id);
      const outcomes = await db.$transaction((tx) => processPlacedOrders(tx, [...ids, ids[0]!]));
      expect(ids.map((id) => outcomes.get(id)!.outcome)).toEqual(["queued", "queued", "cancelled", "cancelled"]);
      expect(outcomes.get(ids[2]!)).toEqual({ outcome: "cancelled", reason: "Out of oat milk" });
      const [first, second] = ids.map((id) => outcomes.get(id)) as { outcome: "queued"; etaAt: Date }[];
      expect(second!.etaAt.getTime()).toBeGreaterThan(first!.etaAt.getTime());

      const rows = await db.order.findMany({ where: { id: { in: ids } }, include: { history: true } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(ids.map((id) => byId.get(id)!.status)).toEqual(["QUEUED", "QUEUED", "CANCELLED", "CANCELLED"]);
      expect(byId.get(ids[0]!)).toMatchObject({ version: 1, activePickupCode: placed[0]!.pickupCode });
      expect(byId.get(ids[3]!)).toMatchObject({ version: 1, activePickupCode: null, cancelReason: "Out of oat milk" });
      expect(byId.get(ids[0]!)!.etaAt!.getTime()).toBe(first!.etaAt.getTime());
      for (const id of ids) expect(byId.get(id)!.history.map((h) => h.toStatus).sort()).toEqual([byId.get(id)!.status, "PLACED"].sort());
      expect(await db.outboxEvent.count({ where: { key: { in: ids }, type: "order.status_changed" } })).toBe(4);

      const after = await db.stock.findUniqueOrThrow({ where: key });
      const reserves = await db.stockMovement.findMany({ where: { orderId: { in: ids }, ingredientId: oat.id } });
      expect(reserves.map((m) => [m.orderId, m.kind]).sort()).toEqual([[ids[0], "RESERVE"], [ids[1], "RESERVE"]].sort());
      expect(after.reserved - stock.reserved).toBe(reserves.reduce((sum, m) => sum + m.quantity, 0));

      // The same batch again (redelivered): nothing moves.
      const again = await db.$transaction((tx) => processPlacedOrders(tx, ids));
      expect([...again.values()].map((o) => o.outcome)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
      expect((await db.stock.findUniqueOrThrow({ where: key })).reserved).toBe(after.reserved);
    } finally {
      await db.stock.update({ where: key, data: { onHand: stock.onHand } });
    }
  });
});

describe("cancelOrderByCustomer", () => {
  it("cancels a queued order and gives its stock back; refuses once preparation started", async () => {
    const { order: placed } = await placeOrder(db, order());
    await db.$transaction((tx) => processPlacedOrder(tx, placed.id));
    const reservedBefore = await db.stock.aggregate({ _sum: { reserved: true } });
    await cancelOrderByCustomer(db, placed.id, { user: null, token: placed.trackingToken });
    const reservedAfter = await db.stock.aggregate({ _sum: { reserved: true } });
    expect(reservedAfter._sum.reserved!).toBeLessThan(reservedBefore._sum.reserved!);
    expect(await db.stockMovement.count({ where: { orderId: placed.id, kind: "RELEASE" } })).toBeGreaterThan(0);

    const { order: second } = await placeOrder(db, order());
    await db.$transaction((tx) => processPlacedOrder(tx, second.id));
    await db.order.update({ where: { id: second.id }, data: { status: "PREPARING", version: { increment: 1 } } });
    await expect(cancelOrderByCustomer(db, second.id, { user: null, token: second.trackingToken })).rejects.toThrow("This order is already being prepared and can no longer be cancelled; please ask at the counter.");
  });
});

describe("a free drink paid with loyalty beans", () => {
  async function customerWithBeans(beans: number) {
    const user = await db.user.create({ data: { name: "Bean Fan", email: `bean-fan-${crypto.randomUUID()}@test` } });
    for (let i = 0; i < beans / 10; i++) await db.$transaction((tx) => earnForOrder(tx, user.id, crypto.randomUUID()));
    return { id: user.id, email: user.email!, name: user.name, role: "CUSTOMER" as const, shops: [] };
  }

  it("takes the latte off before tax and spends the beans with the order, once per Idempotency-Key", async () => {
    const customer = await customerWithBeans(120);
    const key = `free-drink-${crypto.randomUUID()}`;
    const { order: placed } = await placeOrder(db, order({ freeDrink: true }), { userId: customer.id, idempotencyKey: key });
    const row = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { items: true, shop: true } });
    const latteItem = row.items.find((i) => i.productName === "Caffè latte")!;
    expect(row.discountCents).toBe(latteItem.unitPriceCents);
    expect(row.taxCents).toBe(Math.floor(((row.subtotalCents - row.discountCents) * row.shop.taxRateBps + 5000) / 10000));
    expect(row.totalCents).toBe(row.subtotalCents - row.discountCents + row.taxCents);
    expect(await beanBalance(db, customer.id)).toBe(20);

    const again = await placeOrder(db, order({ freeDrink: true }), { userId: customer.id, idempotencyKey: key });
    expect(again).toEqual({ order: placed, created: false });
    expect(await beanBalance(db, customer.id)).toBe(20);
    expect(await db.loyaltyEntry.count({ where: { orderId: placed.id } })).toBe(1);
  });

  it("refuses without enough beans, for a guest, without a drink, and in crypto when nothing is left to pay, writing nothing", async () => {
    const customer = await customerWithBeans(90);
    const attempts: [Record<string, unknown>, string | null, string, RegExp][] = [
      [order({ freeDrink: true }), customer.id, "conflict", /^You have 90 beans; a free drink takes 100\.$/],
      [order({ freeDrink: true }), null, "unauthenticated", /^Sign in to spend your beans on a free drink\.$/],
      [order({ freeDrink: true, items: [croissant] }), customer.id, "invalid", /^A free drink needs a drink in the order/],
      [order({ freeDrink: true, items: [latte], paymentMethod: "CRYPTO" }), customer.id, "invalid", /nothing to pay in crypto\. Choose pay at pickup\.$/],
    ];
    for (const [input, userId, code, message] of attempts) {
      const before = await counts();
      const error = await placeOrder(db, input, { userId }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await counts()).toEqual(before);
    }
    expect(await beanBalance(db, customer.id)).toBe(90);
  });

  it("the database refuses a discount outside 0 to the subtotal, whoever writes it", async () => {
    const { order: placed } = await placeOrder(db, order());
    for (const discountCents of [-1, 1_000_000]) {
      await expect(db.order.update({ where: { id: placed.id }, data: { discountCents } })).rejects.toThrow(/orders_discount_cents_check/);
    }
  });

  it("gives the beans back when the order is cancelled, and earns beans when a pay-at-pickup order is collected", async () => {
    const customer = await customerWithBeans(100);
    const { order: free } = await placeOrder(db, order({ freeDrink: true }), { userId: customer.id });
    expect(await beanBalance(db, customer.id)).toBe(0);
    await cancelOrderByCustomer(db, free.id, { user: customer, token: null });
    const { order: paid } = await placeOrder(db, order(), { userId: customer.id });
    const rewards = () => db.$transaction((tx) => applyOrderRewards(tx, [{ orderId: free.id, to: "CANCELLED" }, { orderId: paid.id, to: "CLAIMED" }]));
    expect(await rewards()).toEqual({ earned: 1, returned: 1 });
    expect(await rewards()).toEqual({ earned: 0, returned: 0 }); // redelivered: nothing twice
    expect(await beanBalance(db, customer.id)).toBe(100 + BEANS_PER_ORDER);
  });
});
