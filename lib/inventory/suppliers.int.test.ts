import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KafkaMessage } from "kafkajs";
import { inventoryDeps, inventoryHandler, INVENTORY_CONSUMER } from "@/lib/agents/inventory/handlers";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { childLogger } from "@/lib/log";
import { createShop } from "@/lib/shops/create-shop";
import { getShopSettings, updateShopSettings } from "@/lib/shops/settings";
import { seed } from "@/prisma/seed";
import { randomBytes } from "node:crypto";
import { decideProposal } from "@/lib/agents/core/proposals";
import { stockOverview } from "@/lib/agents/inventory/overview";
import { createDispatcher } from "@/lib/integrations/dispatcher";
import { emailAdapter } from "@/lib/integrations/email/adapter";
import { slackAdapter } from "@/lib/integrations/slack/adapter";
import { startMailSink, type MailSink } from "@/scripts/mail-sink/sink";
import { saveSupplierSettings, shopSupplierSettings } from "./suppliers";

/**
 * Supplier settings against the real database: a new shop (no stock, no suppliers) gets its first
 * supplier set by its manager; the announcement goes through the inventory agent's own batch path
 * and a purchase order for that ingredient, in whole packs from that supplier, is proposed. Bad
 * input changes nothing.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("suppliers-test");
let manager: { id: string; email: string };
let shopId: string;
let milkId: string;
let sink: MailSink;

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  const user = await db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } });
  manager = { id: user.id, email: user.email! };
  shopId = (await createShop(db, manager, { name: "Go Coffee Supplier Test", slug: `suppliers-${Date.now().toString(36)}`, addressLine: "1 Main St", city: "Oakland", postalCode: "94612", country: "US", timezone: "America/Los_Angeles", taxRateBps: 925 })).id;
  milkId = (await db.ingredient.findUniqueOrThrow({ where: { slug: "whole-milk" } })).id;
  sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
});
// The run's other suites share this database: the shop is closed for good when done.
afterAll(async () => {
  await db.shop.update({ where: { id: shopId }, data: { active: false } });
  await sink?.close();
  await db.$disconnect();
});

/** The outbox events of this shop of one type, oldest first, as the consumer would receive them. */
async function announced(type: string): Promise<KafkaMessage[]> {
  const rows = await db.outboxEvent.findMany({ where: { type, key: shopId }, orderBy: { seq: "asc" } });
  return rows.map((r) => {
    const envelope: Envelope = { id: r.id, type: r.type, key: r.key, version: r.version, occurredAt: r.occurredAt.toISOString(), payload: r.payload };
    return { value: encodeEnvelope(envelope), key: Buffer.from(r.key), offset: "0", headers: {} } as unknown as KafkaMessage;
  });
}

const SETTINGS = { supplierName: "Bay Dairy Co.", leadTimeDays: 2, packSize: 12_000, orderDays: 7, packPriceCents: 3_150, reorderLevel: 8_000 };

