import type { KafkaMessage, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { receiveDelivery } from "@/lib/inventory/deliveries";
import { receiveTransfer } from "@/lib/inventory/transfers";
import { createKafka, createProducer, ensureTopics, kafkaSettings } from "@/lib/kafka/client";
import { handleMessage, runConsumer, type Outcome } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { createEvent, eventCatalog, isEventType, type OutgoingEvent } from "@/lib/kafka/events";
import { prefixed } from "@/lib/kafka/topics";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { decideProposal } from "../core/proposals";
import { INVENTORY_CONSUMER, inventoryDeps, inventoryHandler } from "../inventory/handlers";
import { TASKS_CONSUMER, tasksHandler } from "./agent";
import { fromLocalMinute } from "@/lib/analytics/time";
import { assignTask, listOwnTasks, listTasks, renameTask, rescheduleTask, setOwnTaskStatus, setTaskStatus, shopStaff } from "./manage";
import { syncOverdueTaskAlertsDue } from "./overdue";
import { TELEGRAM_CHANNEL_ID } from "@/lib/integrations/telegram/channel";

/**
 * The task manager against the real PostgreSQL and Kafka, in shops of its own (cloned from SFO, in
 * a region of their own) and topics of its own (a prefix per run, so nothing other suites
 * published is read). A real stock-out at East: the inventory agent alerts and proposes a
 * purchase order, its manager approves; those events go through Kafka twice each to the task
 * manager's consumer → one task each. The manager assigns and starts; the delivery is counted in
 * → the purchase order's task and the alert's close by themselves. A transfer makes a task in
 * each shop, closed when counted in. Managers of other shops, and people not on the staff, are refused.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("tasks-agent-test");
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const settings = { ...kafkaSettings(), prefix: `${kafkaSettings().prefix}tasks-${stamp}.` };
const kafka = createKafka(settings);
let producer: Producer;
let oatId: string;
let east: { id: string; manager: { id: string; email: string }; barista: { id: string } };
let west: { id: string; manager: { id: string; email: string }; barista: { id: string } };
let stranger: { id: string };

const inventory = inventoryHandler(inventoryDeps(null));

async function person(tag: string) {
  const u = await db.user.create({ data: { email: `tasks-${tag}-${stamp}@example.test`, name: `${tag} ${stamp}`, role: "CUSTOMER", emailVerifiedAt: new Date() } });
  return { id: u.id, email: u.email! };
}

/** A shop cloned from SFO (menu, suppliers, hours), plenty of everything but oat milk, with a manager and a barista. */
async function shop(name: string, oatOnHand: number) {
  const sfo = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
  const created = await db.shop.create({ data: { slug: `tasks-${name.toLowerCase()}-${stamp}`, name: `Go Coffee ${name} ${stamp}`, addressLine: "1 Bridgeway", city: "Sausalito", region: `TK-${stamp}`, postalCode: "94965", country: "US", timezone: "America/Los_Angeles" } });
  await db.shopHours.createMany({ data: (await db.shopHours.findMany({ where: { shopId: sfo.id } })).map((h) => ({ shopId: created.id, weekday: h.weekday, opensMinute: h.opensMinute, closesMinute: h.closesMinute })) });
  await db.shopProduct.createMany({ data: (await db.shopProduct.findMany({ where: { shopId: sfo.id } })).map((p) => ({ shopId: created.id, productId: p.productId })) });
  await db.shopSupplier.createMany({ data: (await db.shopSupplier.findMany({ where: { shopId: sfo.id } })).map((s) => ({ shopId: created.id, ingredientId: s.ingredientId, supplierName: s.supplierName, leadTimeDays: s.leadTimeDays, packSize: s.packSize, orderDays: s.orderDays })) });
  await db.stock.createMany({ data: (await db.ingredient.findMany()).map((i) => ({ shopId: created.id, ingredientId: i.id, onHand: i.id === oatId ? oatOnHand : 50_000, reorderLevel: i.id === oatId ? 6_000 : 0 })) });
  const manager = await person(`${name}-manager`);
  const barista = await person(`${name}-barista`);
  await db.shopMember.createMany({ data: [{ shopId: created.id, userId: manager.id, role: "MANAGER" }, { shopId: created.id, userId: barista.id, role: "BARISTA" }] });
  return { id: created.id, manager, barista };
}

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  oatId = (await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" } })).id;
  east = await shop("East", 0);
  west = await shop("West", 60_000);
  stranger = await person("stranger");
  await ensureTopics(kafka, settings);
  producer = createProducer(kafka);
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await db.shop.updateMany({ where: { id: { in: [east.id, west.id] } }, data: { active: false } });
  await db.$disconnect();
});

