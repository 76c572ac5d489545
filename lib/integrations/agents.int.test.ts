import { randomBytes } from "node:crypto";
import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { syncAlerts, type WantedAlert } from "@/lib/agents/core/alerts";
import { createProposal, decideProposal, expireProposals } from "@/lib/agents/core/proposals";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { startFakeSlack, type FakeSlack } from "@/scripts/testing/fake-slack";
import { recordAgentAlert, updateIfDecidedMeanwhile } from "./agents";
import { createDispatcher } from "./dispatcher";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "./handlers";
import { integrationSettings } from "./setup";
import { parseSlackRef } from "./slack/adapter";
import { acceptSlackLink, slackLinkOffer, slackLinksOf, unlinkSlackUser } from "./slack/links";
import { signSlackRequest } from "./slack/signature";
import { connectSlack, deliveryLog } from "./store";

/**
 * The agents' alerts and proposals in Slack, end to end against the real database, the real
 * @slack/web-api client and a local fake Slack: alerts from agents.alerts.v1 (once per connection,
 * merged within the window, rate limited, "resolved" only after a posted raise), proposals from
 * agents.proposals.v1 with Approve / Reject, and the interactivity route deciding them only for a
 * Slack user who is a manager of the shop.
 */

const { SECRET, SLACK_PORT } = vi.hoisted(() => {
  const secret = "agents-signing-secret-0123456789abcdef";
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  process.env.SLACK_SIGNING_SECRET = secret;
  process.env.SLACK_API_URL = `http://127.0.0.1:${port}/api/`;
  return { SECRET: secret, SLACK_PORT: port };
});

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("agents-slack-test");
const SFO = "sfo-terminal-2";
const APP = "http://localhost:3000";
let slack: FakeSlack;
let shopId: string;
let shopName: string;
let shopTimezone: string;
const { ring, slack: adapter } = integrationSettings(env());
const dispatcher = (retries = 2) => createDispatcher({ db, ring, slack: adapter, log, retries, minBackoffMs: 10, maxBackoffMs: 50 });
const connect = (events: string[], over: Record<string, unknown> = {}) => connectSlack(db, ring, adapter, { name: "Agents", token: "xoxb-agents-token", channel: "#ops", events, ...over });

const messageOf = (row: { id: string; type: string; key: string; version: number; payload: unknown; occurredAt: Date }): KafkaMessage =>
  ({ key: Buffer.from(row.key), value: encodeEnvelope({ id: row.id, type: row.type, key: row.key, version: row.version, occurredAt: row.occurredAt.toISOString(), payload: row.payload } as Envelope), offset: "0", headers: {} }) as unknown as KafkaMessage;
const consume = (m: KafkaMessage, name = INTEGRATIONS_CONSUMER) => handleMessage({ db, name, log, batch: integrationHandlers(APP) }, m, (reason) => Promise.reject(new Error(reason)));

/** Runs the inventory agent's alert sync as the agent does, and returns the events it wrote to the outbox, as Kafka would bring them. */
async function sync(wanted: WantedAlert[], at = new Date()): Promise<KafkaMessage[]> {
  const before = await db.outboxEvent.aggregate({ _max: { seq: true } });
  await db.$transaction((tx) => syncAlerts(tx, "inventory", shopId, wanted, null, at));
  const rows = await db.outboxEvent.findMany({ where: { type: "agents.alert", seq: { gt: before._max.seq ?? 0n } }, orderBy: { seq: "asc" } });
  return rows.map(messageOf);
}
const oat: WantedAlert = { subject: "out:test-oat", severity: "critical", message: "Out of oat milk: Caffè latte (oat) unavailable" };

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  const shop = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
  shopId = shop.id;
  shopName = shop.name;
  shopTimezone = shop.timezone;
  slack = await startFakeSlack(SLACK_PORT);
});
beforeEach(async () => {
  await db.integration.deleteMany();
  await db.agentAlert.deleteMany({ where: { shopId, subject: { startsWith: "out:test" } } });
  slack.reset();
});
afterAll(async () => {
  await slack.close();
  await db.$disconnect();
});