describe("supplier settings", () => {
  it("a new shop's first supplier: saved, audited, announced, and the inventory agent proposes its first purchase order from it", async () => {
    expect((await shopSupplierSettings(db, shopId)).rows.find((s) => s.ingredientId === milkId)).toMatchObject({ hasSupplier: false, reorderLevel: 0 });
    await saveSupplierSettings(db, manager, shopId, { ingredientId: milkId, ...SETTINGS });

    expect((await shopSupplierSettings(db, shopId)).rows.find((s) => s.ingredientId === milkId)).toMatchObject({ hasSupplier: true, name: "Whole milk", supplierEmail: null, ...SETTINGS });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { shopId, action: "inventory.supplier.saved" } });
    expect(audit).toMatchObject({ actorId: manager.id, summary: "Supplier set for Whole milk: Bay Dairy Co.", before: null });

    const [event] = await announced("inventory.suppliers_changed");
    expect(event).toBeDefined();
    const deliver = (m: KafkaMessage) => handleMessage({ db, name: INVENTORY_CONSUMER, batch: inventoryHandler(inventoryDeps(null)), log }, m, (reason) => Promise.reject(new Error(reason)));
    expect(await deliver(event!)).toBe("handled");
    expect(await deliver(event!)).toBe("duplicate");

    const proposals = await db.agentProposal.findMany({ where: { shopId, agent: "inventory", status: "PENDING" } });
    expect(proposals).toHaveLength(1); // the only ingredient with a supplier
    const [po] = proposals;
    expect(po!.subject).toBe(`po:${milkId}`);
    // At least twice the reorder level, in whole packs of 12 l: 16 l → two packs.
    expect(po!.payload).toMatchObject({ ingredientId: milkId, supplier: "Bay Dairy Co.", quantity: 24_000, packSize: 12_000 });
    expect(po!.title).toBe("Order 24 L whole milk (2 × 12 L) from Bay Dairy Co.");
  });

  it("a change is audited with before and after; the agent does not propose the same order twice", async () => {
    await saveSupplierSettings(db, manager, shopId, { ingredientId: milkId, ...SETTINGS, supplierName: "Valley Creamery", packPriceCents: 2_990 });
    const [latest] = await db.auditEntry.findMany({ where: { shopId, action: "inventory.supplier.saved" }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(latest).toMatchObject({ summary: "Supplier settings changed for Whole milk: Valley Creamery", before: { supplierName: "Bay Dairy Co.", packPriceCents: 3_150 }, after: { supplierName: "Valley Creamery", packPriceCents: 2_990 } });
    const events = await announced("inventory.suppliers_changed");
    expect(events).toHaveLength(2);
    await handleMessage({ db, name: INVENTORY_CONSUMER, batch: inventoryHandler(inventoryDeps(null)), log }, events[1]!, (reason) => Promise.reject(new Error(reason)));
    expect(await db.agentProposal.count({ where: { shopId, agent: "inventory", status: "PENDING" } })).toBe(1);
  });

  it("an approved purchase order is mailed to the supplier's address once, through the delivery engine; the Stock screen says so", async () => {
    await saveSupplierSettings(db, manager, shopId, { ingredientId: milkId, ...SETTINGS, supplierName: "Valley Creamery", supplierEmail: " Orders@Valley-Creamery.example ", packPriceCents: 2_990 });
    const po = await db.agentProposal.findFirstOrThrow({ where: { shopId, agent: "inventory", status: "PENDING", subject: `po:${milkId}` } });
    expect((await stockOverview(db, shopId)).expected).toEqual([]);
    await decideProposal(db, manager, shopId, { proposalId: po.id, decision: "APPROVED" });

    const [row] = await db.integrationDelivery.findMany({ where: { idempotencyKey: `purchase_order:${po.id}` } });
    expect(row).toMatchObject({ kind: "purchase_order.email", status: "PENDING" });
    const [expected] = (await stockOverview(db, shopId)).expected;
    expect(expected).toMatchObject({ proposalId: po.id, order: { mailedTo: "orders@valley-creamery.example", status: "PENDING" } });

    const dispatcher = createDispatcher({ db, ring: [{ id: "t", key: randomBytes(32) }], slack: slackAdapter("http://127.0.0.1:9/api/"), email: emailAdapter(`smtp://127.0.0.1:${sink.smtpPort}`, "Go Coffee <test@gocoffee.local>"), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
    expect(await dispatcher.deliverOne(row!.id)).toBe("delivered");
    const mails = sink.messages.filter((m) => m.to.includes("orders@valley-creamery.example"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Purchase order ${po.id.slice(0, 8).toUpperCase()} from Go Coffee Supplier Test: 24 L whole milk`);
    expect(mails[0]!.text).toContain("Hello Valley Creamery,");
    expect(mails[0]!.text).toContain("  24 L whole milk (2 × 12 L)");
    expect((await stockOverview(db, shopId)).expected[0]!.order).toMatchObject({ status: "DELIVERED" });
  });

  it("without an address nothing is mailed (ordered by phone), and a rejected order is never mailed", async () => {
    const syrup = await db.ingredient.findUniqueOrThrow({ where: { slug: "vanilla-syrup" } });
    await saveSupplierSettings(db, manager, shopId, { ingredientId: syrup.id, ...SETTINGS, supplierName: "Syrup House", packSize: 1_000, reorderLevel: 500 });
    const event = (await announced("inventory.suppliers_changed")).at(-1)!;
    await handleMessage({ db, name: INVENTORY_CONSUMER, batch: inventoryHandler(inventoryDeps(null)), log }, event, (reason) => Promise.reject(new Error(reason)));
    const po = await db.agentProposal.findFirstOrThrow({ where: { shopId, status: "PENDING", subject: `po:${syrup.id}` } });
    await decideProposal(db, manager, shopId, { proposalId: po.id, decision: "APPROVED" });
    expect(await db.integrationDelivery.count({ where: { idempotencyKey: `purchase_order:${po.id}` } })).toBe(0);
    expect((await stockOverview(db, shopId)).expected.find((e) => e.proposalId === po.id)).toMatchObject({ order: null });

    const filter = await db.ingredient.findUniqueOrThrow({ where: { slug: "filter-beans" } });
    await saveSupplierSettings(db, manager, shopId, { ingredientId: filter.id, ...SETTINGS, supplierName: "Roastery", supplierEmail: "beans@roastery.example", packSize: 1_000, reorderLevel: 500 });
    await handleMessage({ db, name: INVENTORY_CONSUMER, batch: inventoryHandler(inventoryDeps(null)), log }, (await announced("inventory.suppliers_changed")).at(-1)!, (reason) => Promise.reject(new Error(reason)));
    const rejected = await db.agentProposal.findFirstOrThrow({ where: { shopId, status: "PENDING", subject: `po:${filter.id}` } });
    await decideProposal(db, manager, shopId, { proposalId: rejected.id, decision: "REJECTED" });
    expect(await db.integrationDelivery.count({ where: { idempotencyKey: `purchase_order:${rejected.id}` } })).toBe(0);
  });

  it("refuses bad settings and ingredients the shop does not stock; nothing changes", async () => {
    const before = await db.shopSupplier.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: milkId } } });
    const audits = await db.auditEntry.count({ where: { shopId } });
    const events = (await announced("inventory.suppliers_changed")).length;
    for (const bad of [
      { ...SETTINGS, packSize: 0 },
      { ...SETTINGS, packSize: 1.5 },
      { ...SETTINGS, leadTimeDays: -1 },
      { ...SETTINGS, packPriceCents: 12.5 },
      { ...SETTINGS, supplierName: "  " },
      { ...SETTINGS, reorderLevel: 2_000_000 },
      { ...SETTINGS, supplierEmail: "orders-at-dairy" },
      { ...SETTINGS, supplierEmail: "" },
    ]) {
      await expect(saveSupplierSettings(db, manager, shopId, { ingredientId: milkId, ...bad })).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(saveSupplierSettings(db, manager, shopId, { ingredientId: crypto.randomUUID(), ...SETTINGS })).rejects.toThrow("This shop does not stock that ingredient.");
    expect(await db.shopSupplier.findUniqueOrThrow({ where: { shopId_ingredientId: { shopId, ingredientId: milkId } } })).toEqual(before);
    expect(await db.auditEntry.count({ where: { shopId } })).toBe(audits);
    expect(await announced("inventory.suppliers_changed")).toHaveLength(events);
  });

  it("the target margin for new drinks is a shop setting: saved and audited, out-of-range refused", async () => {
    const before = await getShopSettings(db, shopId);
    expect(before.targetMarginBps).toBe(7000);
    expect((await updateShopSettings(db, manager, shopId, { ...before, targetMarginBps: 6500 })).targetMarginBps).toBe(6500);
    expect((await db.auditEntry.findFirstOrThrow({ where: { shopId, action: "shop.settings.updated" }, orderBy: { createdAt: "desc" } })).summary).toBe("Settings changed: target margin for new drinks");
    await expect(updateShopSettings(db, manager, shopId, { ...before, targetMarginBps: 9600 })).rejects.toMatchObject({ code: "invalid" });
    expect((await getShopSettings(db, shopId)).targetMarginBps).toBe(6500);
  });
});
