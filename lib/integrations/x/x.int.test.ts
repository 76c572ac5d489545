import type { Producer } from "kafkajs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decideProposal } from "@/lib/agents/core/proposals";
import { draftDailySpecial, draftProductPost, type SocialPostPayload } from "@/lib/agents/social/agent";
import { approvePost, socialPosts } from "@/lib/agents/social/manage";
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
import { FAKE_X_CLIENT_ID, startFakeX, type FakeX } from "@/scripts/testing/fake-x";
import { decrypt, encrypt } from "../crypto";
import { createDispatcher } from "../dispatcher";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "../handlers";
import { integrationSettings } from "../setup";
import { connectMastodon, enqueueTest, removeIntegration } from "../store";
import { xLength } from "./text";
import { parseXCredential, refreshXTokens } from "./oauth";
import { connectX, finishXAuthorization, startXAuthorization, startXReauthorization } from "./store";

/**
 * Approved social posts on X, end to end against the real PostgreSQL, real Kafka (topics of this
 * run's own prefix), the real `twitter-api-v2` client and a local fake X API (and the fake
 * Mastodon beside it): an approval through Kafka twice → one delivery per connection; the engine
 * uploads the PNG (v2 chunked upload), posts once with the text fitted to 280 and records the
 * x.com link; a replay records nothing; the same delivery sent again is refused by X as a
 * duplicate, so still one post; a refused token breaks the connection; a 500 is retried.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("x-test");
const APP = "http://localhost:3000";
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const settings = { ...kafkaSettings(), prefix: `${kafkaSettings().prefix}x-${stamp}.` };
const kafka = createKafka(settings);
const { ring, slack, mastodon, x: adapter, clickup } = integrationSettings(env());
const dispatcher = () => createDispatcher({ db, ring, slack, mastodon, x: adapter, log, retries: 1, minBackoffMs: 10, maxBackoffMs: 50 });
let fake: FakeX;
let fakeMastodon: FakeMastodon;
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
  fake = await startFakeX(0);
  fakeMastodon = await startFakeMastodon(0);
  await ensureTopics(kafka, settings);
  producer = createProducer(kafka);
  await producer.connect();
});
beforeEach(async () => {
  await db.integration.deleteMany();
  await db.agentProposal.deleteMany({ where: { agent: "social" } });
  fake.reset();
  fakeMastodon.reset();
});
afterAll(async () => {
  await producer?.disconnect();
  await fake?.close();
  await fakeMastodon?.close();
  await db.$disconnect();
});

describe("social posts to X", () => {
  it("refuses a wrong token at connect time with X's answer, and a base URL with a path or plain http elsewhere, storing nothing", async () => {
    await expect(connectX(db, ring, adapter, { name: "Bad", apiUrl: fake.url, token: "invalid-token", shopIds: [shopId] })).rejects.toThrow(/X refused the access token \(401: Unauthorized/);
    await expect(connectX(db, ring, adapter, { name: "Bad", apiUrl: `${fake.url}/2`, token: "t", shopIds: [] })).rejects.toThrow(/https address/);
    await expect(connectX(db, ring, adapter, { name: "Bad", apiUrl: "http://api.x.com", token: "t", shopIds: [] })).rejects.toThrow(/https address/);
    expect(await db.integration.count({ where: { kind: "X" } })).toBe(0);
  });

  it("an approval through Kafka twice posts once on X (cut to 280, the link kept, one PNG) and once on Mastodon (in full); the x.com link is shown", async () => {
    const { id: xId } = await connectX(db, ring, adapter, { name: "Go Coffee on X", apiUrl: fake.url, token: "good-x-token", shopIds: [shopId] });
    const row = await db.integration.findUniqueOrThrow({ where: { id: xId } });
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.credentials).not.toContain("good-x-token");
    expect(row.config).toEqual({ apiUrl: fake.url, account: "@gocoffee", username: "gocoffee" });
    await connectMastodon(db, ring, mastodon, { name: "Go Coffee on Mastodon", instanceUrl: fakeMastodon.url, token: "good-token", shopIds: [] });

    const drafted = await draftDailySpecial(db, deps(), shopId);
    const proposal = await db.agentProposal.findUniqueOrThrow({ where: { id: drafted.proposalId! } });
    const payload = proposal.payload as SocialPostPayload;
    // The manager lengthens it past X's limit (still within Mastodon's 500 and the post checks).
    const long = `${payload.text} ${"Slow mornings deserve a proper cup, made with care by the whole team. ".repeat(5)}${stamp}`.slice(0, 490);
    expect(long.length).toBeGreaterThan(300);
    await approvePost(db, manager, shopId, { proposalId: proposal.id, text: long });
    const events = await outbox("agents.proposal_decided", proposal.id);
    expect((await throughKafka(events)).sort()).toEqual(["duplicate", "handled"]);
    const deliveries = await db.integrationDelivery.findMany({ where: { kind: "social.post" }, include: { integration: { select: { kind: true } } } });
    expect(deliveries.map((d) => d.integration.kind).sort()).toEqual(["MASTODON", "X"]);

    expect(await dispatcher().runOnce()).toEqual(["delivered", "delivered"]);
    expect(fake.posts).toHaveLength(1);
    const post = fake.posts[0]!;
    expect(xLength(post.text)).toBeLessThanOrEqual(280);
    // The menu link sits before the cut: it stays where it was, whole; the text ends at a word with "…".
    expect(post.text).toContain(`${APP}/shops/sfo-terminal-2 `);
    expect(post.text).toMatch(/[a-z]…$/);
    expect(long.startsWith(post.text.replace(/…$/, ""))).toBe(true);
    expect(post.mediaIds).toHaveLength(1);
    expect(fake.media.get(post.mediaIds[0]!)).toMatchObject({ mediaType: "image/png", isPng: true, finalized: true, altText: `Illustration of ${payload.productName}` });
    expect(fake.media.get(post.mediaIds[0]!)!.size).toBeGreaterThan(1000);
    expect(fakeMastodon.statuses.map((s) => s.text)).toEqual([long]);

    const xDelivery = deliveries.find((d) => d.integration.kind === "X")!;
    const delivered = await db.integrationDelivery.findUniqueOrThrow({ where: { id: xDelivery.id } });
    expect(delivered).toMatchObject({ status: "DELIVERED", externalRef: `https://x.com/gocoffee/status/${post.id}` });
    // What was published is what the delivery recorded.
    expect((delivered.message as { text: string }).text).toBe(post.text);
    const [view] = (await socialPosts(db, shopId)).filter((p) => p.id === proposal.id);
    expect(view).toMatchObject({ state: "published" });
    expect(view!.links).toContainEqual({ service: "X", url: `https://x.com/gocoffee/status/${post.id}` });
    expect(view!.links.map((l) => l.service).sort()).toEqual(["Mastodon", "X"]);

    // A replay by another consumer group records nothing more.
    await throughKafka(events, `${INTEGRATIONS_CONSUMER}-replay`);
    expect(await db.integrationDelivery.count({ where: { kind: "social.post" } })).toBe(2);
    // The same delivery sent again (its answer lost, its lease ran out): X has no Idempotency-Key,
    // but refuses the same text as a duplicate; the delivery says so, and nothing is posted twice.
    await db.integrationDelivery.update({ where: { id: delivered.id }, data: { status: "PENDING", nextAttemptAt: new Date() } });
    expect(await dispatcher().runOnce()).toEqual(["dead"]);
    expect(fake.posts).toHaveLength(1);
    const again = await db.integrationDelivery.findUniqueOrThrow({ where: { id: delivered.id } });
    expect(again.lastError).toMatch(/X refused the post as a duplicate \(403: You are not allowed to create a Tweet with duplicate content\.\): the same text was most likely published already/);
    expect((await db.integration.findUniqueOrThrow({ where: { id: xId } })).status).toBe("ACTIVE");
  });

  it("a server error is retried and posts once; a 429 waits for the window and posts once", async () => {
    await connectX(db, ring, adapter, { name: "Flaky", apiUrl: fake.url, token: "good-x-token", shopIds: [] });
    const product = await db.shopProduct.findFirstOrThrow({ where: { shopId, product: { imageUrl: { startsWith: "/menu/" } } }, select: { productId: true } });
    const first = await draftProductPost(db, deps(), shopId, product.productId);
    await decideProposal(db, manager, shopId, { proposalId: first.proposalId!, decision: "APPROVED" });
    await throughKafka(await outbox("agents.proposal_decided", first.proposalId!));
    fake.failNext(1, 500);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.calls.filter((c) => c.status === 500)).toHaveLength(1);
    expect(fake.posts).toHaveLength(1);
    const delivery = await db.integrationDelivery.findFirstOrThrow({ where: { kind: "social.post" } });
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 2 });

    const second = await draftDailySpecial(db, deps(), shopId);
    await decideProposal(db, manager, shopId, { proposalId: second.proposalId!, decision: "APPROVED" });
    await throughKafka(await outbox("agents.proposal_decided", second.proposalId!));
    fake.failNext(1, 429);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.calls.filter((c) => c.status === 429)).toHaveLength(1);
    expect(fake.posts).toHaveLength(2);
  });

  it("a refused token marks the connection BROKEN and holds the post, nothing posted", async () => {
    const { id } = await connectX(db, ring, adapter, { name: "Soon revoked", apiUrl: fake.url, token: "good-x-token", shopIds: [] });
    // The token is revoked at X after connecting.
    await db.integration.update({ where: { id }, data: { credentials: encrypt(ring, "revoked-token", id) } });
    const drafted = await draftDailySpecial(db, deps(), shopId);
    await decideProposal(db, manager, shopId, { proposalId: drafted.proposalId!, decision: "APPROVED" });
    await throughKafka(await outbox("agents.proposal_decided", drafted.proposalId!));
    expect(await dispatcher().runOnce()).toEqual(["held"]);
    const broken = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(broken.status).toBe("BROKEN");
    expect(broken.statusReason).toMatch(/X refused the access token \(401: Unauthorized\)/);
    expect(await db.integrationDelivery.findFirstOrThrow({ where: { integrationId: id } })).toMatchObject({ status: "PENDING" });
    expect(fake.posts).toHaveLength(0);
    const [post] = (await socialPosts(db, shopId)).filter((p) => p.id === drafted.proposalId);
    expect(post).toMatchObject({ state: "held" });
  });

  it("'Send a test' checks the token with GET /2/users/me and posts nothing", async () => {
    const { id } = await connectX(db, ring, adapter, { name: "Test", apiUrl: fake.url, token: "good-x-token", shopIds: [] });
    const { deliveryId } = await enqueueTest(db, id, "Ada");
    expect(await dispatcher().deliverOne(deliveryId)).toBe("delivered");
    expect((await db.integrationDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).externalRef).toBe("https://x.com/gocoffee");
    expect(fake.posts).toHaveLength(0);
    expect(fake.calls.map((c) => c.path)).toEqual(["/2/users/me", "/2/users/me"]);
  });
});

describe("connecting through X's consent page (OAuth 2.0 with PKCE), and tokens that renew", () => {
  const admin = crypto.randomUUID();
  const callback = `${APP}/api/integrations/x/callback`;
  /** The admin's browser on X's consent page: the page, then a button; answers where X sends it back. */
  async function consent(url: string, decision: "allow" | "deny" = "allow"): Promise<URL> {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Go Coffee wants to access your X account");
    const form = new URLSearchParams([...new URL(url).searchParams, ["decision", decision]]);
    const answer = await fetch(new URL("/i/oauth2/authorize", url), { method: "POST", body: form, redirect: "manual" });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get("location")!);
  }
  const start = (input: object = {}) => startXAuthorization(db, ring, { name: "Go Coffee on X", apiUrl: fake.url, clientId: FAKE_X_CLIENT_ID, shopIds: [shopId], ...input }, admin, callback);
  const answer = (back: URL) => ({ state: back.searchParams.get("state"), code: back.searchParams.get("code"), error: back.searchParams.get("error") });
  const finish = (sealed: string, back: URL, adminId = admin) => finishXAuthorization(db, ring, adapter, { sealed, adminId, ...answer(back), redirectUri: callback });
  const stored = async (id: string) => parseXCredential(decrypt(ring, (await db.integration.findUniqueOrThrow({ where: { id } })).credentials, id).plaintext);
  const approvedPost = async () => {
    const drafted = await draftDailySpecial(db, deps(), shopId);
    await decideProposal(db, manager, shopId, { proposalId: drafted.proposalId!, decision: "APPROVED" });
    await throughKafka(await outbox("agents.proposal_decided", drafted.proposalId!));
    await db.agentProposal.deleteMany({ where: { agent: "social" } }); // the next special may be drafted again
  };

  it("sends the admin to X with PKCE and offline.access, and stores the connection only for the same admin's browser, the same state and a code X accepts", async () => {
    const { url, sealed } = await start();
    const link = new URL(url);
    expect(link.origin + link.pathname).toBe(`${fake.url}/i/oauth2/authorize`);
    expect(Object.fromEntries(link.searchParams)).toMatchObject({ response_type: "code", client_id: FAKE_X_CLIENT_ID, redirect_uri: callback, code_challenge_method: "s256", scope: "tweet.read tweet.write users.read media.write offline.access" });
    // The sealed start reveals nothing of the verifier.
    expect(sealed).not.toContain(link.searchParams.get("state")!);

    // Declined on X: nothing stored.
    await expect(finish(sealed, await consent(url, "deny"))).rejects.toThrow("X connection not made: the X account did not authorize Go Coffee.");
    const back = await consent(url);
    // Another admin's browser, a forged state, a cookie from another start: refused, nothing stored.
    await expect(finish(sealed, back, crypto.randomUUID())).rejects.toThrow(/this browser did not start it/);
    const forged = new URL(back);
    forged.searchParams.set("state", "x".repeat(back.searchParams.get("state")!.length));
    await expect(finish(sealed, forged)).rejects.toThrow(/does not belong to the request/);
    await expect(finish((await start()).sealed, back)).rejects.toThrow(/does not belong to the request/);
    expect(await db.integration.count({ where: { kind: "X" } })).toBe(0);

    const { id, account } = await finish(sealed, back);
    expect(account).toBe("@gocoffee");
    const tokens = await stored(id);
    expect(tokens).toMatchObject({ clientId: FAKE_X_CLIENT_ID, refreshToken: expect.any(String) });
    expect(tokens.expiresAt! - Date.now()).toBeGreaterThan(7_000_000);
    // The code worked once: the same answer again is refused by X.
    await expect(finish(sealed, back)).rejects.toThrow(/X would not exchange the code/);
    expect(await db.integration.count({ where: { kind: "X" } })).toBe(1);
  });

  it("renews a token about to expire before posting, stores the rotated pair first, and posts with it again next time", async () => {
    fake.tokenLifetime(60); // inside the two minutes' margin: every send renews
    const { url, sealed } = await start();
    const { id } = await finish(sealed, await consent(url));
    const first = await stored(id);

    await approvedPost();
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    const second = await stored(id);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    // X takes the old refresh token no more: only the stored, rotated one can work the next time.
    await approvedPost();
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.posts).toHaveLength(2);
    expect(fake.tokenRequests.map((r) => `${r.grantType} ${r.status}`)).toEqual(["authorization_code 200", "refresh_token 200", "refresh_token 200"]);
    expect((await stored(id)).refreshToken).not.toBe(second.refreshToken);
    fake.tokenLifetime(7200);
  });

  it("a 401 with a fresh-looking token renews once and posts; a refresh X refuses holds the post and asks to connect again", async () => {
    const { url, sealed } = await start();
    const { id } = await finish(sealed, await consent(url));
    await approvedPost();
    fake.failNext(1, 401);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.posts).toHaveLength(1);
    expect(fake.tokenRequests.filter((r) => r.grantType === "refresh_token")).toHaveLength(1);

    // The refresh token no longer works at X (revoked there), and the access token has run out.
    const tokens = await stored(id);
    await db.integration.update({ where: { id }, data: { credentials: encrypt(ring, JSON.stringify({ ...tokens, refreshToken: "revoked-at-x", expiresAt: Date.now() - 1 }), id) } });
    await approvedPost();
    expect(await dispatcher().runOnce()).toEqual(["held"]);
    const broken = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(broken.status).toBe("BROKEN");
    expect(broken.statusReason).toMatch(/X would not renew the access token \(400: Value passed for the token was invalid\.\)\. Connect the account with X again\./);
    expect(fake.posts).toHaveLength(1);

    // "Connect with X again": the same journey renews this connection; the held post goes out.
    const again = await startXReauthorization(db, ring, id, admin, callback);
    const renewed = await finishXAuthorization(db, ring, adapter, { sealed: again.sealed, adminId: admin, ...answer(await consent(again.url)), redirectUri: callback });
    expect(renewed).toEqual({ id, account: "@gocoffee" });
    expect(await db.integration.count({ where: { kind: "X" } })).toBe(1);
    expect(await db.integration.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "ACTIVE", statusReason: null });
    expect((await stored(id)).refreshToken).not.toBe("revoked-at-x");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.posts).toHaveLength(2);
    // A connection made with a pasted token has no client ID to go back to X with.
    const pasted = await connectX(db, ring, adapter, { name: "Pasted", apiUrl: fake.url, token: "good-x-token", shopIds: [] });
    await expect(startXReauthorization(db, ring, pasted.id, admin, callback)).rejects.toThrow(/made with a pasted token/);
  });

  it("removing a connection revokes its tokens at X (refresh token first) and says so in the audit log; a refusal or a pasted token still removes it and says what is left to do", async () => {
    const actor = { id: manager.id, email: manager.email, role: "ADMIN" as const };
    const removed = async (id: string) => {
      await removeIntegration(db, id, actor, { ring, clickup });
      expect(await db.integration.count({ where: { id } })).toBe(0);
      return (await db.auditEntry.findFirstOrThrow({ where: { target: `integration:${id}`, action: "integration.removed" } })).summary;
    };
    const { url, sealed } = await start();
    const { id } = await finish(sealed, await consent(url));
    const tokens = await stored(id);
    expect(await removed(id)).toBe('Removed X "Go Coffee on X" and its delivery log; its tokens revoked at X');
    expect(fake.revocations).toEqual([
      { tokenTypeHint: "refresh_token", token: tokens.refreshToken, known: true },
      { tokenTypeHint: "access_token", token: tokens.accessToken, known: true },
    ]);
    // Dead at X: neither token works any more.
    expect((await fetch(`${fake.url}/2/users/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } })).status).toBe(401);
    expect(fake.tokenRequests.length).toBe(1);
    await expect(refreshXTokens(fake.url, tokens)).rejects.toThrow();

    // X answers 503: removed all the same, and the audit line tells the admin where to finish.
    const next = await start();
    const other = await finish(next.sealed, await consent(next.url));
    fake.failNext(1, 503);
    expect(await removed(other.id)).toMatch(/; X did not confirm revoking its tokens \(503\): remove Go Coffee under "Connected apps" in the X account's settings$/);

    // A pasted token: nothing to revoke it with.
    const pasted = await connectX(db, ring, adapter, { name: "Pasted", apiUrl: fake.url, token: "good-x-token", shopIds: [] });
    fake.revocations.length = 0;
    expect(await removed(pasted.id)).toMatch(/its pasted token was not revoked at X .*regenerate it in X's developer portal$/);
    expect(fake.revocations).toEqual([]);
  });
});
