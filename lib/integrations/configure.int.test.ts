import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { startFakeAirtable, type FakeAirtable } from "@/scripts/testing/fake-airtable";
import { startFakeSlack, type FakeSlack } from "@/scripts/testing/fake-slack";
import { airtableAdapter } from "./airtable/adapter";
import type { MirrorMessage } from "./airtable/mirror";
import { connectAirtable } from "./airtable/store";
import { configureIntegration } from "./configure";
import { createDispatcher } from "./dispatcher";
import { encrypt, type KeyRing } from "./crypto";
import { slackAdapter } from "./slack/adapter";
import { connectSlack, enqueueTest } from "./store";

/**
 * Changing a connection after connecting (label, shops, Slack's messages), against the real
 * database: bad input changes nothing, what changed is audited, and a new scope starts what it
 * should (an Airtable base gets the mirror of its new shops at once; a ClickUp list the open tasks
 * of shops it did not cover, and only those it lacks).
 */

const db = createDb(env().DATABASE_URL, 4);
const ring: KeyRing = [{ id: "t1", key: randomBytes(32) }];
const APP = "http://localhost:3000";
let slack: FakeSlack;
let airtable: FakeAirtable;
let sfo: string;
let loop: string;
let actor: { id: string; email: string };

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  sfo = (await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } })).id;
  loop = (await db.shop.findUniqueOrThrow({ where: { slug: "chicago-loop" } })).id;
  actor = { id: (await db.user.findUniqueOrThrow({ where: { email: "admin@gocoffee.test" } })).id, email: "admin@gocoffee.test" };
  slack = await startFakeSlack();
  airtable = await startFakeAirtable();
});
beforeEach(async () => {
  await db.integration.deleteMany();
});
afterAll(async () => {
  // What this suite connected goes, so no later suite's dispatcher picks up its deliveries.
  await db.integration.deleteMany();
  await Promise.all([slack.close(), airtable.close()]);
  await db.$disconnect();
});

