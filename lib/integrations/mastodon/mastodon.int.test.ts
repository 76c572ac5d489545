import type { Producer } from "kafkajs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decideProposal } from "@/lib/agents/core/proposals";
import { draftDailySpecial, draftProductPost, type SocialPostPayload } from "@/lib/agents/social/agent";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createKafka, createProducer, ensureTopics, kafkaSettings } from "@/lib/kafka/client";
import { runConsumer, type Outcome } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { eventCatalog } from "@/lib/kafka/events";
import { prefixed, TOPICS } from "@/lib/kafka/topics";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { startFakeMastodon, type FakeMastodon } from "@/scripts/testing/fake-mastodon";
import { encrypt } from "../crypto";
import { createDispatcher } from "../dispatcher";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "../handlers";
import { integrationSettings } from "../setup";
import { connectMastodon, enqueueTest } from "../store";
import { socialPosts } from "@/lib/agents/social/manage";

/**
 * The social-media agent's post, end to end against the real PostgreSQL, real Kafka (topics of
 * this run's own prefix), the real `masto` client and a local fake Mastodon: the daily special is
 * drafted by rules, a manager approves it, the approval event goes through Kafka twice to the
 * integrations consumer → one delivery; the engine uploads the PNG and publishes one status with
 * it and an Idempotency-Key; a delivery sent again publishes nothing new; a refused token breaks
 * the connection with nothing lost.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("mastodon-test");
const APP = "http://localhost:3000";
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const settings = { ...kafkaSettings(), prefix: `${kafkaSettings().prefix}social-${stamp}.` };
const kafka = createKafka(settings);
const { ring, slack, mastodon: adapter } = integrationSettings(env());
const dispatcher = () => createDispatcher({ db, ring, slack, mastodon: adapter, log, retries: 1, minBackoffMs: 10, maxBackoffMs: 50 });
let fake: FakeMastodon;
let producer: Producer;
let shopId: string;
let manager: { id: string; email: string };

const deps = () => ({ model: null, appUrl: APP });

async function outbox(type: string, key: string): Promise<Envelope[]> {
  const rows = await db.outboxEvent.findMany({ where: { type, key }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ id: r.id, type: r.type, key: r.key, version: r.version, occurredAt: r.occurredAt.toISOString(), payload: r.payload }));
}

/** Publishes each event twice (a relay restarted between publish and mark-sent) and runs the integrations consumer until it saw both. */
async function throughKafka(events: Envelope[], group = INTEGRATIONS_CONSUMER): Promise<Outcome[]> {
  for (const e of events) {
    const m = { key: e.key, value: encodeEnvelope(e) };
    await producer.send({ topic: prefixed(settings.prefix, TOPICS.agentProposals), acks: -1, messages: [m, m] });
  }
  const ids = new Set(events.map((e) => e.id));
  const outcomes: Outcome[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = await runConsumer({
    kafka,
    db,
    name: group,
    topics: [eventCatalog["agents.proposal_decided"].topic],
    topicPrefix: settings.prefix,
    log,
    batch: integrationHandlers(APP),
    onOutcome: (outcome, m) => {
      const id = (JSON.parse(m.value!.toString()) as { id: string }).id;
      if (!ids.has(id)) return;
      outcomes.push(outcome);
      if (outcomes.length === 2 * events.length) done();
    },
  });
  try {
    await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error(`the consumer saw ${outcomes.length} of ${2 * events.length} messages`)), 45_000))]);
  } finally {
    await consumer.stop();
  }
  return outcomes;
}

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  const shop = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
  shopId = shop.id;
  const m = await db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } });
  manager = { id: m.id, email: m.email! };
  fake = await startFakeMastodon(0);
  await ensureTopics(kafka, settings);
  producer = createProducer(kafka);
  await producer.connect();
});
beforeEach(async () => {
  await db.integration.deleteMany();
  await db.agentProposal.deleteMany({ where: { agent: "social" } });
  fake.reset();
});
afterAll(async () => {
  await producer?.disconnect();
  await fake?.close();
  await db.$disconnect();
});

