import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KafkaMessage } from "kafkajs";
import { getShopMenu } from "@/lib/catalog/menu";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { receiveTransfer, shopTransfers, type TransferPayload } from "@/lib/inventory/transfers";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { createEvent, type OutgoingEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { decideProposal } from "../core/proposals";
import { INVENTORY_CONSUMER, inventoryDeps, inventoryHandler } from "../inventory/handlers";
import { COORDINATOR_CONSUMER, coordinatorDeps, coordinatorHandler } from "./handlers";

/**
 * The coordinator through the consumer's own batch path, against the real database: two shops of
 * their own in a region of their own (so the seeded shops and other suites are never involved):
 * North is out of oat milk, South has plenty. Events in → one transfer however often delivered,
 * the waiting purchase order withdrawn; approval in the sender's shop → TRANSFER_OUT, in transit;
 * the receiver counts it in → TRANSFER_IN with the difference, oat milk back on North's menu.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("coordinator-agent-test");
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let north: { id: string; slug: string };
let south: { id: string; slug: string };
let oatId: string;
let managerNorth: { id: string; email: string };
let managerSouth: { id: string; email: string };

const coordinator = coordinatorHandler(coordinatorDeps(null));
const inventory = inventoryHandler(inventoryDeps(null));

/** A shop cloned from SFO's menu, suppliers and hours, every ingredient plentiful but oat milk, with a manager of its own. */
async function shop(name: string, oatOnHand: number) {
  const sfo = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
  const created = await db.shop.create({ data: { slug: `coord-${name.toLowerCase()}-${stamp}`, name: `Go Coffee ${name} ${stamp}`, addressLine: "1 Bridgeway", city: "Sausalito", region: `T-${stamp}`, postalCode: "94965", country: "US", timezone: "America/Los_Angeles" } });
  await db.shopHours.createMany({ data: (await db.shopHours.findMany({ where: { shopId: sfo.id } })).map((h) => ({ shopId: created.id, weekday: h.weekday, opensMinute: h.opensMinute, closesMinute: h.closesMinute })) });
  await db.shopProduct.createMany({ data: (await db.shopProduct.findMany({ where: { shopId: sfo.id } })).map((p) => ({ shopId: created.id, productId: p.productId })) });
  await db.shopSupplier.createMany({ data: (await db.shopSupplier.findMany({ where: { shopId: sfo.id } })).map((s) => ({ shopId: created.id, ingredientId: s.ingredientId, supplierName: s.supplierName, leadTimeDays: s.leadTimeDays, packSize: s.packSize, orderDays: s.orderDays })) });
  await db.stock.createMany({ data: (await db.ingredient.findMany()).map((i) => ({ shopId: created.id, ingredientId: i.id, onHand: i.id === oatId ? oatOnHand : 50_000, reorderLevel: i.id === oatId ? 6_000 : 0 })) });
  const user = await db.user.create({ data: { email: `coord-${name.toLowerCase()}-${stamp}@example.test`, name: `${name} manager`, role: "MANAGER", emailVerifiedAt: new Date() } });
  await db.shopMember.create({ data: { shopId: created.id, userId: user.id, role: "MANAGER" } });
  return { shop: { id: created.id, slug: created.slug }, manager: { id: user.id, email: user.email! } };
}

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  oatId = (await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" } })).id;
  ({ shop: north, manager: managerNorth } = await shop("North", 0));
  ({ shop: south, manager: managerSouth } = await shop("South", 60_000));
});
// Other suites' sweeps look at active shops only.
afterAll(async () => {
  await db.shop.updateMany({ where: { id: { in: [north.id, south.id] } }, data: { active: false } });
  await db.$disconnect();
});

function message(e: OutgoingEvent | Envelope): KafkaMessage {
  const envelope: Envelope = { id: e.id, type: e.type, key: e.key, version: e.version, occurredAt: e.occurredAt, payload: e.payload };
  return { value: encodeEnvelope(envelope), key: Buffer.from(e.key), offset: "0", headers: {} } as unknown as KafkaMessage;
}
const to = (name: string, batch: typeof coordinator) => (m: KafkaMessage) => handleMessage({ db, name, batch, log }, m, (reason) => Promise.reject(new Error(reason)));
const toCoordinator = to(COORDINATOR_CONSUMER, coordinator);
const toInventory = to(INVENTORY_CONSUMER, inventory);
const queued = (shopId: string) => createEvent("order.status_changed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId, from: "PLACED", to: "QUEUED" });
/** The newest transfer event the outbox holds for North, as Kafka would deliver it. */
const lastTransferEvent = async () => {
  const row = await db.outboxEvent.findFirstOrThrow({ where: { type: "inventory.transfer_changed", key: north.id }, orderBy: { seq: "desc" } });
  return message({ ...row, occurredAt: row.occurredAt.toISOString() } as Envelope);
};
const transfers = () => db.agentProposal.findMany({ where: { kind: "transfer", toShopId: north.id }, orderBy: { createdAt: "asc" } });
const oatAt = async (shopId: string) => (await db.stock.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: oatId } } })).onHand;
const oatOption = async (slug: string) => (await getShopMenu(db, slug))!.categories.flatMap((c) => c.products).find((p) => p.slug === "caffe-latte")!.optionGroups.flatMap((g) => g.options).find((o) => o.slug === "oat")!;