describe("changing a connection", () => {
  it("changes a Slack connection's label, shops and messages, audited; refuses no messages, an unknown message or shop, and messages for another kind, changing nothing", async () => {
    const { id } = await connectSlack(db, ring, slackAdapter(slack.url), { name: "Ops", token: "xoxb-good-token", channel: "#ops", events: ["order.cancelled", "daily.summary"] });
    await expect(configureIntegration(db, id, { name: "Ops", shopIds: [sfo], events: [] }, APP, actor)).rejects.toThrow(/choose at least one kind of message/);
    await expect(configureIntegration(db, id, { name: "Ops", events: ["everything"] }, APP, actor)).rejects.toThrow();
    await expect(configureIntegration(db, id, { name: "Ops", shopIds: ["00000000-0000-7000-8000-000000000000"], events: ["daily.summary"] }, APP, actor)).rejects.toThrow(/does not exist/);
    await expect(configureIntegration(db, id, { name: "", events: ["daily.summary"] }, APP, actor)).rejects.toThrow(/give the connection a name/);
    expect(await db.integration.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Ops", shopIds: [], events: ["order.cancelled", "daily.summary"] });

    expect(await configureIntegration(db, id, { name: "Ops SFO", shopIds: [sfo, sfo], events: ["order.refunded", "daily.summary"] }, APP, actor)).toEqual({ changed: true });
    expect(await db.integration.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Ops SFO", shopIds: [sfo], events: ["order.refunded", "daily.summary"] });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "integration.configured", target: `integration:${id}` } });
    expect(audit.summary).toBe('Changed Slack "Ops SFO": renamed from "Ops"; now 1 shop; messages: Order refunded, Daily sales summary');
    expect(await configureIntegration(db, id, { name: "Ops SFO", shopIds: [sfo], events: ["order.refunded", "daily.summary"] }, APP, actor)).toEqual({ changed: false });
    await expect(configureIntegration(db, "not-an-id", { name: "x" }, APP, actor)).rejects.toThrow(/no such integration/);

    // Another channel: refused when it is not one, else new posts go there (the test message shows it), audited.
    await expect(configureIntegration(db, id, { name: "Ops SFO", shopIds: [sfo], channel: "Ops Room" }, APP, actor)).rejects.toThrow(/a channel is #name/);
    expect(await configureIntegration(db, id, { name: "Ops SFO", shopIds: [sfo], channel: "#ops-sfo" }, APP, actor)).toEqual({ changed: true });
    expect((await db.integration.findUniqueOrThrow({ where: { id } })).config).toMatchObject({ channel: "#ops-sfo", team: expect.any(String) });
    const moved = await db.auditEntry.findFirstOrThrow({ where: { action: "integration.configured", target: `integration:${id}` }, orderBy: { createdAt: "desc" } });
    expect(moved.summary).toBe('Changed Slack "Ops SFO": posts to #ops-sfo (was #ops)');
    const { deliveryId } = await enqueueTest(db, id, "admin");
    const engine = createDispatcher({ db, ring, slack: slackAdapter(slack.url), log: childLogger("configure-test") });
    expect(await engine.deliverOne(deliveryId)).toBe("delivered");
    engine.shutdown();
    expect(slack.posted.at(-1)!.channel).toBe("#ops-sfo");
  });

  it("re-mirrors an Airtable base for its new shops at once, and refuses messages for it", async () => {
    const base = airtable.createBase("Menu").id;
    const { id } = await connectAirtable(db, ring, airtableAdapter(airtable.url), { name: "Menu", base, token: airtable.token([base]), shopIds: [sfo] });
    await expect(configureIntegration(db, id, { name: "Menu", shopIds: [loop], events: ["daily.summary"] }, APP, actor)).rejects.toThrow(/receives one kind of message; only its label and shops change/);
    await expect(configureIntegration(db, id, { name: "Menu", shopIds: [loop], channel: "#menu" }, APP, actor)).rejects.toThrow(/only its label and shops change/);
    await configureIntegration(db, id, { name: "Menu", shopIds: [loop] }, APP, actor);
    const mirrors = await db.integrationDelivery.findMany({ where: { integrationId: id, kind: "catalog.mirror" }, orderBy: { createdAt: "asc" } });
    expect(mirrors).toHaveLength(2);
    const shopsIn = (m: unknown) => new Set((m as MirrorMessage).tables.Menu.map((r) => r.Shop));
    expect(shopsIn(mirrors[0]!.message)).toEqual(new Set(["Go Coffee SFO Terminal 2"]));
    expect(shopsIn(mirrors[1]!.message)).toEqual(new Set([(await db.shop.findUniqueOrThrow({ where: { id: loop } })).name]));
  });

  it("queues for a ClickUp list the open tasks of a shop it now covers, once", async () => {
    const id = "01900000-0000-7000-8000-00000000c1c0";
    await db.integration.create({ data: { id, kind: "CLICKUP", name: "Tasks", credentials: encrypt(ring, JSON.stringify({ token: "pk_x", webhookSecret: "s" }), id), config: { teamId: "1", listId: "2", listName: "Ops", webhookId: "w", statuses: {} }, shopIds: [sfo], events: ["agent.task"] } });
    const task = await db.agentTask.create({ data: { shopId: loop, title: "Descale the espresso machine", detail: "Weekly", status: "OPEN", dueAt: new Date(Date.now() + 86_400_000), sourceKind: "alert", sourceId: "01900000-0000-7000-8000-00000000a1e7" } });
    await configureIntegration(db, id, { name: "Tasks", shopIds: [sfo, loop] }, APP, actor);
    // Every open task of the shops now covered (other suites share this database and may have left some), ours among them.
    const open = await db.agentTask.findMany({ where: { status: { in: ["OPEN", "IN_PROGRESS"] }, shopId: { in: [sfo, loop] } }, select: { id: true } });
    const queued = await db.integrationDelivery.findMany({ where: { integrationId: id } });
    expect(queued.map((d) => (d.message as { taskId?: string }).taskId).sort()).toEqual(open.map((t) => t.id).sort());
    expect(queued.map((d) => (d.message as { taskId?: string }).taskId)).toContain(task.id);
    await configureIntegration(db, id, { name: "Tasks", shopIds: [sfo] }, APP, actor);
    await configureIntegration(db, id, { name: "Tasks", shopIds: [sfo, loop] }, APP, actor);
    expect(await db.integrationDelivery.count({ where: { integrationId: id } })).toBe(queued.length);
    await db.agentTask.delete({ where: { id: task.id } });
  });
});
