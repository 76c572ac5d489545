import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { decideProposal } from "../core/proposals";
import { scriptedModel } from "../testing/scripted-model";
import { INVENTOR_CONSUMER, inventorHandler, NEW_DRINK_KIND, requestNewDrink, requestWeeklyDrinks } from "./agent";
import { newDrinkPayload } from "./compose";
import { marginBpsOf } from "./costing";

/**
 * The inventor against the real database, in a shop of its own (cloned from SFO: menu, suppliers
 * with their pack prices, plenty of stock) with a 65 % margin: the manager's request is an outbox
 * row; that event, delivered through the consumer helper, becomes one new-drink proposal (costed
 * from the pack prices, priced at the margin, a run recorded "rules"), and a redelivery changes
 * nothing. A second request while it waits is refused; once decided, the next drink has another
 * name and never uses what the shop has run out of.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("inventor-test");
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let shopId: string;
let manager: { id: string; email: string };
const DECEMBER = () => new Date("2026-12-03T16:00:00Z");

const messageOf = async (eventId: string): Promise<KafkaMessage> => {
  const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: eventId } });
  return { value: encodeEnvelope({ id: row.id, type: row.type, key: row.key, version: row.version, occurredAt: row.occurredAt.toISOString(), payload: row.payload }), key: Buffer.from(row.key), offset: "0", headers: {} } as unknown as KafkaMessage;
};
const handler = inventorHandler({ model: null, now: DECEMBER });
const deliver = (m: KafkaMessage, batch = handler, name = INVENTOR_CONSUMER) => handleMessage({ db, name, batch, log }, m, (reason) => Promise.reject(new Error(reason)));
const requestEvent = async () => (await db.outboxEvent.findFirstOrThrow({ where: { type: "agents.inventor_requested", key: shopId }, orderBy: { seq: "desc" } })).id;
const proposals = () => db.agentProposal.findMany({ where: { shopId, kind: NEW_DRINK_KIND }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  const sfo = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
  const shop = await db.shop.create({ data: { slug: `inventor-${stamp}`, name: `Inventor ${stamp}`, addressLine: "1 Test St", city: "Oakland", region: `INV-${stamp}`, postalCode: "94607", country: "US", timezone: "America/Los_Angeles", targetMarginBps: 6_500 } });
  shopId = shop.id;
  await db.shopProduct.createMany({ data: (await db.shopProduct.findMany({ where: { shopId: sfo.id } })).map((p) => ({ shopId, productId: p.productId })) });
  await db.shopSupplier.createMany({ data: (await db.shopSupplier.findMany({ where: { shopId: sfo.id } })).map((s) => ({ ...s, shopId })) });
  await db.stock.createMany({ data: (await db.ingredient.findMany()).map((i) => ({ shopId, ingredientId: i.id, onHand: 20_000 })) });
  const user = await db.user.create({ data: { email: `inventor-manager-${stamp}@example.test`, name: "Inventor manager", role: "MANAGER", emailVerifiedAt: new Date() } });
  await db.shopMember.create({ data: { shopId, userId: user.id, role: "MANAGER" } });
  manager = { id: user.id, email: user.email! };
}, 60_000);

afterAll(async () => {
  await db.agentProposal.deleteMany({ where: { shopId } });
  await db.agentRun.deleteMany({ where: { shopId } });
  await db.outboxEvent.deleteMany({ where: { key: shopId } });
  await db.auditEntry.deleteMany({ where: { shopId } });
  await db.shop.delete({ where: { id: shopId } });
  await db.user.delete({ where: { id: manager.id } });
  await db.$disconnect();
});

describe("beverage inventor", () => {
  it("turns a manager's request into one costed new-drink proposal at the shop's margin, once however often delivered", async () => {
    const { requestId } = await requestNewDrink(db, manager, shopId, DECEMBER());
    const eventId = await requestEvent();
    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(row.topic).toBe("agents.inventor.tasks.v1");
    expect(row.payload).toMatchObject({ requestId, shopId, reason: "manager", requestedBy: manager.id });
    expect(await db.auditEntry.count({ where: { shopId, action: "agents.inventor.requested" } })).toBe(1);

    const message = await messageOf(eventId);
    expect(await deliver(message)).toBe("handled");
    expect(await deliver(message)).toBe("duplicate");
    const [p, ...more] = await proposals();
    expect(more).toEqual([]);
    expect(p!.status).toBe("PENDING");
    const drink = newDrinkPayload.parse(p!.payload);
    expect(drink.name).toBe("Winter Hazelnut Mocha");
    expect(p!.title).toBe(`New drink: Winter Hazelnut Mocha at $${(drink.priceCents / 100).toFixed(2)}`);
    // From the seeded pack prices: 18 g beans 32.4¢ + 25 ml chocolate 38.33¢ + 15 ml hazelnut 19.8¢ + 200 ml milk 28¢ + cup 8.4¢ → 127¢; ÷ 0.35 = 362.9 → 365.
    expect(drink.lines.map((l) => [l.slug, l.quantity, l.unit])).toEqual([
      ["espresso-beans", 18, "GRAM"],
      ["chocolate-sauce", 25, "MILLILITER"],
      ["hazelnut-syrup", 15, "MILLILITER"],
      ["whole-milk", 200, "MILLILITER"],
      ["cup-12oz", 1, "PIECE"],
    ]);
    expect([drink.costCents, drink.priceCents, drink.marginBps]).toEqual([127, 365, 6_500]);
    expect(marginBpsOf(drink.costCents, drink.priceCents)).toBeGreaterThanOrEqual(6_500);
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: p!.runId! } });
    expect(run).toMatchObject({ agent: "inventor", provider: "rules", outcome: "OK", triggerEventId: eventId });
    expect(run.inputsSummary).toMatch(/^manager request; winter; \d+ drink ingredients stocked with a price/);
    // The proposal was announced through the outbox for those who decide elsewhere (Slack).
    expect(await db.outboxEvent.count({ where: { type: "agents.proposal_created", key: p!.id } })).toBe(1);
  });

  it("refuses a second request while a new drink waits, and a second event proposes nothing (the run says why)", async () => {
    await expect(requestNewDrink(db, manager, shopId, DECEMBER())).rejects.toThrow(/A new drink is already waiting for your decision: New drink: Winter Hazelnut Mocha/);
    const again = createEvent("agents.inventor_requested", shopId, { requestId: crypto.randomUUID(), shopId, reason: "weekly", requestedBy: null }, DECEMBER());
    const message = { value: encodeEnvelope({ id: again.id, type: again.type, key: again.key, version: again.version, occurredAt: again.occurredAt, payload: again.payload }), key: Buffer.from(again.key), offset: "0", headers: {} } as unknown as KafkaMessage;
    expect(await deliver(message)).toBe("handled");
    expect(await proposals()).toHaveLength(1);
    const run = await db.agentRun.findFirstOrThrow({ where: { shopId, triggerEventId: again.id } });
    expect(run.output).toEqual({ skipped: "A new drink is already waiting for a decision: New drink: Winter Hazelnut Mocha at $3.65" });
  });

  it("after a decision, proposes another name, without what the shop has run out of; a model's drink is checked and priced by code", async () => {
    const [first] = await proposals();
    await decideProposal(db, manager, shopId, { proposalId: first!.id, decision: "REJECTED" }, DECEMBER());
    const wholeMilk = await db.ingredient.findUniqueOrThrow({ where: { slug: "whole-milk" } });
    await db.stock.update({ where: { shopId_ingredientId: { shopId, ingredientId: wholeMilk.id } }, data: { onHand: 0 } });

    // A model that names an ingredient the catalog does not have, twice: refused, then the rules.
    const { model } = scriptedModel(Array(2).fill({ text: JSON.stringify({ name: "Pumpkin Cloud", description: "Pumpkin spice syrup over steamed oat milk.", lines: [{ ingredientId: "pumpkin-spice-syrup", quantity: 20 }, { ingredientId: wholeMilk.id, quantity: 200 }] }) }));
    await requestNewDrink(db, manager, shopId, DECEMBER());
    expect(await deliver(await messageOf(await requestEvent()), inventorHandler({ model, now: DECEMBER }))).toBe("handled");
    const second = (await proposals())[1]!;
    const drink = newDrinkPayload.parse(second.payload);
    // The rejected name is not proposed again; the mocha is made with oat milk now.
    expect(drink.name).toBe("Fireside Hazelnut Mocha");
    expect(drink.lines.map((l) => l.slug)).toContain("oat-milk");
    expect(drink.lines.map((l) => l.slug)).not.toContain("whole-milk");
    expect(marginBpsOf(drink.costCents, drink.priceCents)).toBeGreaterThanOrEqual(6_500);
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: second.runId! } });
    expect(run).toMatchObject({ provider: "scripted", outcome: "FALLBACK" });
    expect(run.error).toMatch(/pumpkin-spice-syrup does not exist in the catalog/);
    expect(run.error).toMatch(/Whole milk is not stocked at this shop/);
    expect((second.payload as { provider: string }).provider).toBe("rules");
  });

  it("asks once a week: on Monday from 06:00 local time, once", async () => {
    await db.agentProposal.updateMany({ where: { shopId, status: "PENDING" }, data: { status: "REJECTED", decidedAt: new Date("2026-12-07T10:00:00Z") } });
    const weekly = () => db.outboxEvent.count({ where: { type: "agents.inventor_requested", key: shopId, payload: { path: ["reason"], equals: "weekly" } } });
    const before = await weekly();
    // Monday 05:00 in Oakland: not yet.
    await requestWeeklyDrinks(db, new Date("2026-12-07T13:00:00Z"), [shopId]);
    expect(await weekly()).toBe(before);
    await requestWeeklyDrinks(db, new Date("2026-12-07T15:00:00Z"), [shopId]);
    expect(await weekly()).toBe(before + 1);
    // Later that Monday (the worker has not answered yet): no second one.
    await requestWeeklyDrinks(db, new Date("2026-12-08T03:00:00Z"), [shopId]);
    expect(await weekly()).toBe(before + 1);
  });
});