function message(e: OutgoingEvent | Envelope): KafkaMessage {
  const envelope: Envelope = { id: e.id, type: e.type, key: e.key, version: e.version, occurredAt: e.occurredAt, payload: e.payload };
  return { value: encodeEnvelope(envelope), key: Buffer.from(e.key), offset: "0", headers: {} } as unknown as KafkaMessage;
}
const toInventory = (m: KafkaMessage) => handleMessage({ db, name: INVENTORY_CONSUMER, batch: inventory, log }, m, (reason) => Promise.reject(new Error(reason)));
const toTasks = (m: KafkaMessage) => handleMessage({ db, name: TASKS_CONSUMER, batch: tasksHandler, log }, m, (reason) => Promise.reject(new Error(reason)));
/** The outbox's events of a type and key, as the relay would publish them. */
async function outbox(type: string, key: string): Promise<Envelope[]> {
  const rows = await db.outboxEvent.findMany({ where: { type, key }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ id: r.id, type: r.type, key: r.key, version: r.version, occurredAt: r.occurredAt.toISOString(), payload: r.payload }));
}
/**
 * A shop's tasks by source kind ("alert" before "purchase_order"): alerts and proposals come on two
 * topics with no order between them, so which task was made first is not the test's to know.
 */
const tasksOf = (shopId: string) => db.agentTask.findMany({ where: { shopId }, orderBy: [{ sourceKind: "asc" }, { createdAt: "asc" }] });

/** Publishes each event twice (a relay that restarted between publish and mark-sent), then runs the task manager's consumer over Kafka until it saw them all. */
async function throughKafka(events: Envelope[]): Promise<Outcome[]> {
  for (const e of events) {
    if (!isEventType(e.type)) throw new Error(e.type);
    const m = { key: e.key, value: encodeEnvelope(e) };
    await producer.send({ topic: prefixed(settings.prefix, eventCatalog[e.type].topic), acks: -1, messages: [m, m] });
  }
  const ids = new Set(events.map((e) => e.id));
  const outcomes: Outcome[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = await runConsumer({
    kafka,
    db,
    name: TASKS_CONSUMER, // the group is named with this run's own prefix; processed events are the worker's
    topics: [eventCatalog["agents.proposal_decided"].topic, eventCatalog["agents.alert"].topic, eventCatalog["inventory.delivery_received"].topic],
    topicPrefix: settings.prefix,
    log,
    batch: tasksHandler,
    onOutcome: (outcome, m) => {
      const id = (JSON.parse(m.value!.toString()) as { id: string }).id;
      if (!ids.has(id)) return;
      outcomes.push(outcome);
      if (outcomes.length === 2 * events.length) done();
    },
  });
  try {
    await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error(`the task manager saw ${outcomes.length} of ${2 * events.length} messages`)), 45_000))]);
  } finally {
    await consumer.stop();
  }
  return outcomes;
}

