import { randomBytes, randomUUID } from "node:crypto";
import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assignTask, setTaskStatus } from "@/lib/agents/tasks/manage";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { signedAssigneeEvent, signedCreatedEvent, signedFieldEvent, signedStatusEvent, startFakeClickUp, type FakeClickUp } from "@/scripts/testing/fake-clickup";
import type { KeyRing } from "../crypto";
import { createDispatcher } from "../dispatcher";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "../handlers";
import { slackAdapter } from "../slack/adapter";
import { deliveryLog, listIntegrations, removeIntegration } from "../store";
import { clickUpAdapter } from "./adapter";
import { changeClickUpStatuses, connectClickUp } from "./store";
import { handleClickUpWebhook } from "./webhook";

/**
 * The shops' tasks mirrored to a ClickUp list, end to end against the real database, our client
 * and a local fake ClickUp speaking its wire format (scripts/testing/fake-clickup.ts): connect
 * (token, list, statuses, webhook), tasks created and updated once per change however often
 * Kafka brings the event, and ClickUp's signed status webhook moving a task — only for a manager
 * of its shop, set back otherwise, refused unsigned or forged.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("clickup-test");
const ring: KeyRing = [{ id: "t1", key: randomBytes(32) }];
const APP = "http://localhost:3000";
const SFO = "sfo-terminal-2";
let fake: FakeClickUp;
let shopId: string;
let otherShopId: string;
const adapter = () => clickUpAdapter(fake.url, { timeoutMs: 2000 });
const dispatcher = () => createDispatcher({ db, ring, slack: slackAdapter("http://127.0.0.1:9/api/"), clickup: adapter(), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
const connect = (over: Record<string, unknown> = {}) => connectClickUp(db, ring, adapter(), { name: "Tasks", token: "pk_123_GOOD", teamId: "9012", listId: "9001", shopIds: [shopId], ...over }, APP);

const asKafka = (event: ReturnType<typeof createEvent>): KafkaMessage => ({ key: Buffer.from(event.key), value: encodeEnvelope(event), offset: "0", timestamp: String(Date.now()), attributes: 0, headers: {} }) as KafkaMessage;
const consume = (message: KafkaMessage) => handleMessage({ db, name: INTEGRATIONS_CONSUMER, log, batch: integrationHandlers(APP) }, message, async () => undefined);
const changed = (taskId: string, status: "OPEN" | "IN_PROGRESS" | "DONE" | "CANCELLED", source: string | null = null, shop = shopId) => asKafka(createEvent("agents.task_changed", taskId, { taskId, shopId: shop, status, source }));

async function makeTask(title = "Deal with: out of oat milk", shop = shopId) {
  return db.agentTask.create({ data: { shopId: shop, sourceKind: "alert", sourceId: randomUUID(), title, detail: "Oat milk ran out at 09:12.", dueAt: new Date(Date.now() + 4 * 3_600_000) } });
}
const manager = async () => db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } });
const webhook = (integrationId: string, body: string, signature: string | null) => handleClickUpWebhook(db, ring, adapter().client, { integrationId, body, signature, appUrl: APP }, log);

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  otherShopId = (await db.shop.findFirstOrThrow({ where: { slug: { not: SFO } } })).id;
  fake = await startFakeClickUp();
});
beforeEach(async () => {
  await db.integration.deleteMany();
  await db.agentTask.deleteMany();
  fake.reset();
});
afterAll(async () => {
  await fake.close();
  await db.$disconnect();
});

describe("connecting a ClickUp list", () => {
  it("checks the token, the list and every mapped status before storing anything, then registers a signed webhook and stores the secrets encrypted", async () => {
    await expect(connect({ token: "pk_invalid_token" })).rejects.toThrow(/did not accept the API token/);
    await expect(connect({ listId: "404" })).rejects.toThrow(/HTTP 404/);
    await expect(connect({ statuses: { OPEN: "to do", IN_PROGRESS: "doing", DONE: "complete", CANCELLED: "closed" } })).rejects.toThrow(/has no status “doing”\. Its statuses are: to do, in progress, complete, closed/);
    await expect(connect({ token: "xoxb-not-clickup" })).rejects.toThrow(/starts with pk_/);
    expect(await db.integration.count()).toBe(0);
    expect(fake.webhooks).toHaveLength(0);

    await makeTask("An open task made before the connection");
    const { id, queued } = await connect();
    expect(queued).toBe(1);
    const stored = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(stored.credentials).not.toContain("pk_123");
    expect(stored.credentials).not.toContain(fake.webhooks[0]!.secret);
    expect(fake.webhooks).toEqual([expect.objectContaining({ teamId: "9012", listId: "9001", endpoint: `${APP}/api/integrations/clickup/webhook/${id}`, events: ["taskCreated", "taskStatusUpdated", "taskAssigneeUpdated", "taskUpdated", "taskDueDateUpdated"] })]);
    expect((await listIntegrations(db))[0]).toMatchObject({ kind: "CLICKUP", channel: "List “Coffee ops 9001”", pending: 1 });

    await removeIntegration(db, id, undefined, { ring, clickup: adapter() });
    expect(fake.webhooks).toHaveLength(0); // taken back in ClickUp too
  });
});

describe("tasks to ClickUp", () => {
  it("creates a task once, however often its event comes, and updates it on each later change; another shop's tasks stay out", async () => {
    await connect();
    const task = await makeTask();
    expect(await consume(changed(task.id, "OPEN"))).toBe("handled");
    const redelivered = changed(task.id, "OPEN");
    await consume(redelivered);
    await consume(redelivered); // the same event again: recognised
    const elsewhere = await makeTask("Another shop's task", otherShopId);
    await consume(changed(elsewhere.id, "OPEN", null, otherShopId));
    // The creation; the update for the second event waits for it (it must change what the creation made), then goes.
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(await dispatcher().runOnce()).toEqual([]);
    expect(fake.tasks).toHaveLength(1);
    expect(fake.tasks[0]).toMatchObject({ listId: "9001", name: "Deal with: out of oat milk", status: "to do", dueDate: String(task.dueAt.getTime()) });
    expect(fake.tasks[0]!.description).toContain(`${APP}/manager/${SFO}/tasks`);

    const m = await manager();
    await setTaskStatus(db, { id: m.id, email: m.email! }, shopId, { taskId: task.id, status: "IN_PROGRESS" });
    await consume(changed(task.id, "IN_PROGRESS"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.tasks[0]).toMatchObject({ status: "in progress" });
    expect(fake.tasks).toHaveLength(1);
    const log = await deliveryLog(db);
    expect(log.every((d) => d.status === "DELIVERED")).toBe(true);
    expect(log[0]!.text).toBe("Task “Deal with: out of oat milk” (in progress)");
  });

  it("assigns the task to its owner's ClickUp account (matched by confirmed email) and moves the assignment with the owner, leaving people assigned by hand", async () => {
    fake.members.push({ id: 501, username: "marco", email: "Manager@GoCoffee.test" }, { id: 502, username: "bea", email: "barista@gocoffee.test" });
    await connect();
    const task = await makeTask("Receive the oat milk");
    const m = await manager();
    const actor = { id: m.id, email: m.email! };
    const barista = await db.user.findUniqueOrThrow({ where: { email: "barista@gocoffee.test" } });
    await assignTask(db, actor, shopId, { taskId: task.id, ownerId: m.id });
    await consume(changed(task.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.tasks[0]!.assignees).toEqual([501]);

    // Someone adds a colleague in ClickUp; the owner changes in Go Coffee: the assignment moves, the colleague stays.
    fake.tasks[0]!.assignees.push(183);
    await assignTask(db, actor, shopId, { taskId: task.id, ownerId: barista.id });
    await consume(changed(task.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect([...fake.tasks[0]!.assignees].sort()).toEqual([183, 502]);

    // Nobody owns it now: the previous owner is taken off, no one added.
    await assignTask(db, actor, shopId, { taskId: task.id, ownerId: null });
    await consume(changed(task.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.tasks[0]!.assignees).toEqual([183]);
  });

  it("a revoked token marks the connection broken and holds the tasks until a new token", async () => {
    const { id } = await connect();
    const task = await makeTask();
    const { encrypt } = await import("../crypto");
    const secret = fake.webhooks[0]!.secret;
    await db.integration.update({ where: { id }, data: { credentials: encrypt(ring, JSON.stringify({ token: "pk_invalid_now", webhookSecret: secret }), id) } });
    await consume(changed(task.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["held"]);
    expect((await listIntegrations(db))[0]).toMatchObject({ status: "BROKEN", pending: 1 });
    expect(fake.tasks).toHaveLength(0);
  });
});

describe("ClickUp's status webhook", () => {
  async function mirrored() {
    const { id } = await connect();
    const task = await makeTask();
    await consume(changed(task.id, "OPEN"));
    await dispatcher().runOnce();
    return { id, task, remote: fake.tasks[0]!, hook: fake.webhooks[0]! };
  }

  it("a manager of the shop completing it in ClickUp marks it done here, audited, and the change is not echoed back", async () => {
    const { id, task, remote, hook } = await mirrored();
    const { body, signature } = signedStatusEvent(hook, remote, "to do", "complete", { email: "MANAGER@gocoffee.test" });
    expect(await webhook(id, body, signature)).toEqual({ status: 200, body: { outcome: "changed" } });
    expect((await db.agentTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("DONE");
    const audit = await db.auditEntry.findFirstOrThrow({ where: { target: `task:${task.id}` } });
    expect(audit.summary).toMatch(/open → done \(from ClickUp\)/);
    const [outbox] = await db.outboxEvent.findMany({ where: { type: "agents.task_changed", key: task.id }, orderBy: { seq: "desc" }, take: 1 });
    expect((outbox!.payload as { source: string }).source).toBe(`clickup:${id}`);
    // The event of that change, when the integrations consumer hears it: nothing goes back to the list it came from.
    await consume(changed(task.id, "DONE", `clickup:${id}`));
    expect(await dispatcher().runOnce()).toEqual([]);
    // The same webhook again (ClickUp retries): nothing more to do.
    expect(await webhook(id, body, signature)).toEqual({ status: 200, body: { outcome: "unchanged" } });
  });

  it("someone who is not a manager of the shop cannot change it from ClickUp: the task stays, and the ClickUp task is set back", async () => {
    const { id, task, remote, hook } = await mirrored();
    for (const email of ["barista@gocoffee.test", "stranger@example.test"]) {
      remote.status = "complete";
      const { body, signature } = signedStatusEvent(hook, remote, "to do", "complete", { email });
      const answer = await webhook(id, body, signature);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ outcome: "refused", reason: expect.stringContaining(`${email} is not a confirmed Go Coffee address`) });
      expect((await db.agentTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("OPEN");
      expect(await dispatcher().runOnce()).toEqual(["delivered"]);
      expect(fake.tasks[0]!.status).toBe("to do");
    }
  });

  const MANAGER = { id: 501, username: "marco", email: "manager@gocoffee.test" };
  const BARISTA = { id: 502, username: "bea", email: "barista@gocoffee.test" };
  const STRANGER = { id: 503, username: "zed", email: "stranger@example.test" };
  const ownerOf = async (taskId: string) => (await db.agentTask.findUniqueOrThrow({ where: { id: taskId } })).ownerId;

  it("a manager assigning a staff member in ClickUp makes them the owner here, audited, and the previous owner comes off the ClickUp task; unassigning the owner leaves it to nobody", async () => {
    fake.members.push(MANAGER, BARISTA);
    const { id, task, remote, hook } = await mirrored();
    const m = await manager();
    const barista = await db.user.findUniqueOrThrow({ where: { email: BARISTA.email } });
    await assignTask(db, { id: m.id, email: m.email! }, shopId, { taskId: task.id, ownerId: m.id });
    await consume(changed(task.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(remote.assignees).toEqual([MANAGER.id]);

    // Marco adds Bea in ClickUp (ClickUp now has both).
    remote.assignees.push(BARISTA.id);
    const added = signedAssigneeEvent(hook, remote, { add: [BARISTA] }, { email: "Manager@GoCoffee.test" });
    expect(await webhook(id, added.body, added.signature)).toEqual({ status: 200, body: { outcome: "changed" } });
    expect(await ownerOf(task.id)).toBe(barista.id);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { target: `task:${task.id}`, action: "tasks.assigned" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actorId: m.id, summary: expect.stringMatching(/given to .+ \(from ClickUp\)$/) });
    // Echoed: the update takes Marco, the previous owner, off the ClickUp task.
    const [outbox] = await db.outboxEvent.findMany({ where: { type: "agents.task_changed", key: task.id }, orderBy: { seq: "desc" }, take: 1 });
    expect((outbox!.payload as { source: string | null }).source).toBeNull();
    await consume(changed(task.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(remote.assignees).toEqual([BARISTA.id]);
    // ClickUp retries the same event, and the echo's own event arrives: nothing more changes.
    expect(await webhook(id, added.body, added.signature)).toEqual({ status: 200, body: { outcome: "unchanged" } });
    const echo = signedAssigneeEvent(hook, remote, { rem: [MANAGER] }, { email: "ops@example.test" });
    expect(await webhook(id, echo.body, echo.signature)).toMatchObject({ status: 200, body: { outcome: "ignored" } });
    expect(await ownerOf(task.id)).toBe(barista.id);

    // Marco takes Bea off: the task is nobody's.
    const removed = signedAssigneeEvent(hook, remote, { rem: [BARISTA] }, { email: MANAGER.email });
    expect(await webhook(id, removed.body, removed.signature)).toEqual({ status: 200, body: { outcome: "changed" } });
    expect(await ownerOf(task.id)).toBeNull();
  });

  it("a barista or someone without a Go Coffee account cannot reassign from ClickUp (set back), and assigning someone who is not staff changes nothing", async () => {
    fake.members.push(MANAGER, BARISTA, STRANGER);
    const { id, task, remote, hook } = await mirrored();
    for (const by of [BARISTA.email, STRANGER.email]) {
      const event = signedAssigneeEvent(hook, remote, { add: [BARISTA] }, { email: by });
      const answer = await webhook(id, event.body, event.signature);
      expect(answer.body).toMatchObject({ outcome: "refused", reason: expect.stringContaining(`${by} is not a confirmed Go Coffee address`) });
      expect(await ownerOf(task.id)).toBeNull();
      expect(await dispatcher().runOnce()).toEqual(["delivered"]); // the set-back update
    }
    // Unsigned or signed with a guessed secret, even "from" a manager: 401, nothing read.
    const forged = signedAssigneeEvent({ id: hook.id, secret: "guessed" }, remote, { add: [BARISTA] }, { email: MANAGER.email });
    expect((await webhook(id, forged.body, forged.signature)).status).toBe(401);
    expect((await webhook(id, forged.body, null)).status).toBe(401);
    expect(await ownerOf(task.id)).toBeNull();
    const stranger = signedAssigneeEvent(hook, remote, { add: [STRANGER] }, { email: MANAGER.email });
    expect(await webhook(id, stranger.body, stranger.signature)).toMatchObject({ status: 200, body: { outcome: "ignored", reason: expect.stringContaining("staff") } });
    expect(await ownerOf(task.id)).toBeNull();
    expect(await db.auditEntry.count({ where: { target: `task:${task.id}` } })).toBe(0);
  });

  it("a manager renaming the task or moving its due date in ClickUp changes it here, audited, not echoed; a cleared due date, a non-manager or a bad name is set back", async () => {
    const { id, task, remote, hook } = await mirrored();
    const row = async () => db.agentTask.findUniqueOrThrow({ where: { id: task.id } });
    const due = new Date(Date.now() + 3 * 86_400_000);
    due.setUTCSeconds(0, 0);

    const moved = signedFieldEvent(hook, remote, { dueDate: String(due.getTime()) }, { email: "manager@gocoffee.test" });
    expect(await webhook(id, moved.body, moved.signature)).toEqual({ status: 200, body: { outcome: "changed" } });
    expect((await row()).dueAt).toEqual(due);
    const renamed = signedFieldEvent(hook, remote, { name: "Call the milk supplier" }, { email: "manager@gocoffee.test" });
    expect(await webhook(id, renamed.body, renamed.signature)).toEqual({ status: 200, body: { outcome: "changed" } });
    expect((await row()).title).toBe("Call the milk supplier");
    const audits = await db.auditEntry.findMany({ where: { target: `task:${task.id}`, action: "tasks.edited" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.summary)).toEqual([
      `Task “${task.title}” due ${due.toISOString().slice(0, 16).replace("T", " ")} UTC (from ClickUp)`,
      `Task “${task.title}” renamed to “Call the milk supplier” (from ClickUp)`,
    ]);
    const [outbox] = await db.outboxEvent.findMany({ where: { type: "agents.task_changed", key: task.id }, orderBy: { seq: "desc" }, take: 1 });
    expect((outbox!.payload as { source: string }).source).toBe(`clickup:${id}`);
    // ClickUp retries: nothing more to do.
    expect(await webhook(id, renamed.body, renamed.signature)).toEqual({ status: 200, body: { outcome: "unchanged" } });

    // Refused, each set back on the ClickUp task (our name and due date sent again).
    const refusals = [
      [signedFieldEvent(hook, remote, { dueDate: null }, { email: "manager@gocoffee.test" }), "A Go Coffee task always has a due date"],
      [signedFieldEvent(hook, remote, { name: "Free coffee for everyone" }, { email: "barista@gocoffee.test" }), "barista@gocoffee.test is not a confirmed Go Coffee address"],
      [signedFieldEvent(hook, remote, { name: "x" }, { email: "manager@gocoffee.test" }), "A task's name needs 3-200 characters"],
      [signedFieldEvent(hook, remote, { dueDate: String(Date.now() + 400 * 86_400_000) }, { email: "manager@gocoffee.test" }), "A due date must be within a year of today"],
    ] as const;
    for (const [event, reason] of refusals) {
      remote.name = "something else";
      const answer = await webhook(id, event.body, event.signature);
      expect(answer).toMatchObject({ status: 200, body: { outcome: "refused", reason: expect.stringContaining(reason) } });
      expect(await dispatcher().runOnce()).toEqual(["delivered"]);
      expect(fake.tasks[0]).toMatchObject({ name: "Call the milk supplier", dueDate: String(due.getTime()) });
    }
    expect(await row()).toMatchObject({ title: "Call the milk supplier", dueAt: due });
  });

  it("unsigned, forged, or another connection's events change nothing; unknown connections are 404", async () => {
    const { id, task, remote, hook } = await mirrored();
    const { body, signature } = signedStatusEvent(hook, remote, "to do", "complete", { email: "manager@gocoffee.test" });
    expect((await webhook(id, body, null)).status).toBe(401);
    expect((await webhook(id, body, "0".repeat(64))).status).toBe(401);
    const forged = signedStatusEvent({ id: hook.id, secret: "guessed" }, remote, "to do", "complete", { email: "manager@gocoffee.test" });
    expect((await webhook(id, forged.body, forged.signature)).status).toBe(401);
    expect((await webhook(id, body.replace("complete", "closed"), signature)).status).toBe(401); // altered after signing
    expect((await webhook(randomUUID(), body, signature)).status).toBe(404);
    expect((await webhook("not-a-uuid", body, signature)).status).toBe(404);
    expect((await db.agentTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("OPEN");
    expect(await db.auditEntry.count({ where: { target: `task:${task.id}` } })).toBe(0);
    // Signed, but about a task Go Coffee did not make, or to a status it does not map: answered, ignored.
    const foreign = signedStatusEvent(hook, { id: "zzz999", listId: "9001" }, "to do", "complete", { email: "manager@gocoffee.test" });
    expect(await webhook(id, foreign.body, foreign.signature)).toMatchObject({ status: 200, body: { outcome: "ignored" } });
    const unmapped = signedStatusEvent(hook, remote, "to do", "blocked", { email: "manager@gocoffee.test" });
    expect(await webhook(id, unmapped.body, unmapped.signature)).toMatchObject({ status: 200, body: { outcome: "ignored", reason: expect.stringContaining("“blocked”") } });
  });
});

describe("tasks made in ClickUp", () => {
  const made = (integrationId: string, task: { id: string; listId: string }, email: string) => {
    const { body, signature } = signedCreatedEvent(fake.webhooks[0]!, task, { email });
    return webhook(integrationId, body, signature);
  };

  it("adds a task a manager of the shop made there (due in a day without a date, our link and date written back), links it for later changes, and leaves ours, others' and bad ones alone", async () => {
    const { id } = await connect();
    const before = Date.now();
    const { task } = await fake.makeTask("9001", { name: "Descale the espresso machine", description: "Every Friday after close" }, { email: "manager@gocoffee.test" });
    expect(await made(id, task, "manager@gocoffee.test")).toEqual({ status: 200, body: { outcome: "created" } });
    const ours = await db.agentTask.findFirstOrThrow({ where: { sourceKind: "clickup" } });
    expect(ours).toMatchObject({ shopId, title: "Descale the espresso machine", detail: "Every Friday after close", status: "OPEN", changedBy: (await manager()).id });
    expect(ours.dueAt.getTime() - before).toBeGreaterThanOrEqual(86_400_000 - 1000);
    expect(ours.dueAt.getTime() - before).toBeLessThan(86_400_000 + 60_000);
    expect(await db.auditEntry.count({ where: { action: "tasks.created", target: `task:${ours.id}` } })).toBe(1);
    // ClickUp sends it again: known now, nothing added.
    expect(await made(id, task, "manager@gocoffee.test")).toMatchObject({ body: { outcome: "ignored", reason: "This ClickUp task is already one of ours." } });

    // Its announcement updates the ClickUp task (our due date and link), not a second one.
    await consume(changed(ours.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.tasks).toHaveLength(1);
    expect(fake.tasks[0]).toMatchObject({ dueDate: String(ours.dueAt.getTime()) });
    expect(fake.tasks[0]!.description).toContain(`${APP}/manager/${SFO}/tasks`);
    // Later changes in ClickUp find it.
    const { body, signature } = signedStatusEvent(fake.webhooks[0]!, task, "to do", "in progress", { email: "manager@gocoffee.test" });
    expect(await webhook(id, body, signature)).toMatchObject({ body: { outcome: "changed" } });
    expect((await db.agentTask.findUniqueOrThrow({ where: { id: ours.id } })).status).toBe("IN_PROGRESS");

    // A task Go Coffee made there comes back as taskCreated: left alone.
    const alert = await makeTask("Deal with: out of beans");
    await consume(changed(alert.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    const echo = fake.tasks.find((t) => t.name === "Deal with: out of beans")!;
    expect(await made(id, echo, "ops@example.test")).toMatchObject({ body: { outcome: "ignored", reason: "This ClickUp task is already one of ours." } });
    // …even when ClickUp's event beats our record of it (our link is in its description).
    const { task: early } = await fake.makeTask("9001", { name: "Deal with: out of cups", description: "[Open in Go Coffee](http://localhost:3000/manager/x/tasks)" }, { email: "ops@example.test" });
    expect(await made(id, early, "ops@example.test")).toMatchObject({ body: { outcome: "ignored", reason: "This task was made by Go Coffee." } });

    // A barista's task, and a manager's with a two-letter name: refused with why, nothing added.
    const { task: barista } = await fake.makeTask("9001", { name: "Free coffee for the barista" }, { email: "barista@gocoffee.test" });
    expect(await made(id, barista, "barista@gocoffee.test")).toMatchObject({ body: { outcome: "ignored", reason: expect.stringContaining("Only a manager of Go Coffee SFO Terminal 2 can add its tasks from ClickUp, and barista@gocoffee.test is not") } });
    const { task: short } = await fake.makeTask("9001", { name: "Ok" }, { email: "manager@gocoffee.test" });
    expect(await made(id, short, "manager@gocoffee.test")).toMatchObject({ body: { outcome: "ignored", reason: "A task's name needs 3-200 characters" } });
    expect(await db.agentTask.count({ where: { sourceKind: "clickup" } })).toBe(1);
  });

  it("on a connection covering several shops, takes the shop from a tag naming its slug, and its due date from ClickUp", async () => {
    const { id } = await connect({ shopIds: [shopId, otherShopId] });
    const other = await db.shop.findUniqueOrThrow({ where: { id: otherShopId } });
    const { task: untagged } = await fake.makeTask("9001", { name: "Count the cups" }, { email: "admin@gocoffee.test" });
    expect(await made(id, untagged, "admin@gocoffee.test")).toMatchObject({ body: { outcome: "ignored", reason: expect.stringContaining("tag the task with its shop's slug") } });
    const due = Date.now() + 3 * 86_400_000;
    const { task: tagged } = await fake.makeTask("9001", { name: "Count the cups", dueDate: String(due), tags: [other.slug] }, { email: "admin@gocoffee.test" });
    expect(await made(id, tagged, "admin@gocoffee.test")).toMatchObject({ body: { outcome: "created" } });
    expect(await db.agentTask.findFirstOrThrow({ where: { sourceKind: "clickup" } })).toMatchObject({ shopId: otherShopId, title: "Count the cups", dueAt: new Date(due) });
  });
});

describe("changing a connection's statuses", () => {
  it("checks the new names against the list (refused with its real ones), stores them, audits, and sends the open tasks again under them", async () => {
    const { id } = await connect();
    const task = await makeTask();
    await consume(changed(task.id, "OPEN"));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.tasks[0]).toMatchObject({ status: "to do" });
    const m = await manager();
    const change = (statuses: Record<string, string>) => changeClickUpStatuses(db, ring, adapter(), id, statuses, APP, { id: m.id, email: m.email! });

    await expect(change({ OPEN: "doing", IN_PROGRESS: "in progress", DONE: "complete", CANCELLED: "closed" })).rejects.toThrow(/has no status “doing”\. Its statuses are: to do, in progress, complete, closed/);
    await expect(change({ OPEN: " ", IN_PROGRESS: "in progress", DONE: "complete", CANCELLED: "closed" })).rejects.toMatchObject({ code: "invalid" });
    expect(((await db.integration.findUniqueOrThrow({ where: { id } })).config as { statuses: { OPEN: string } }).statuses.OPEN).toBe("to do");

    // A swap, so the open task visibly moves: stored, and the open task is sent again.
    expect(await change({ OPEN: "in progress", IN_PROGRESS: "to do", DONE: "complete", CANCELLED: "closed" })).toEqual({ changed: true, queued: 1 });
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.tasks).toHaveLength(1);
    expect(fake.tasks[0]).toMatchObject({ status: "in progress" });
    expect(await db.auditEntry.count({ where: { action: "integration.configured", target: `integration:${id}` } })).toBe(1);
    expect(await change({ OPEN: "in progress", IN_PROGRESS: "to do", DONE: "complete", CANCELLED: "closed" })).toEqual({ changed: false, queued: 0 });
  });
});