describe("inter-location coordinator", () => {
  it("proposes one transfer in the sender's shop however often the event comes, and withdraws the purchase order it replaces", async () => {
    expect(await oatOption(north.slug)).toMatchObject({ available: false, unavailableReason: "Out of oat milk" });
    const event = message(queued(north.id));
    // The inventory agent hears it first: a purchase order waits for North's manager.
    expect(await toInventory(event)).toBe("handled");
    const po = await db.agentProposal.findFirstOrThrow({ where: { shopId: north.id, subject: `po:${oatId}` } });
    expect(po.status).toBe("PENDING");

    expect(await toCoordinator(event)).toBe("handled");
    expect(await toCoordinator(event)).toBe("duplicate");
    expect(await toCoordinator(message(queued(north.id)))).toBe("handled"); // a new event, the same state: nothing new

    const [transfer, ...more] = await transfers();
    expect(more).toHaveLength(0);
    expect(transfer).toMatchObject({ agent: "coordinator", kind: "transfer", shopId: south.id, toShopId: north.id, status: "PENDING", subject: `transfer:${oatId}:${north.id}` });
    const payload = transfer!.payload as TransferPayload;
    // North: no use yet, reorder level 6 L → one 6 L pack. South keeps its reorder level (6 L) of 60 L.
    expect(payload).toMatchObject({ quantity: 6_000, packSize: 6_000, senderKeeps: 6_000, transitDays: 0, provider: "rules", explainedBy: "rules" });
    expect(transfer!.title).toBe(`Transfer 6 L oat milk (1 × 6 L) from Go Coffee South ${stamp} to Go Coffee North ${stamp}`);
    expect((await db.agentProposal.findUniqueOrThrow({ where: { id: po.id } })).status).toBe("WITHDRAWN");
    const runs = await db.agentRun.findMany({ where: { shopId: north.id, agent: "coordinator" } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ provider: "rules", outcome: "OK", promptVersion: "coordinator-transfer-v1" });

    // The inventory agent hears of the transfer: it covers North's shortage, so no purchase order again.
    expect(await toInventory(await lastTransferEvent())).toBe("handled");
    expect(await db.agentProposal.count({ where: { shopId: north.id, subject: `po:${oatId}`, status: "PENDING" } })).toBe(0);
    expect(await db.outboxEvent.count({ where: { type: "agents.proposal_decided", key: po.id } })).toBe(1);
  });

  it("only the sending shop decides; approved, the stock leaves the sender and is in transit on both Stock screens", async () => {
    const [transfer] = await transfers();
    const approve = { proposalId: transfer!.id, decision: "APPROVED" };
    // The receiving shop's manager, in their own shop, does not find it; nor can they count it in before it is sent.
    await expect(decideProposal(db, managerNorth, north.id, approve)).rejects.toThrow(/No such proposal in this shop/);
    await expect(receiveTransfer(db, managerNorth, north.id, { proposalId: transfer!.id, quantity: 6_000 })).rejects.toThrow(/approved can be received/);

    await decideProposal(db, managerSouth, south.id, approve);
    expect(await oatAt(south.id)).toBe(54_000);
    const out = await db.stockMovement.findFirstOrThrow({ where: { shopId: south.id, ingredientId: oatId, kind: "TRANSFER_OUT" } });
    expect(out.quantity).toBe(6_000);
    expect(out.note).toMatch(/^Transfer to Go Coffee North/);
    expect(await db.auditEntry.count({ where: { shopId: south.id, action: { in: ["agents.proposal.approved", "inventory.transfer.sent"] }, actorId: managerSouth.id } })).toBe(2);

    expect((await shopTransfers(db, north.id)).map((t) => [t.direction, t.state, t.quantity])).toEqual([["in", "in transit", 6_000]]);
    expect((await shopTransfers(db, south.id)).map((t) => [t.direction, t.state, t.quantity])).toEqual([["out", "in transit", 6_000]]);
    // In transit still counts as coming: the coordinator proposes nothing more for North.
    expect(await toCoordinator(await lastTransferEvent())).toBe("handled");
    expect(await transfers()).toHaveLength(1);
  });

  it("the receiving manager counts it in: TRANSFER_IN with the difference, oat milk back on the menu", async () => {
    const [transfer] = await transfers();
    await expect(receiveTransfer(db, managerSouth, south.id, { proposalId: transfer!.id, quantity: 6_000 })).rejects.toThrow(/No such transfer to this shop/);
    await expect(receiveTransfer(db, managerNorth, north.id, { proposalId: transfer!.id, quantity: -1 })).rejects.toThrow();
    await expect(receiveTransfer(db, managerNorth, north.id, { proposalId: "not-a-uuid", quantity: 1 })).rejects.toThrow();
    expect(await oatAt(north.id)).toBe(0);

    expect(await receiveTransfer(db, managerNorth, north.id, { proposalId: transfer!.id, quantity: 5_800 })).toEqual({ counted: 5_800, sent: 6_000 });
    await expect(receiveTransfer(db, managerNorth, north.id, { proposalId: transfer!.id, quantity: 5_800 })).rejects.toThrow(/already received/);
    expect(await oatAt(north.id)).toBe(5_800);
    const into = await db.stockMovement.findFirstOrThrow({ where: { shopId: north.id, ingredientId: oatId, kind: "TRANSFER_IN" } });
    expect(into).toMatchObject({ quantity: 5_800, note: expect.stringMatching(/sent 6000, counted 5800/) });
    expect(await db.auditEntry.count({ where: { shopId: north.id, action: "inventory.transfer.received", actorId: managerNorth.id } })).toBe(1);
    expect(await oatOption(north.slug)).toMatchObject({ available: true });
    expect(await shopTransfers(db, north.id)).toEqual([]);
    expect(await shopTransfers(db, south.id)).toEqual([]);

    // The inventory agent hears of the receipt and resolves North's stock-out alert.
    expect(await toInventory(await lastTransferEvent())).toBe("handled");
    expect(await db.agentAlert.count({ where: { shopId: north.id, subject: `out:${oatId}`, resolvedAt: null } })).toBe(0);
  });

  it("an approval that would take the sender below what it keeps is refused and moves nothing; a rejection only announces", async () => {
    await db.stock.update({ where: { shopId_ingredientId: { shopId: north.id, ingredientId: oatId } }, data: { onHand: 0 } });
    expect(await toCoordinator(message(queued(north.id)))).toBe("handled");
    const pending = (await transfers()).filter((t) => t.status === "PENDING");
    expect(pending).toHaveLength(1);
    // South sold most of its oat milk meanwhile: 6 L sent would leave 1 L, below the 6 L it keeps.
    await db.stock.update({ where: { shopId_ingredientId: { shopId: south.id, ingredientId: oatId } }, data: { onHand: 7_000 } });
    await expect(decideProposal(db, managerSouth, south.id, { proposalId: pending[0]!.id, decision: "APPROVED" })).rejects.toThrow(/below the 6000 it must keep/);
    expect(await oatAt(south.id)).toBe(7_000);
    expect((await db.agentProposal.findUniqueOrThrow({ where: { id: pending[0]!.id } })).status).toBe("PENDING");

    await decideProposal(db, managerSouth, south.id, { proposalId: pending[0]!.id, decision: "REJECTED" });
    expect(await oatAt(south.id)).toBe(7_000);
    const rejected = await db.outboxEvent.findFirstOrThrow({ where: { type: "inventory.transfer_changed", key: north.id }, orderBy: { seq: "desc" } });
    expect(rejected.payload).toMatchObject({ status: "REJECTED", proposalId: pending[0]!.id });
    // Rejected, North's shortage is the purchase order's again.
    expect(await toInventory(await lastTransferEvent())).toBe("handled");
    expect(await db.agentProposal.count({ where: { shopId: north.id, subject: `po:${oatId}`, status: "PENDING" } })).toBe(1);
  });

  it("an undecided transfer expires like the other proposals, and the purchase order takes the shortage back", async () => {
    await db.stock.update({ where: { shopId_ingredientId: { shopId: south.id, ingredientId: oatId } }, data: { onHand: 60_000 } });
    expect(await toCoordinator(message(queued(north.id)))).toBe("handled");
    const pending = (await transfers()).find((t) => t.status === "PENDING")!;
    expect(await db.agentProposal.count({ where: { shopId: north.id, subject: `po:${oatId}`, status: "PENDING" } })).toBe(0); // withdrawn again
    await db.agentProposal.update({ where: { id: pending.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    // The inventory agent's look at the sender expires it (as its sweep does every 10 minutes) …
    expect(await toInventory(message(queued(south.id)))).toBe("handled");
    expect((await db.agentProposal.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("EXPIRED");
    await expect(decideProposal(db, managerSouth, south.id, { proposalId: pending.id, decision: "APPROVED" })).rejects.toThrow(/already expired/);
    // … and North's next look orders the whole shortage.
    expect(await toInventory(message(queued(north.id)))).toBe("handled");
    expect(await db.agentProposal.count({ where: { shopId: north.id, subject: `po:${oatId}`, status: "PENDING" } })).toBe(1);
  });
});