describe("social posts to Mastodon", () => {
  it("refuses a wrong token at connect time with Mastodon's answer, storing nothing", async () => {
    await expect(connectMastodon(db, ring, adapter, { name: "Bad", instanceUrl: fake.url, token: "invalid-token", shopIds: [shopId] })).rejects.toThrow(/Mastodon refused the access token \(401/);
    await expect(connectMastodon(db, ring, adapter, { name: "Bad", instanceUrl: "http://evil.example/api", token: "t", shopIds: [] })).rejects.toThrow(/https address/);
    expect(await db.integration.count({ where: { kind: "MASTODON" } })).toBe(0);
  });

  it("drafts the special by rules, an approval through Kafka twice publishes one status with one PNG, and the link is shown", async () => {
    const { id: integrationId } = await connectMastodon(db, ring, adapter, { name: "Go Coffee on Mastodon", instanceUrl: fake.url, token: "good-token", shopIds: [shopId] });
    const row = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.credentials).not.toContain("good-token");

    const drafted = await draftDailySpecial(db, deps(), shopId);
    expect(drafted.proposalId).not.toBeNull();
    // Once a local day.
    expect((await draftDailySpecial(db, deps(), shopId)).proposalId).toBeNull();
    const proposal = await db.agentProposal.findUniqueOrThrow({ where: { id: drafted.proposalId! } });
    const payload = proposal.payload as SocialPostPayload;
    expect(proposal.kind).toBe("social_post");
    expect(payload.writtenBy).toBe("rules");
    expect(payload.text).toContain(payload.productName);
    expect(payload.text).toContain(`${APP}/shops/sfo-terminal-2`);
    expect(payload.imagePath).toMatch(/^\/menu\/.+\.svg$/);
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: drafted.runId! } });
    expect(run).toMatchObject({ agent: "social", provider: "rules", outcome: "OK" });

    let [post] = (await socialPosts(db, shopId)).filter((p) => p.id === proposal.id);
    expect(post).toMatchObject({ state: "waiting_approval" });

    await decideProposal(db, manager, shopId, { proposalId: proposal.id, decision: "APPROVED" });
    const events = await outbox("agents.proposal_decided", proposal.id);
    expect(events).toHaveLength(1);
    const outcomes = await throughKafka(events);
    expect(outcomes.sort()).toEqual(["duplicate", "handled"]);
    const deliveries = await db.integrationDelivery.findMany({ where: { kind: "social.post" } });
    expect(deliveries).toHaveLength(1);

    [post] = (await socialPosts(db, shopId)).filter((p) => p.id === proposal.id);
    expect(post).toMatchObject({ state: "publishing" });

    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.statuses).toHaveLength(1);
    const status = fake.statuses[0]!;
    expect(status.text).toBe(payload.text);
    expect(status.idempotencyKey).toBe(`social.post:${proposal.id}:${integrationId}`);
    expect(status.mediaIds).toHaveLength(1);
    const media = fake.media.get(status.mediaIds[0]!)!;
    expect(media).toMatchObject({ contentType: "image/png", isPng: true, description: `Illustration of ${payload.productName}` });
    expect(media.size).toBeGreaterThan(1000);
    const delivered = await db.integrationDelivery.findUniqueOrThrow({ where: { id: deliveries[0]!.id } });
    expect(delivered).toMatchObject({ status: "DELIVERED", externalRef: status.url });

    [post] = (await socialPosts(db, shopId)).filter((p) => p.id === proposal.id);
    expect(post).toMatchObject({ state: "published", links: [{ service: "Mastodon", url: status.url }] });

    // A replay by another consumer group records nothing more.
    await throughKafka(events, `${INTEGRATIONS_CONSUMER}-replay`);
    expect(await db.integrationDelivery.count({ where: { kind: "social.post" } })).toBe(1);
    // The same delivery sent again (its answer lost, the lease ran out): Mastodon's Idempotency-Key returns the same status.
    await db.integrationDelivery.update({ where: { id: delivered.id }, data: { status: "PENDING", nextAttemptAt: new Date() } });
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.statuses).toHaveLength(1);
    expect((await db.integrationDelivery.findUniqueOrThrow({ where: { id: delivered.id } })).externalRef).toBe(status.url);
  });

  it("a refused token marks the connection BROKEN and holds the post; without a connection the post waits", async () => {
    const product = await db.shopProduct.findFirstOrThrow({ where: { shopId, product: { imageUrl: { startsWith: "/menu/" } } }, select: { productId: true } });
    const drafted = await draftProductPost(db, deps(), shopId, product.productId);
    await decideProposal(db, manager, shopId, { proposalId: drafted.proposalId!, decision: "APPROVED" });
    await throughKafka(await outbox("agents.proposal_decided", drafted.proposalId!));
    expect(await db.integrationDelivery.count({ where: { kind: "social.post" } })).toBe(0);
    let [post] = (await socialPosts(db, shopId)).filter((p) => p.id === drafted.proposalId);
    expect(post).toMatchObject({ state: "no_connection" });

    const { id } = await connectMastodon(db, ring, adapter, { name: "Soon revoked", instanceUrl: fake.url, token: "good-token", shopIds: [] });
    // The token is revoked at the instance after connecting.
    await db.integration.update({ where: { id }, data: { credentials: encrypt(ring, "revoked-token", id) } });
    const second = await draftDailySpecial(db, deps(), shopId);
    await decideProposal(db, manager, shopId, { proposalId: second.proposalId!, decision: "APPROVED" });
    await throughKafka(await outbox("agents.proposal_decided", second.proposalId!));
    expect(await dispatcher().runOnce()).toEqual(["held"]);
    const broken = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(broken.status).toBe("BROKEN");
    expect(broken.statusReason).toMatch(/Mastodon refused the access token \(401/);
    expect(await db.integrationDelivery.findFirstOrThrow({ where: { integrationId: id } })).toMatchObject({ status: "PENDING" });
    expect(fake.statuses).toHaveLength(0);
    [post] = (await socialPosts(db, shopId)).filter((p) => p.id === second.proposalId);
    expect(post).toMatchObject({ state: "held" });
  });

  it("'Send a test' checks the token through the engine and publishes nothing", async () => {
    const { id } = await connectMastodon(db, ring, adapter, { name: "Test", instanceUrl: fake.url, token: "good-token", shopIds: [] });
    const { deliveryId } = await enqueueTest(db, id, "Ada");
    expect(await dispatcher().deliverOne(deliveryId)).toBe("delivered");
    expect((await db.integrationDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).externalRef).toBe(`${fake.url}/@gocoffee`);
    expect(fake.statuses).toHaveLength(0);
    expect(fake.calls.map((c) => c.path)).toEqual(["/api/v1/accounts/verify_credentials", "/api/v1/accounts/verify_credentials"]);
  });
});