describe("task manager", () => {
  it("an approved purchase order and an unresolved alert, each delivered twice over Kafka, make one task each, recorded as a rules run", async () => {
    // A real stock-out: any order at East moves its stock; the inventory agent alerts and proposes.
    const queued = createEvent("order.status_changed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId: east.id, from: "PLACED", to: "QUEUED" });
    expect(await toInventory(message(queued))).toBe("handled");
    const po = await db.agentProposal.findFirstOrThrow({ where: { shopId: east.id, subject: `po:${oatId}` } });
    const alert = await db.agentAlert.findFirstOrThrow({ where: { shopId: east.id, subject: `out:${oatId}`, resolvedAt: null } });
    await decideProposal(db, east.manager, east.id, { proposalId: po.id, decision: "APPROVED" });

    const events = [...(await outbox("agents.alert", alert.id)), ...(await outbox("agents.proposal_decided", po.id))];
    expect(events).toHaveLength(2);
    expect(await throughKafka(events)).toEqual(["handled", "duplicate", "handled", "duplicate"]);

    const tasks = await tasksOf(east.id);
    expect(tasks.map((t) => [t.sourceKind, t.sourceId, t.status, t.ownerId])).toEqual([
      ["alert", alert.id, "OPEN", null],
      ["purchase_order", po.id, "OPEN", null],
    ]);
    const [alertTask, poTask] = tasks;
    expect(alertTask!.title).toBe(`Deal with: ${alert.message}`);
    expect(alertTask!.dueAt.getTime() - alert.createdAt.getTime()).toBe(4 * 3_600_000);
    expect(poTask!.title).toMatch(/^Receive the delivery from Plant Milk Wholesale: \d+ L oat milk \(\d+ × 6 L\)$/);
    const decided = await db.agentProposal.findUniqueOrThrow({ where: { id: po.id } });
    const lead = (po.payload as { leadTimeDays: number }).leadTimeDays;
    expect(poTask!.dueAt.getTime() - decided.decidedAt!.getTime()).toBe(Math.max(lead * 24, 8) * 3_600_000);

    const runs = await db.agentRun.findMany({ where: { shopId: east.id, agent: "tasks" } });
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.provider === "rules" && r.model === null && r.outcome === "OK" && r.promptVersion === "tasks-rules-v1")).toBe(true);
    expect(runs.flatMap((r) => (r.output as { created: string[] }).created).sort()).toEqual([alertTask!.title, poTask!.title].sort());
    expect(poTask!.runId).not.toBeNull();

    // The same event again (processed-events), and the same source under a new event id (a replay): no second task.
    expect(await toTasks(message(events[1]!))).toBe("duplicate");
    expect(await toTasks(message(createEvent("agents.proposal_decided", po.id, { proposalId: po.id, agent: "inventory", shopId: east.id, kind: "purchase_order", status: "APPROVED", decidedBy: east.manager.id })))).toBe("handled");
    expect(await toTasks(message(createEvent("agents.alert", alert.id, { alertId: alert.id, agent: "inventory", shopId: east.id, subject: alert.subject, severity: "critical", message: alert.message, resolved: false })))).toBe("handled");
    expect(await tasksOf(east.id)).toHaveLength(2);
  });

  it("the manager assigns to the shop's staff only, moves tasks as the rules allow and reschedules them on the shop's clock; other shops' managers find nothing", async () => {
    const [alertTask, poTask] = await tasksOf(east.id);
    expect((await shopStaff(db, east.id)).map((s) => s.id).sort()).toEqual([east.manager.id, east.barista.id].sort());

    await assignTask(db, east.manager, east.id, { taskId: poTask!.id, ownerId: east.barista.id });
    await setTaskStatus(db, east.manager, east.id, { taskId: poTask!.id, status: "IN_PROGRESS" });
    await assignTask(db, east.manager, east.id, { taskId: alertTask!.id, ownerId: east.manager.id });
    await setTaskStatus(db, east.manager, east.id, { taskId: alertTask!.id, status: "DONE" });

    // Not on East's staff: West's barista, a stranger. West's manager through West: no such task.
    await expect(assignTask(db, east.manager, east.id, { taskId: poTask!.id, ownerId: west.barista.id })).rejects.toThrow("Only this shop's staff can own its tasks");
    await expect(assignTask(db, east.manager, east.id, { taskId: poTask!.id, ownerId: stranger.id })).rejects.toThrow("Only this shop's staff can own its tasks");
    await expect(setTaskStatus(db, west.manager, west.id, { taskId: poTask!.id, status: "DONE" })).rejects.toThrow("No such task in this shop");
    await expect(assignTask(db, west.manager, west.id, { taskId: poTask!.id, ownerId: west.barista.id })).rejects.toThrow("No such task in this shop");
    // Bad input and moves the rules refuse change nothing.
    await expect(setTaskStatus(db, east.manager, east.id, { taskId: poTask!.id, status: "FINISHED" })).rejects.toMatchObject({ code: "invalid" });
    await expect(assignTask(db, east.manager, east.id, { taskId: "not-a-uuid", ownerId: null })).rejects.toMatchObject({ code: "invalid" });
    await expect(setTaskStatus(db, east.manager, east.id, { taskId: alertTask!.id, status: "IN_PROGRESS" })).rejects.toThrow("A task that is done cannot become in progress");
    await expect(assignTask(db, east.manager, east.id, { taskId: alertTask!.id, ownerId: east.barista.id })).rejects.toThrow(/This task is done/);

    // Rescheduled on the shop's wall clock (Sausalito: UTC−8 in December); bad times refused with why, nothing changed.
    const shop = { id: east.id, timezone: "America/Los_Angeles" };
    const due = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(await rescheduleTask(db, east.manager, shop, { taskId: poTask!.id, due: `${due}T16:30` })).toBe("changed");
    expect((await db.agentTask.findUniqueOrThrow({ where: { id: poTask!.id } })).dueAt).toEqual(fromLocalMinute(`${due}T16:30`, shop.timezone));
    expect(await rescheduleTask(db, east.manager, shop, { taskId: poTask!.id, due: `${due}T16:30` })).toBe("unchanged");
    await expect(rescheduleTask(db, east.manager, shop, { taskId: poTask!.id, due: "next tuesday" })).rejects.toThrow("Give a due date and time, such as 2026-12-10 16:30");
    await expect(rescheduleTask(db, east.manager, shop, { taskId: poTask!.id, due: "2031-01-01T09:00" })).rejects.toThrow("A due date must be within a year of today");
    await expect(rescheduleTask(db, east.manager, shop, { taskId: alertTask!.id, due: `${due}T09:00` })).rejects.toThrow(/This task is done: reopen it to change it/);
    await expect(rescheduleTask(db, west.manager, { id: west.id, timezone: shop.timezone }, { taskId: poTask!.id, due: `${due}T09:00` })).rejects.toThrow("No such task in this shop");
    // Renamed: the name's length checked, a done task refused, another shop's task unknown.
    expect(await renameTask(db, east.manager, east.id, { taskId: poTask!.id, title: "  Receive the oat milk at the back door  " })).toBe("changed");
    expect((await db.agentTask.findUniqueOrThrow({ where: { id: poTask!.id } })).title).toBe("Receive the oat milk at the back door");
    await expect(renameTask(db, east.manager, east.id, { taskId: poTask!.id, title: "OK" })).rejects.toThrow("A task's name needs 3-200 characters");
    await expect(renameTask(db, east.manager, east.id, { taskId: alertTask!.id, title: "Something else" })).rejects.toThrow(/This task is done: reopen it to change it/);
    await expect(renameTask(db, west.manager, west.id, { taskId: poTask!.id, title: "Something else" })).rejects.toThrow("No such task in this shop");
    expect(await db.auditEntry.count({ where: { shopId: east.id, action: "tasks.edited" } })).toBe(2);

    const after = await tasksOf(east.id);
    expect(after.map((t) => [t.status, t.ownerId, t.changedBy])).toEqual([
      ["DONE", east.manager.id, east.manager.id],
      ["IN_PROGRESS", east.barista.id, east.manager.id],
    ]);
    expect(await db.auditEntry.count({ where: { shopId: east.id, action: { in: ["tasks.assigned", "tasks.status"] } } })).toBe(4);
    const open = await listTasks(db, east.id, "open");
    expect(open.map((t) => [t.id, t.owner?.id, t.overdue])).toEqual([[poTask!.id, east.barista.id, false]]);
  });

  it("the delivery counted in closes its purchase order's task by itself, and the resolved alert leaves the task its manager closed as it was", async () => {
    const [alertTask, poTask] = await tasksOf(east.id);
    await receiveDelivery(db, east.manager, east.id, { proposalId: poTask!.sourceId, lines: [{ ingredientId: oatId, quantity: 12_000 }] });
    const [delivered] = await outbox("inventory.delivery_received", east.id);
    expect(await toInventory(message(delivered!))).toBe("handled"); // oat milk back: the agent resolves its alert
    const resolved = (await outbox("agents.alert", alertTask!.sourceId)).find((e) => (e.payload as { resolved: boolean }).resolved);
    expect(resolved).toBeDefined();

    expect(await throughKafka([delivered!, resolved!])).toEqual(["handled", "duplicate", "handled", "duplicate"]);
    const closed = await db.agentTask.findUniqueOrThrow({ where: { id: poTask!.id } });
    expect(closed).toMatchObject({ status: "DONE", changedBy: null, closedReason: "Delivery received on the Stock screen", ownerId: east.barista.id });
    expect(await db.agentTask.findUniqueOrThrow({ where: { id: alertTask!.id } })).toMatchObject({ status: "DONE", changedBy: east.manager.id, closedReason: null });
    expect(await listTasks(db, east.id, "open")).toHaveLength(0);
    expect((await listTasks(db, east.id, "closed")).map((t) => t.id)).toEqual([poTask!.id, alertTask!.id]);
  });

  it("an alert resolved while its task is open closes it by itself; one resolved before the task manager heard of it makes none", async () => {
    const raised = await db.agentAlert.create({ data: { agent: "scheduler", shopId: east.id, subject: `busy:${stamp}`, severity: "warning", message: "Busier than forecast" } });
    const raise = createEvent("agents.alert", raised.id, { alertId: raised.id, agent: "scheduler", shopId: east.id, subject: raised.subject, severity: "warning", message: raised.message, resolved: false });
    expect(await toTasks(message(raise))).toBe("handled");
    const task = await db.agentTask.findUniqueOrThrow({ where: { sourceKind_sourceId: { sourceKind: "alert", sourceId: raised.id } } });
    expect(task.dueAt.getTime() - raised.createdAt.getTime()).toBe(24 * 3_600_000);
    expect(await toTasks(message(createEvent("agents.alert", raised.id, { ...raise.payload, resolved: true })))).toBe("handled");
    expect(await db.agentTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "DONE", changedBy: null, closedReason: "Alert resolved: the condition ended" });

    const gone = await db.agentAlert.create({ data: { agent: "inventory", shopId: east.id, subject: `gone:${stamp}`, severity: "critical", message: "Out of cups", resolvedAt: new Date() } });
    expect(await toTasks(message(createEvent("agents.alert", gone.id, { alertId: gone.id, agent: "inventory", shopId: east.id, subject: gone.subject, severity: "critical", message: gone.message, resolved: false })))).toBe("handled");
    const info = await db.agentAlert.create({ data: { agent: "inventory", shopId: east.id, subject: `info:${stamp}`, severity: "info", message: "FYI" } });
    expect(await toTasks(message(createEvent("agents.alert", info.id, { alertId: info.id, agent: "inventory", shopId: east.id, subject: info.subject, severity: "info", message: info.message, resolved: false })))).toBe("ignored");
    expect(await db.agentTask.count({ where: { sourceId: { in: [gone.id, info.id] } } })).toBe(0);
  });

  it("an approval heard after its delivery makes its task already closed", async () => {
    const now = new Date();
    const late = await db.agentProposal.create({
      data: { agent: "inventory", shopId: east.id, kind: "purchase_order", subject: `po:late-${stamp}`, title: "Order 6 L oat milk (1 × 6 L) from Plant Milk Wholesale", payload: { ingredientId: oatId, name: "Oat milk", unit: "MILLILITER", quantity: 6000, packSize: 6000, supplier: "Plant Milk Wholesale", leadTimeDays: 2 }, status: "APPROVED", decidedBy: east.manager.id, decidedAt: now, doneAt: now, expiresAt: now },
    });
    expect(await toTasks(message(createEvent("agents.proposal_decided", late.id, { proposalId: late.id, agent: "inventory", shopId: east.id, kind: "purchase_order", status: "APPROVED", decidedBy: east.manager.id })))).toBe("handled");
    expect(await db.agentTask.findUniqueOrThrow({ where: { sourceKind_sourceId: { sourceKind: "purchase_order", sourceId: late.id } } })).toMatchObject({ status: "DONE", closedReason: "Delivery already received" });
  });

  it("an approved transfer: a task to send in the sender's shop and one to receive in the receiver's, both closed when it is counted in", async () => {
    const now = new Date();
    const payload = { fromShopId: west.id, fromShopName: `Go Coffee West ${stamp}`, toShopId: east.id, toShopName: `Go Coffee East ${stamp}`, ingredientId: oatId, slug: "oat-milk", name: "Oat milk", unit: "MILLILITER", quantity: 6000, packSize: 6000, senderKeeps: 6000, transitDays: 0, reason: "x", provider: "rules", explainedBy: "rules" };
    // As the sender's approval leaves it (lib/inventory/transfers.ts): approved = sent, in transit.
    const transfer = await db.agentProposal.create({ data: { agent: "coordinator", shopId: west.id, toShopId: east.id, kind: "transfer", subject: `transfer:${oatId}:${east.id}`, title: `Transfer 6 L oat milk (1 × 6 L) from ${payload.fromShopName} to ${payload.toShopName}`, payload, status: "APPROVED", decidedBy: west.manager.id, decidedAt: now, expiresAt: now } });
    const approved = createEvent("agents.proposal_decided", transfer.id, { proposalId: transfer.id, agent: "coordinator", shopId: west.id, kind: "transfer", status: "APPROVED", decidedBy: west.manager.id });
    expect(await toTasks(message(approved))).toBe("handled");
    const [send] = await tasksOf(west.id);
    const receive = await db.agentTask.findUniqueOrThrow({ where: { sourceKind_sourceId: { sourceKind: "transfer_receive", sourceId: transfer.id } } });
    expect(send).toMatchObject({ sourceKind: "transfer_send", title: `Send 6 L oat milk (1 × 6 L) to Go Coffee East ${stamp}` });
    expect(receive).toMatchObject({ shopId: east.id, title: `Receive 6 L oat milk (1 × 6 L) from Go Coffee West ${stamp}` });
    expect(await db.agentRun.count({ where: { shopId: west.id, agent: "tasks" } })).toBe(1); // both shops see a run
    // The sender's manager cannot touch the receiver's task, and the other way round.
    await expect(setTaskStatus(db, west.manager, west.id, { taskId: receive.id, status: "DONE" })).rejects.toThrow("No such task in this shop");
    await setTaskStatus(db, west.manager, west.id, { taskId: send!.id, status: "IN_PROGRESS" });

    await receiveTransfer(db, east.manager, east.id, { proposalId: transfer.id, quantity: 5800 });
    const received = (await outbox("inventory.transfer_changed", east.id)).find((e) => (e.payload as { proposalId: string; status: string }).proposalId === transfer.id && (e.payload as { status: string }).status === "RECEIVED");
    expect(await toTasks(message(received!))).toBe("handled");
    for (const id of [send!.id, receive.id]) expect(await db.agentTask.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DONE", changedBy: null, closedReason: `Transfer counted in by Go Coffee East ${stamp}` });
  });

  it("a task past its due time raises one warning (owner and due time in words) that makes no task, resolved at once when a person moves it later or marks it done, and by the clock when it closes by itself", async () => {
    const north = await shop("North", 60_000);
    const now = new Date();
    const make = (title: string, dueAt: Date) => db.agentTask.create({ data: { shopId: north.id, sourceKind: "proposal", sourceId: crypto.randomUUID(), title, detail: "", dueAt, ownerId: north.barista.id } });
    const late = await make("Count the oat milk in", new Date(now.getTime() - 3_600_000));
    await make("Not yet due", new Date(now.getTime() + 3_600_000));
    const openAlerts = () => db.agentAlert.findMany({ where: { shopId: north.id, agent: "tasks", resolvedAt: null } });

    expect(await syncOverdueTaskAlertsDue(db, now, { shopIds: [north.id] })).toBe(1);
    const [alert, ...more] = await openAlerts();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ subject: `overdue:${late.id}`, severity: "warning" });
    expect(alert!.message).toMatch(new RegExp(`^Task overdue: Count the oat milk in — due \\w{3} \\d{1,2} \\w{3}, \\d{2}:\\d{2}, owner North-barista ${stamp}$`));
    // A second pass has nothing to do.
    expect(await syncOverdueTaskAlertsDue(db, now, { shopIds: [north.id] })).toBe(0);
    // The task manager hears the alert (twice, over Kafka) and makes no task about a task.
    await throughKafka(await outbox("agents.alert", alert!.id));
    expect(await db.agentTask.count({ where: { shopId: north.id } })).toBe(2);

    // Moved later by the manager: resolved in the same transaction.
    const shopRow = await db.shop.findUniqueOrThrow({ where: { id: north.id }, select: { id: true, timezone: true } });
    const tomorrow = new Intl.DateTimeFormat("sv-SE", { timeZone: shopRow.timezone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(now.getTime() + 86_400_000)).replace(" ", "T");
    await rescheduleTask(db, north.manager, shopRow, { taskId: late.id, due: tomorrow }, now);
    expect(await openAlerts()).toEqual([]);
    // Overdue again a day later; marked done: resolved at once.
    const later = new Date(now.getTime() + 2 * 86_400_000);
    expect(await syncOverdueTaskAlertsDue(db, later, { shopIds: [north.id] })).toBe(1);
    const both = (await openAlerts()).map((a) => a.subject);
    expect(both).toHaveLength(2);
    expect(both).toContain(`overdue:${late.id}`);
    await setTaskStatus(db, north.manager, north.id, { taskId: late.id, status: "DONE" }, later);
    expect((await openAlerts()).map((a) => a.subject)).not.toContain(`overdue:${late.id}`);
    // The other one closes by itself (as a counted-in delivery closes its task): the clock resolves its alert.
    await db.agentTask.updateMany({ where: { shopId: north.id, status: "OPEN" }, data: { status: "DONE" } });
    expect(await syncOverdueTaskAlertsDue(db, later, { shopIds: [north.id] })).toBe(1);
    expect(await openAlerts()).toEqual([]);
  });

  it("a task given to someone tells them (a notice in their bell, a line on their linked Telegram chats that still take messages, a mail linking where they work it), not when they take it themselves; its owner starts, puts back and finishes it from their own list, and nobody else can", async () => {
    const south = await shop("South", 60_000);
    const task = await db.agentTask.create({ data: { shopId: south.id, sourceKind: "proposal", sourceId: crypto.randomUUID(), title: "Descale the espresso machine", detail: "Monthly", dueAt: new Date(Date.now() + 3_600_000) } });
    const notices = (userId: string) => db.notification.findMany({ where: { userId, shopId: south.id }, select: { subject: true, severity: true, message: true, alertId: true } });
    const mails = () => db.integrationDelivery.findMany({ where: { kind: "task.assigned", shopId: south.id, integrationId: { not: TELEGRAM_CHANNEL_ID } } });
    const telegrams = () => db.integrationDelivery.findMany({ where: { kind: "task.assigned", shopId: south.id, integrationId: TELEGRAM_CHANNEL_ID }, select: { message: true } });
    // The barista linked two Telegram chats; one of them has since blocked the bot.
    const [chat, blocked] = [`7${Date.now() % 1_000_000_000}`, `8${Date.now() % 1_000_000_000}`];
    await db.telegramChat.createMany({ data: [{ chatId: BigInt(chat), userId: south.barista.id }, { chatId: BigInt(blocked), userId: south.barista.id }] });
    await db.telegramBlockedChat.create({ data: { chatId: BigInt(blocked), reason: "Forbidden: bot was blocked by the user" } });

    await assignTask(db, south.manager, south.id, { taskId: task.id, ownerId: south.barista.id });
    expect(await notices(south.barista.id)).toEqual([
      { subject: `task:${task.id}`, severity: "info", alertId: null, message: expect.stringMatching(new RegExp(`^South-manager ${stamp} gave you a task: Descale the espresso machine — due \\w{3} \\d{1,2} \\w{3}, \\d{2}:\\d{2}$`)) },
    ]);
    const [sent, ...moreSent] = (await telegrams()).map((d) => d.message as { chatId: string; text: string });
    expect(moreSent).toEqual([]);
    expect(sent!.chatId).toBe(chat);
    expect(sent!.text).toMatch(new RegExp(`^📋 South-manager ${stamp} gave you a task: Descale the espresso machine — due .+\\n.+/barista/tasks-south-${stamp}$`));
    const [mail, ...moreMails] = await mails();
    expect(moreMails).toEqual([]);
    const message = mail!.message as { to: string; subject: string; text: string };
    expect(message.to).toBe(south.barista.email);
    expect(message.subject).toBe(`Task for you at Go Coffee South ${stamp}: Descale the espresso machine`);
    expect(message.text).toContain(`/barista/tasks-south-${stamp}`); // a barista works it on the queue screen
    // Assigned again to the same person: nothing new. Taken by the manager themselves: no notice to them.
    await assignTask(db, south.manager, south.id, { taskId: task.id, ownerId: south.barista.id });
    expect(await notices(south.barista.id)).toHaveLength(1);
    expect(await mails()).toHaveLength(1);
    expect(await telegrams()).toHaveLength(1);

    // The barista's own list, and their moves.
    expect((await listOwnTasks(db, south.id, south.barista.id)).map((t) => [t.title, t.status, t.overdue])).toEqual([["Descale the espresso machine", "OPEN", false]]);
    expect(await listOwnTasks(db, south.id, south.manager.id)).toEqual([]);
    await setOwnTaskStatus(db, south.barista, south.id, { taskId: task.id, status: "IN_PROGRESS" });
    await setOwnTaskStatus(db, south.barista, south.id, { taskId: task.id, status: "OPEN" });
    // Not theirs to cancel; not anyone else's to move; bad input refused; another shop's task unknown.
    await expect(setOwnTaskStatus(db, south.barista, south.id, { taskId: task.id, status: "CANCELLED" })).rejects.toMatchObject({ code: "invalid" });
    await expect(setOwnTaskStatus(db, south.manager, south.id, { taskId: task.id, status: "DONE" })).rejects.toThrow("This task is not yours: its owner or a manager can change it");
    await expect(setOwnTaskStatus(db, { id: east.barista.id, email: "east-barista" }, east.id, { taskId: task.id, status: "DONE" })).rejects.toThrow("No such task in this shop");
    await expect(setOwnTaskStatus(db, south.barista, south.id, { taskId: "not-a-uuid", status: "DONE" })).rejects.toMatchObject({ code: "invalid" });
    await setOwnTaskStatus(db, south.barista, south.id, { taskId: task.id, status: "DONE" });
    expect(await db.agentTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "DONE", changedBy: south.barista.id });
    expect(await listOwnTasks(db, south.id, south.barista.id)).toEqual([]);
    await expect(setOwnTaskStatus(db, south.barista, south.id, { taskId: task.id, status: "OPEN" })).rejects.toThrow("This task is done: a manager can reopen it");
    expect((await db.auditEntry.findMany({ where: { shopId: south.id, action: "tasks.status" }, select: { actorId: true } })).map((a) => a.actorId)).toEqual([south.barista.id, south.barista.id, south.barista.id]);

    // A manager who takes a task themselves is not told of it.
    const own = await db.agentTask.create({ data: { shopId: south.id, sourceKind: "proposal", sourceId: crypto.randomUUID(), title: "Call the landlord", detail: "", dueAt: new Date(Date.now() + 3_600_000) } });
    await assignTask(db, south.manager, south.id, { taskId: own.id, ownerId: south.manager.id });
    expect(await notices(south.manager.id)).toEqual([]);
    expect(await mails()).toHaveLength(1);
  });
});