describe("agent alerts to Slack", () => {
  it("posts a raised alert once per connection (redelivered, replayed), then its short 'resolved' follow-up", async () => {
    const { id } = await connect(["agent.alert"]);
    await connect(["order.cancelled"], { name: "Orders only" });
    const [raised] = await sync([oat]);
    expect(await consume(raised!)).toBe("handled");
    expect(await consume(raised!)).toBe("duplicate");
    expect(await consume(raised!, "integrations-replay")).toBe("handled"); // a replay by another group: its key stops it
    expect(await db.integrationDelivery.count()).toBe(1);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(await dispatcher().runOnce()).toEqual([]);

    expect(slack.posted).toHaveLength(1);
    const post = slack.posted[0]!;
    expect(post.channel).toBe("#ops");
    expect(post.text).toBe(`Critical at ${shopName}: Out of oat milk: Caffè latte (oat) unavailable`);
    const blocks = JSON.stringify(post.blocks);
    expect(blocks).toContain(":rotating_light: Critical alert");
    expect(blocks).toContain("*Raised by*\\nInventory manager");
    expect(blocks).toContain(`${APP}/manager/${SFO}/agents`);
    expect(blocks).toContain(`agent.alert:`);
    expect(blocks).not.toContain("out:test-oat"); // the subject is ours, not Slack's
    expect(JSON.stringify(post)).not.toContain('"after"');

    const [resolved] = await sync([]);
    expect(await consume(resolved!)).toBe("handled");
    expect(await consume(resolved!, "integrations-replay")).toBe("handled");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.posted).toHaveLength(2);
    expect(slack.posted[1]!.text).toBe(`Resolved at ${shopName}: Out of oat milk: Caffè latte (oat) unavailable`);
    const entries = await deliveryLog(db, { integrationId: id });
    expect(entries.map((e) => [e.kind, e.status])).toEqual([["agent.alert.resolved", "DELIVERED"], ["agent.alert", "DELIVERED"]]);
  });

  it("merges a repeat of the same subject within the notifier's window (no post, no follow-up), and posts it again after", async () => {
    await connect(["agent.alert"]);
    const t0 = new Date();
    for (const m of await sync([oat], t0)) await consume(m);
    for (const m of await sync([], t0)) await consume(m);
    await dispatcher().runOnce();
    await dispatcher().runOnce();
    expect(slack.posted.map((p) => p.text.split(":")[0])).toEqual([`Critical at ${shopName}`, `Resolved at ${shopName}`]);

    // Flapping within 30 minutes: raised and resolved again, nothing new in the channel; the first
    // post is updated in place, to say it came back and then that it resolved again.
    const hhmm = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: shopTimezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
    const again = new Date(t0.getTime() + 60_000);
    for (const m of await sync([oat], again)) expect(await consume(m)).toBe("handled");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.posted).toHaveLength(2);
    expect(slack.updated).toHaveLength(1);
    const first = parseSlackRef((await db.integrationDelivery.findFirstOrThrow({ where: { kind: "agent.alert" } })).externalRef)!;
    expect(slack.updated[0]).toMatchObject({ channel: first.channel, ts: first.ts, text: `Critical at ${shopName}: ${oat.message}` });
    expect(JSON.stringify(slack.updated[0]!.blocks)).toContain(`:repeat: Raised again, last at ${hhmm(again)}: ${oat.message}`);
    expect(JSON.stringify(slack.updated[0]!.blocks)).toContain("gocoffee.ack"); // still the alert, with its buttons
    for (const m of await sync([], new Date(t0.getTime() + 120_000))) expect(await consume(m)).toBe("handled");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.updated).toHaveLength(2);
    expect(JSON.stringify(slack.updated[1]!.blocks)).toContain(`:white_check_mark: Raised again at `);
    expect(slack.posted).toHaveLength(2);
    // A third raise in the window counts the repeats; a redelivered raise records nothing more.
    const third = await sync([oat], new Date(t0.getTime() + 180_000));
    for (const m of third) expect(await consume(m)).toBe("handled");
    for (const m of third) expect(await consume(m)).toBe("duplicate");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(JSON.stringify(slack.updated[2]!.blocks)).toContain(`Raised again (2 times since), last at ${hhmm(new Date(t0.getTime() + 180_000))}`);
    for (const m of await sync([], new Date(t0.getTime() + 240_000))) await consume(m);
    await dispatcher().runOnce();
    expect(await db.integrationDelivery.count({ where: { kind: "agent.alert" } })).toBe(1);
    expect(slack.posted).toHaveLength(2);

    // Another subject is not merged; the same one after the window is posted again.
    for (const m of await sync([{ ...oat, subject: "out:test-milk", message: "Out of whole milk" }])) await consume(m);
    expect(await db.integrationDelivery.count({ where: { kind: "agent.alert" } })).toBe(2);
    for (const m of await sync([oat], new Date(Date.now() + 31 * 60_000))) await consume(m);
    expect(await db.integrationDelivery.count({ where: { kind: "agent.alert" } })).toBe(3);
  });

  it("sends 'resolved' only after its raise was posted, and never when the raise died", async () => {
    await connect(["agent.alert"]);
    for (const m of await sync([oat])) await consume(m);
    for (const m of await sync([])) await consume(m);
    expect(await db.integrationDelivery.count()).toBe(2);
    slack.failNext(1, 500);
    // The follow-up is not even claimed while its raise is pending; the raise dies (no retries here).
    expect(await dispatcher(0).runOnce()).toEqual(["dead"]);
    expect(await dispatcher(0).runOnce()).toEqual(["skipped"]);
    expect(slack.posted).toHaveLength(0);
    const [skipped] = await deliveryLog(db);
    expect(skipped).toMatchObject({ kind: "agent.alert.resolved", status: "DEAD", lastError: "Not sent: the message it follows up was never posted" });
  });

  it("posts at most the limit of raised alerts per connection per hour; paused connections record nothing", async () => {
    await connect(["agent.alert"]);
    const paused = await connect(["agent.alert"], { name: "Paused" });
    await db.integration.update({ where: { id: paused.id }, data: { status: "PAUSED" } });
    const at = new Date();
    const limit = { max: 2, windowMs: 60 * 60_000 };
    const recorded = await db.$transaction(async (tx) => {
      let n = 0;
      for (const i of [1, 2, 3]) {
        const alertId = crypto.randomUUID();
        n += await recordAgentAlert(tx, { id: crypto.randomUUID(), occurredAt: at.toISOString(), payload: { alertId, agent: "feedback", shopId, subject: `run:test-${i}`, severity: "warning", message: `Bad ratings about ${i}`, resolved: false } }, APP, log, limit);
      }
      return n;
    });
    expect(recorded).toBe(2);
    expect(await db.integrationDelivery.count({ where: { integrationId: paused.id } })).toBe(0);
  });
});

