import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KafkaMessage } from "kafkajs";
import { getShopMenu } from "@/lib/catalog/menu";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { receiveDelivery } from "@/lib/inventory/deliveries";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { createEvent, type OutgoingEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { addSpecialDay, removeSpecialDay } from "@/lib/shops/special-days";
import { seed } from "@/prisma/seed";
import { decideProposal } from "../core/proposals";
import { keyedThrottle } from "../core/throttle";
import { scriptedModel } from "../testing/scripted-model";
import { assessOnItsOwn, INVENTORY_CONSUMER, inventoryDeps, inventoryHandler } from "./handlers";

/**
 * Events in (an order queued, a delivery received), alerts and purchase orders out, through the
 * consumer's own batch path, exactly once however often Kafka delivers.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("inventory-agent-test");
const SHOP = "sfo-terminal-2";
let shopId: string;
let oatId: string;
let manager: { id: string; email: string };
let oatBefore: { onHand: number; reserved: number };
const handler = inventoryHandler(inventoryDeps(null));

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SHOP } })).id;
  oatId = (await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" } })).id;
  const user = await db.user.findFirstOrThrow({ where: { role: "MANAGER" } });
  manager = { id: user.id, email: user.email ?? "manager" };
  oatBefore = await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } }, select: { onHand: true, reserved: true } });
});
// These tests run the shop out of oat milk; the run's other suites share its database and order oat lattes.
afterAll(async () => {
  await db.stock.update({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } }, data: oatBefore });
  await db.$disconnect();
});

function message(e: OutgoingEvent | Envelope): KafkaMessage {
  const envelope: Envelope = { id: e.id, type: e.type, key: e.key, version: e.version, occurredAt: e.occurredAt, payload: e.payload };
  return { value: encodeEnvelope(envelope), key: Buffer.from(e.key), offset: "0", headers: {} } as unknown as KafkaMessage;
}
const deliver = (m: KafkaMessage) => handleMessage({ db, name: INVENTORY_CONSUMER, batch: handler, log }, m, (reason) => Promise.reject(new Error(reason)));
const queued = () => createEvent("order.status_changed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId, from: "PLACED", to: "QUEUED" });
const oatOption = async () => (await getShopMenu(db, SHOP))!.categories.flatMap((c) => c.products).find((p) => p.slug === "caffe-latte")!.optionGroups.flatMap((g) => g.options).find((o) => o.slug === "oat")!;

describe("inventory agent", () => {
  it("acts on the statuses that move stock (scheduled and queued reservations, cancellations, collections) and lets the others pass", async () => {
    const change = (from: "PLACED" | "QUEUED" | "PREPARING" | "READY", to: "SCHEDULED" | "QUEUED" | "PREPARING" | "READY" | "CLAIMED" | "CANCELLED") =>
      message(createEvent("order.status_changed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId, from, to }));
    for (const to of ["SCHEDULED", "QUEUED", "CANCELLED"] as const) expect(await deliver(change("PLACED", to)), to).toBe("handled");
    expect(await deliver(change("READY", "CLAIMED"))).toBe("handled");
    expect(await deliver(change("QUEUED", "PREPARING"))).toBe("ignored");
    expect(await deliver(change("PREPARING", "READY"))).toBe("ignored");
  });

  it("alerts once and proposes one purchase order when oat milk runs out, however often the event comes", async () => {
    // Orders waiting in the queue hold all but 50 ml: not enough for one drink.
    const stock = await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } } });
    await db.stock.update({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } }, data: { reserved: stock.onHand - 50 } });
    expect(await oatOption()).toMatchObject({ available: false, unavailableReason: "Out of oat milk" });

    const event = message(queued());
    expect(await deliver(event)).toBe("handled");
    expect(await deliver(event)).toBe("duplicate");
    expect(await deliver(message(queued()))).toBe("handled"); // a new event, same state: nothing new

    const alerts = await db.agentAlert.findMany({ where: { shopId, subject: `out:${oatId}` } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toMatch(/^Out of oat milk: .*Oat milk \(option\)/);
    expect(alerts[0]!.resolvedAt).toBeNull();
    const pos = await db.agentProposal.findMany({ where: { shopId, subject: `po:${oatId}` } });
    expect(pos).toHaveLength(1);
    expect(pos[0]).toMatchObject({ kind: "purchase_order", status: "PENDING" });
    expect((pos[0]!.payload as { quantity: number; packSize: number }).quantity % 6_000).toBe(0);
    const runs = await db.agentRun.findMany({ where: { shopId, agent: "inventory" } });
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.provider === "rules" && r.outcome === "OK")).toBe(true);
    // The alert and the proposal go out on Kafka through the outbox.
    expect(await db.outboxEvent.count({ where: { type: "agents.alert", key: alerts[0]!.id } })).toBe(1);
  });

  it("an approved order, once received, brings oat milk back and resolves the alert", async () => {
    const po = await db.agentProposal.findFirstOrThrow({ where: { shopId, subject: `po:${oatId}`, status: "PENDING" } });
    await decideProposal(db, manager, shopId, { proposalId: po.id, decision: "APPROVED" });
    await expect(decideProposal(db, manager, shopId, { proposalId: po.id, decision: "REJECTED" })).rejects.toThrow(/already approved/);
    const ordered = (po.payload as { quantity: number }).quantity;

    const result = await receiveDelivery(db, manager, shopId, { proposalId: po.id, lines: [{ ingredientId: oatId, quantity: ordered - 6_000 }] });
    expect(result.differences).toEqual([{ ingredientId: oatId, expected: ordered, counted: ordered - 6_000 }]);
    await expect(receiveDelivery(db, manager, shopId, { proposalId: po.id, lines: [{ ingredientId: oatId, quantity: 1 }] })).rejects.toThrow(/already received/);
    expect(await oatOption()).toMatchObject({ available: true });

    const received = await db.outboxEvent.findFirstOrThrow({ where: { type: "inventory.delivery_received", key: shopId }, orderBy: { seq: "desc" } });
    expect(await deliver(message({ ...received, occurredAt: received.occurredAt.toISOString() } as Envelope))).toBe("handled");
    const alert = await db.agentAlert.findFirstOrThrow({ where: { shopId, subject: `out:${oatId}` } });
    expect(alert.resolvedAt).not.toBeNull();
    const movement = await db.stockMovement.findFirstOrThrow({ where: { shopId, ingredientId: oatId, kind: "RESTOCK" }, orderBy: { createdAt: "desc" } });
    expect(movement.note).toMatch(/ordered \d+, counted \d+/);
  });

  it("a new shop (no stock at all) gets one alert, and a delivery without an order fills it", async () => {
    const shop = await db.shop.create({ data: { slug: `agents-new-${Date.now()}`, name: "New", addressLine: "1 Main St", city: "Town", postalCode: "1", country: "US", timezone: "UTC" } });
    const ingredients = await db.ingredient.findMany();
    await db.stock.createMany({ data: ingredients.map((i) => ({ shopId: shop.id, ingredientId: i.id, onHand: 0 })) });
    await db.shopProduct.createMany({ data: (await db.product.findMany({ select: { id: true } })).map((p) => ({ shopId: shop.id, productId: p.id })) });
    const { assessShop } = await import("./agent");
    await db.$transaction((tx) => assessShop(tx, inventoryDeps(null), shop.id, null));
    const alerts = await db.agentAlert.findMany({ where: { shopId: shop.id, resolvedAt: null } });
    expect(alerts.map((a) => a.subject)).toEqual(["out:many"]);
    expect(alerts[0]!.message).toMatch(/^Out of \d+ ingredients/);
    await receiveDelivery(db, manager, shop.id, { proposalId: null, lines: [{ ingredientId: oatId, quantity: 6_000 }] });
    expect((await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId: shop.id, ingredientId: oatId } } })).onHand).toBe(6_000);
  });

  it("refuses bad delivery input and changes nothing", async () => {
    const before = await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } } });
    await expect(receiveDelivery(db, manager, shopId, { lines: [{ ingredientId: oatId, quantity: -5 }] })).rejects.toThrow(/quantity/);
    await expect(receiveDelivery(db, manager, shopId, { lines: [] })).rejects.toThrow();
    await expect(receiveDelivery(db, manager, shopId, { lines: [{ ingredientId: crypto.randomUUID(), quantity: 5 }] })).rejects.toThrow(/does not stock/);
    expect((await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } } })).onHand).toBe(before.onHand);
  });

  it("with a model, shops are deferred out of the consumer's transaction and assessed on their own; a hallucinating model falls back to the rules", async () => {
    const stock = await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } } });
    await db.stock.update({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } }, data: { reserved: stock.onHand - 10 } });
    const bad = { text: JSON.stringify({ orders: [{ ingredient: "unicorn-milk", quantity: 6_000, reason: "x" }] }) };
    const deps = inventoryDeps(scriptedModel([bad, bad]).model);
    const deferred: string[] = [];
    const outcome = await handleMessage({ db, name: `${INVENTORY_CONSUMER}-model`, batch: inventoryHandler(deps, (id) => deferred.push(id)), log }, message(queued()), (reason) => Promise.reject(new Error(reason)));
    expect(outcome).toBe("handled");
    expect(deferred).toEqual([shopId]);
    expect(await db.agentProposal.count({ where: { shopId, subject: `po:${oatId}`, status: "PENDING" } })).toBe(0);

    const { runId, proposed } = await assessOnItsOwn(db, deps, shopId, null);
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run).toMatchObject({ provider: "scripted", model: "scripted-v1", outcome: "FALLBACK" });
    expect(run.error).toMatch(/unknown ingredient "unicorn-milk"/);
    expect(proposed.map((l) => l.slug)).toContain("oat-milk");
  });

  it("under a rush, an order event for a shop looked at moments ago costs no transaction: it is handed to the one trailing look", async () => {
    const name = `${INVENTORY_CONSUMER}-throttled`;
    const trailing: [string, string][] = [];
    // The throttle's clock stands still: the shop stays inside its interval however slow the machine.
    const throttle = keyedThrottle<string>(1_000, (id, eventId) => trailing.push([id, eventId]), () => 0);
    const throttled = inventoryHandler(inventoryDeps(null), undefined, throttle);
    const send = (e: OutgoingEvent) => handleMessage({ db, name, batch: throttled, log }, message(e), (reason) => Promise.reject(new Error(reason)));
    const first = queued();
    expect(await send(first)).toBe("handled"); // the shop's first look, in the batch's transaction
    const second = queued();
    const third = queued();
    expect(await send(second)).toBe("ignored");
    expect(await send(third)).toBe("ignored");
    const rows = await db.$queryRaw<{ event_id: string }[]>`SELECT event_id::text FROM processed_events WHERE consumer = ${name}`;
    expect(rows.map((r) => r.event_id)).toEqual([first.id]);
    // A delivery is no order event: it takes a transaction (rare, and it may drop cached use), and its look joins the trailing one.
    const delivery = createEvent("inventory.delivery_received", crypto.randomUUID(), { shopId, proposalId: null, lines: [{ ingredientId: oatId, quantity: 1 }] });
    expect(await send(delivery)).toBe("handled");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(trailing, "one trailing look, after the newest event").toEqual([[shopId, delivery.id]]);
  });

  it("a change to the shop's calendar reaches the agent at once: the event goes out with the change, and the agent drops the shop's cached use and looks again", async () => {
    const deps = inventoryDeps(null);
    const first = await db.$transaction((tx) => deps.usage(tx, shopId));
    expect(await db.$transaction((tx) => deps.usage(tx, shopId))).toBe(first); // cached (5 minutes)
    const forgotten: string[] = [];
    const calendarHandler = inventoryHandler({ ...deps, forget: (id) => (forgotten.push(id), deps.forget(id)) });
    const viaKafka = (e: { id: string; type: string; key: string; version: number; occurredAt: Date; payload: unknown }) =>
      handleMessage({ db, name: `${INVENTORY_CONSUMER}-calendar`, batch: calendarHandler, log }, message({ ...e, occurredAt: e.occurredAt.toISOString() } as Envelope), (reason) => Promise.reject(new Error(reason)));

    const day = await addSpecialDay(db, manager, shopId, { date: "2030-07-04", name: "Parade", kind: "level", levelPct: 250 }, new Date("2030-06-20T12:00:00Z"));
    await removeSpecialDay(db, manager, shopId, { id: day.id });
    const events = await db.outboxEvent.findMany({ where: { key: shopId, type: "inventory.calendar_changed" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => ({ topic: e.topic, payload: e.payload }))).toEqual([
      { topic: "inventory.events.v1", payload: { shopId, date: "2030-07-04", change: "added" } },
      { topic: "inventory.events.v1", payload: { shopId, date: "2030-07-04", change: "removed" } },
    ]);

    expect(await viaKafka(events[0]!)).toBe("handled");
    expect(forgotten).toEqual([shopId]);
    expect(await db.$transaction((tx) => deps.usage(tx, shopId))).not.toBe(first); // read again from the ledger and calendar
    expect(await viaKafka(events[0]!)).toBe("duplicate");
    expect(forgotten).toEqual([shopId]);
  });
});