describe("proposals to approve from Slack", () => {
  const post = async (body: string, headers: Record<string, string>) => {
    const { POST } = await import("@/app/api/integrations/slack/interactivity/route");
    return POST(new Request("http://127.0.0.1/api/integrations/slack/interactivity", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body }));
  };
  const signed = (body: string, ts = Math.floor(Date.now() / 1000)) => ({ "x-slack-request-timestamp": String(ts), "x-slack-signature": signSlackRequest(SECRET, String(ts), body) });
  const press = (user: string, key: string, ts: string, action: "approve" | "reject" = "approve") =>
    `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: { id: user, username: user.toLowerCase() }, channel: { id: "C0FAKE" }, container: { type: "message", message_ts: ts, channel_id: "C0FAKE" }, actions: [{ action_id: `gocoffee.proposal.${action}`, value: key }] }))}`;
  const status = async (id: string) => (await db.agentProposal.findUniqueOrThrow({ where: { id } })).status;

  /** An agent proposes a purchase order; the consumer and the dispatcher post it; returns its id, the button's key and the message ts. */
  async function proposed(): Promise<{ id: string; key: string; ts: string }> {
    const id = await db.$transaction((tx) =>
      createProposal(tx, { agent: "inventory", shopId, kind: "purchase_order", subject: `po:test-${randomBytes(4).toString("hex")}`, title: "Order 12 L oat milk (2 × 6 L) from Plant Milk Wholesale", payload: {}, runId: null, ttlHours: 48 }),
    );
    const row = await db.outboxEvent.findFirstOrThrow({ where: { type: "agents.proposal_created", key: id } });
    expect(await consume(messageOf(row))).toBe("handled");
    expect(await consume(messageOf(row))).toBe("duplicate");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    const delivery = await db.integrationDelivery.findFirstOrThrow({ where: { kind: "agent.proposal", idempotencyKey: { contains: id } } });
    expect(delivery.externalRef).toMatch(/^C0FAKE:\d+\.\d+$/); // the channel's id and the ts: what chat.update needs
    return { id, key: delivery.idempotencyKey, ts: parseSlackRef(delivery.externalRef)!.ts };
  }

  it("posts a new proposal with Approve / Reject to the connections that take proposals", async () => {
    await connect(["agent.proposal"]);
    await connect(["agent.alert"], { name: "Alerts only" });
    const { key } = await proposed();
    expect(slack.posted).toHaveLength(1);
    expect(slack.posted[0]!.text).toBe(`To approve at ${shopName}: Order 12 L oat milk (2 × 6 L) from Plant Milk Wholesale`);
    const blocks = slack.posted[0]!.blocks as { type: string; elements?: { action_id: string; value?: string; text: { text: string } }[] }[];
    const buttons = blocks.find((b) => b.type === "actions")!.elements!;
    expect(buttons.map((b) => [b.text.text, b.action_id, b.value])).toEqual([
      ["Approve", "gocoffee.proposal.approve", key],
      ["Reject", "gocoffee.proposal.reject", key],
      ["Open in Go Coffee", "gocoffee.open", undefined],
    ]);
    expect(JSON.stringify(blocks)).toContain("Purchase order to approve");
  });

  it("a stranger with curl (unsigned, forged, stale, altered) gets 401 and nothing changes", async () => {
    await connect(["agent.proposal"]);
    const { id, key, ts } = await proposed();
    slack.addUser("UMARCO", "manager@gocoffee.test");
    const body = press("UMARCO", key, ts);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": `v0=${randomBytes(32).toString("hex")}` })).status).toBe(401);
    expect((await post(body, signed(body, Math.floor(Date.now() / 1000) - 6 * 60))).status).toBe(401);
    expect((await post(press("UMARCO", key, ts, "reject"), signed(body))).status).toBe(401);
    expect(await status(id)).toBe("PENDING");
    expect(slack.updated).toHaveLength(0);
    expect(slack.calls.filter((c) => c.method === "users.info")).toHaveLength(0);
  });

  it("refuses a Slack user who is not a manager of the shop (unknown address, a barista, an unconfirmed address, no email) with an ephemeral reason", async () => {
    await connect(["agent.proposal"]);
    const { id, key, ts } = await proposed();
    const unconfirmed = await db.user.create({ data: { email: `unconfirmed-${Date.now()}@example.com`, name: "Not Yet", role: "MANAGER" } });
    await db.shopMember.create({ data: { shopId, userId: unconfirmed.id, role: "MANAGER" } });
    slack.addUser("USTRANGER", "stranger@example.com");
    slack.addUser("UBEA", "barista@gocoffee.test");
    slack.addUser("UNOTYET", unconfirmed.email!);
    slack.addUser("UNOMAIL", null);
    for (const user of ["USTRANGER", "UBEA", "UNOTYET", "UNOMAIL"]) {
      const body = press(user, key, ts);
      const r = await post(body, signed(body));
      expect(r.status).toBe(200);
      expect(((await r.json()) as { proposals: { outcome: string }[] }).proposals[0]!.outcome).toBe("refused");
    }
    expect(await status(id)).toBe("PENDING");
    expect(slack.updated).toHaveLength(0);
    expect(slack.ephemeral.map((e) => e.user)).toEqual(["USTRANGER", "UBEA", "UNOTYET", "UNOMAIL"]);
    expect(slack.ephemeral[0]!.text).toMatch(new RegExp(`^Only a manager of ${shopName} in Go Coffee can decide this.*Nothing was changed\\. If you manage it under another address, link this Slack user to your Go Coffee account \\(the link works once, for 30 minutes\\): ${APP}/slack-link/[A-Za-z0-9_-]{43}$`));
    expect(slack.ephemeral[3]!.text).toMatch(/users:read\.email/);
    expect(await db.auditEntry.count({ where: { target: `proposal:${id}` } })).toBe(0);
  });

  it("a manager whose Slack address is not their Go Coffee one links their Slack user from the refusal's one-time link, then decides as themselves; unlinked, they are refused again", async () => {
    const { id: integrationId } = await connect(["agent.proposal"]);
    const { id, key, ts } = await proposed();
    slack.addUser("UMARCOHOME", "marco@home.example");
    const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } });
    const barista = await db.user.findUniqueOrThrow({ where: { email: "barista@gocoffee.test" } });
    const pressAs = async (user: string) => {
      const body = press(user, key, ts);
      return ((await (await post(body, signed(body))).json()) as { proposals: { outcome: string }[] }).proposals[0]!.outcome;
    };
    const linkToken = () => /\/slack-link\/([A-Za-z0-9_-]{43})$/.exec(slack.ephemeral.at(-1)!.text)![1]!;

    expect(await pressAs("UMARCOHOME")).toBe("refused");
    const first = linkToken();
    expect(await pressAs("UMARCOHOME")).toBe("refused"); // pressing again replaces the link: the first no longer works
    const token = linkToken();
    expect(await slackLinkOffer(db, first)).toBeNull();
    await expect(acceptSlackLink(db, first, { id: manager.id, email: manager.email! })).rejects.toThrow(/not valid/);
    expect(await slackLinkOffer(db, token)).toMatchObject({ slackUserId: "UMARCOHOME", slackName: "umarcohome", connection: "Agents" });
    expect(await slackLinkOffer(db, "not-a-token")).toBeNull();
    expect(await slackLinkOffer(db, token, new Date(Date.now() + 31 * 60_000))).toBeNull(); // 30 minutes
    expect(await status(id)).toBe("PENDING");

    // Spent once, audited; the Slack user now acts as the manager.
    expect(await acceptSlackLink(db, token, { id: manager.id, email: manager.email! })).toEqual({ slackName: "umarcohome", connection: "Agents" });
    await expect(acceptSlackLink(db, token, { id: barista.id, email: barista.email! })).rejects.toThrow(/not valid/);
    expect(await db.auditEntry.count({ where: { action: "slack.user.linked", actorId: manager.id, target: `integration:${integrationId}` } })).toBe(1);
    expect(await slackLinksOf(db, manager.id)).toEqual([expect.objectContaining({ integrationId, connection: "Agents", slackUserId: "UMARCOHOME" })]);
    const usersInfo = slack.calls.filter((c) => c.method === "users.info").length;
    expect(await pressAs("UMARCOHOME")).toBe("approved");
    expect(slack.calls.filter((c) => c.method === "users.info")).toHaveLength(usersInfo); // the link decides: no email asked for
    expect(await db.agentProposal.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", decidedBy: manager.id });

    // Only the account's own links can be removed; once removed, the Slack user is a stranger again.
    await expect(unlinkSlackUser(db, { id: barista.id, email: barista.email! }, integrationId, "UMARCOHOME")).rejects.toThrow(/not linked to your account/);
    await unlinkSlackUser(db, { id: manager.id, email: manager.email! }, integrationId, "UMARCOHOME");
    expect(await slackLinksOf(db, manager.id)).toEqual([]);
    const next = await proposed();
    const body = press("UMARCOHOME", next.key, next.ts);
    expect(((await (await post(body, signed(body))).json()) as { proposals: { outcome: string }[] }).proposals[0]!.outcome).toBe("refused");
    expect(await status(next.id)).toBe("PENDING");
  });

  it("a Slack user linked to a barista is still refused (the policy decides, not the link); removing the connection removes its links", async () => {
    const { id: integrationId } = await connect(["agent.proposal"]);
    const { id, key, ts } = await proposed();
    slack.addUser("UBEAHOME", null);
    const barista = await db.user.findUniqueOrThrow({ where: { email: "barista@gocoffee.test" } });
    const body = press("UBEAHOME", key, ts);
    await post(body, signed(body));
    await acceptSlackLink(db, /\/slack-link\/([A-Za-z0-9_-]{43})$/.exec(slack.ephemeral.at(-1)!.text)![1]!, { id: barista.id, email: barista.email! });
    const again = await post(body, signed(body));
    expect(((await again.json()) as { proposals: { outcome: string }[] }).proposals[0]!.outcome).toBe("refused");
    expect(slack.ephemeral.at(-1)!.text).toMatch(/the Go Coffee account this Slack user is linked to is not one/);
    expect(await status(id)).toBe("PENDING");
    await db.integration.delete({ where: { id: integrationId } });
    expect(await db.slackUserLink.count({ where: { integrationId } })).toBe(0);
    expect(await db.slackLinkRequest.count({ where: { integrationId } })).toBe(0);
  });

  it("a manager's signed Approve decides it once, audited, and the message shows who; a second press changes nothing", async () => {
    await connect(["agent.proposal"]);
    const { id, key, ts } = await proposed();
    slack.addUser("UMARCO", "Manager@GoCoffee.test"); // Slack's case, our confirmed address
    const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } });
    const body = press("UMARCO", key, ts);
    const r = await post(body, signed(body));
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ acknowledged: 0, proposals: [{ proposalId: id, outcome: "approved" }] });
    const decided = await db.agentProposal.findUniqueOrThrow({ where: { id } });
    expect(decided).toMatchObject({ status: "APPROVED", decidedBy: manager.id });
    const audit = await db.auditEntry.findMany({ where: { target: `proposal:${id}` } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "agents.proposal.approved", actorId: manager.id, summary: "Approved: Order 12 L oat milk (2 × 6 L) from Plant Milk Wholesale (from Slack)" });
    expect(await db.outboxEvent.count({ where: { type: "agents.proposal_decided", key: id } })).toBe(1);
    expect(slack.updated).toHaveLength(1);
    expect(slack.updated[0]).toMatchObject({ channel: "C0FAKE", ts });
    expect(JSON.stringify(slack.updated[0]!.blocks)).toMatch(/Approved by Marco Rossi at /);
    expect(JSON.stringify(slack.updated[0]!.blocks)).not.toContain("gocoffee.proposal.approve");

    // Pressed again (or Reject from another client): already approved, nothing changes.
    const again = press("UMARCO", key, ts, "reject");
    expect(((await (await post(again, signed(again))).json()) as { proposals: { outcome: string; reason: string }[] }).proposals[0]).toMatchObject({ outcome: "refused", reason: "This proposal was already approved. Nothing was changed." });
    expect(await status(id)).toBe("APPROVED");
    expect(await db.auditEntry.count({ where: { target: `proposal:${id}` } })).toBe(1);
    expect(slack.ephemeral.at(-1)!.text).toBe("This proposal was already approved. Nothing was changed.");
  });

  it("respects expiry: a press after the proposal's time decides nothing and the message says it expired", async () => {
    await connect(["agent.proposal"]);
    const { id, key, ts } = await proposed();
    await db.agentProposal.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    slack.addUser("UMARCO", "manager@gocoffee.test");
    const body = press("UMARCO", key, ts);
    expect(((await (await post(body, signed(body))).json()) as { proposals: { outcome: string }[] }).proposals[0]!.outcome).toBe("refused");
    expect(await status(id)).toBe("PENDING");
    expect(JSON.stringify(slack.updated.at(-1)!.blocks)).toContain("Expired undecided");
  });

  it("decided on the Agents page or expired: the posted message is updated once, its buttons gone", async () => {
    await connect(["agent.proposal"]);
    const decidedEvent = async (id: string) => messageOf(await db.outboxEvent.findFirstOrThrow({ where: { type: "agents.proposal_decided", key: id } }));
    const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } });
    const web = await proposed();
    await decideProposal(db, { id: manager.id, email: manager.email! }, shopId, { proposalId: web.id, decision: "REJECTED" });
    const event = await decidedEvent(web.id);
    expect(await consume(event)).toBe("handled");
    expect(await consume(event, "integrations-replay")).toBe("handled");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.posted).toHaveLength(1); // updated in place, not posted again
    expect(slack.updated).toHaveLength(1);
    expect(slack.updated[0]).toMatchObject({ channel: "C0FAKE", ts: web.ts });
    expect(JSON.stringify(slack.updated[0]!.blocks)).toMatch(/Rejected by Marco Rossi at /);
    expect(JSON.stringify(slack.updated[0]!.blocks)).not.toContain("gocoffee.proposal.");

    const late = await proposed();
    await db.agentProposal.update({ where: { id: late.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await db.$transaction((tx) => expireProposals(tx, shopId));
    expect(await consume(await decidedEvent(late.id))).toBe("handled");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(slack.updated.at(-1)).toMatchObject({ ts: late.ts });
    expect(JSON.stringify(slack.updated.at(-1)!.blocks)).toContain("Expired undecided");
  });

  it("decided while its post waited to be sent: the post goes out and is updated at once, its buttons gone", async () => {
    await connect(["agent.proposal"]);
    const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } });
    const id = await db.$transaction((tx) =>
      createProposal(tx, { agent: "inventory", shopId, kind: "purchase_order", subject: `po:test-${randomBytes(4).toString("hex")}`, title: "Order 6 L oat milk (1 × 6 L) from Plant Milk Wholesale", payload: {}, runId: null, ttlHours: 48 }),
    );
    expect(await consume(messageOf(await db.outboxEvent.findFirstOrThrow({ where: { type: "agents.proposal_created", key: id } })))).toBe("handled");
    // Decided on the Agents page before the engine sent the post: nothing posted yet, so nothing to update yet.
    await decideProposal(db, { id: manager.id, email: manager.email! }, shopId, { proposalId: id, decision: "REJECTED" });
    const decided = messageOf(await db.outboxEvent.findFirstOrThrow({ where: { type: "agents.proposal_decided", key: id } }));
    expect(await consume(decided)).toBe("handled");
    expect(await db.integrationDelivery.count({ where: { kind: "agent.proposal.decided", idempotencyKey: { contains: id } } })).toBe(0);

    const engine = createDispatcher({ db, ring, slack: adapter, log, retries: 2, minBackoffMs: 10, maxBackoffMs: 50, afterDelivered: (posted) => updateIfDecidedMeanwhile(db, posted, APP) });
    expect(await engine.runOnce()).toEqual(["delivered"]); // the post, with its buttons
    expect(await engine.runOnce()).toEqual(["delivered"]); // and at once its update
    const post = await db.integrationDelivery.findFirstOrThrow({ where: { kind: "agent.proposal", idempotencyKey: { contains: id } } });
    expect(slack.posted).toHaveLength(1);
    expect(slack.updated).toHaveLength(1);
    expect(slack.updated[0]).toMatchObject({ channel: "C0FAKE", ts: parseSlackRef(post.externalRef)!.ts });
    expect(JSON.stringify(slack.updated[0]!.blocks)).toMatch(/Rejected by Marco Rossi at /);
    expect(JSON.stringify(slack.updated[0]!.blocks)).not.toContain("gocoffee.proposal.");
    // The decision heard again (a replay) records no second update.
    expect(await consume(decided, "integrations-replay")).toBe("handled");
    expect(await engine.runOnce()).toEqual([]);
    expect(slack.updated).toHaveLength(1);
  });

  it("a signed press naming a message we never sent decides nothing", async () => {
    await connect(["agent.proposal"]);
    const { id, ts } = await proposed();
    slack.addUser("UMARCO", "manager@gocoffee.test");
    const body = press("UMARCO", `agent.proposal:${id}:${crypto.randomUUID()}`, ts);
    expect(((await (await post(body, signed(body))).json()) as { proposals: { outcome: string }[] }).proposals[0]!.outcome).toBe("refused");
    expect(await status(id)).toBe("PENDING");
  });
});
