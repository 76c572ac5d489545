import { randomBytes } from "node:crypto";
import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateOption, updateProduct } from "@/lib/catalog/edit-menu";
import { createShop } from "@/lib/shops/create-shop";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { startFakeAirtable, type FakeAirtable } from "@/scripts/testing/fake-airtable";
import { reconnect } from "../connections";
import type { KeyRing } from "../crypto";
import { createDispatcher } from "../dispatcher";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "../handlers";
import { integrationSettings } from "../setup";
import { slackAdapter } from "../slack/adapter";
import { deliveryLog, enqueueTest, listIntegrations } from "../store";
import { airtableAdapter } from "./adapter";
import { connectAirtable } from "./store";

/**
 * The menu mirrored to an Airtable base, end to end against the real database, the official
 * `airtable` client and a local fake Airtable (scripts/testing/fake-airtable.ts) that checks the
 * token's scopes and bases and refuses unknown fields as Airtable does: connecting makes the
 * tables, a menu change reaches the base through the catalog event and the integrations consumer,
 * a redelivered event or a repeated send writes nothing twice, 429 is retried, 500 dead-letters,
 * a revoked token holds the mirror until a new one is pasted.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("airtable-test");
const ring: KeyRing = [{ id: "t1", key: randomBytes(32) }];
const SFO = "sfo-terminal-2";
let ADMIN: { id: string; email: string };
let fake: FakeAirtable;
// The menu as seeded: these tests change prices and switches, and the suites after them share the database.
let seededListings: { shopId: string; productId: string; available: boolean; priceOverrideCents: number | null }[];
let seededOptions: { shopId: string; optionId: string; available: boolean; priceDeltaOverrideCents: number | null }[];
let shopId: string;
let baseId: string;
let token: string;
const adapter = () => airtableAdapter(fake.url, { timeoutMs: 2000 });
const dispatcher = () => createDispatcher({ db, ring, slack: slackAdapter("http://127.0.0.1:9/api/"), airtable: adapter(), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
const connect = (over: Record<string, unknown> = {}) => connectAirtable(db, ring, adapter(), { name: "Menu book", base: baseId, token, shopIds: [shopId], ...over });

/** The outbox's newest catalog event, as the integrations consumer receives it from Kafka. */
async function lastCatalogEvent(): Promise<KafkaMessage> {
  const row = await db.outboxEvent.findFirstOrThrow({ where: { type: "catalog.changed" }, orderBy: { seq: "desc" } });
  const envelope = { id: row.id, type: row.type, key: row.key, version: row.version, occurredAt: row.occurredAt.toISOString(), payload: row.payload } as Envelope;
  return { key: Buffer.from(row.key), value: encodeEnvelope(envelope), offset: "0", timestamp: String(Date.now()), attributes: 0, headers: {} } as KafkaMessage;
}
const consume = (message: KafkaMessage) => handleMessage({ db, name: INTEGRATIONS_CONSUMER, log, batch: integrationHandlers("http://localhost:3000") }, message, (reason) => Promise.reject(new Error(reason)));

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  ADMIN = { id: (await db.user.findUniqueOrThrow({ where: { email: "manager@gocoffee.test" } })).id, email: "manager@gocoffee.test" };
  fake = await startFakeAirtable();
  seededListings = await db.shopProduct.findMany();
  seededOptions = await db.shopOption.findMany();
});
beforeEach(async () => {
  await db.integration.deleteMany();
  baseId = fake.createBase("Go Coffee menu").id;
  token = fake.token([baseId]);
  fake.calls.length = 0;
});
afterAll(async () => {
  // What this suite connected goes, so no later suite's dispatcher picks up its deliveries.
  await db.integration.deleteMany();
  await db.$transaction([db.shopProduct.deleteMany(), db.shopProduct.createMany({ data: seededListings }), db.shopOption.deleteMany(), db.shopOption.createMany({ data: seededOptions })]);
  await fake.close();
  await db.$disconnect();
});

describe("connecting a base", () => {
  it("refuses a bad address, a token without the base or the schema scopes and a revoked token; stores nothing until all is well; then makes the three tables", async () => {
    await expect(connect({ base: "https://airtable.com/not-a-base" })).rejects.toThrow(/base's address/);
    await expect(connect({ token: fake.token([fake.createBase("Someone else's").id]) })).rejects.toThrow(`the token cannot reach the base ${baseId}: add it to the token's access`);
    await expect(connect({ token: fake.token([baseId], ["data.records:read", "data.records:write"]) })).rejects.toThrow(/give it the scopes data.records:read, data.records:write, schema.bases:read and schema.bases:write/);
    const revoked = fake.token([baseId]);
    fake.revoke(revoked);
    await expect(connect({ token: revoked })).rejects.toThrow(/Airtable refused the personal access token/);
    expect(await db.integration.count()).toBe(0);
    expect(fake.base(baseId)!.tables).toEqual([]);

    const { id, prepared } = await connect({ base: `https://airtable.com/${baseId}/tblAAAAAAAAAAAAAA/viwBBBBBBBBBBBBBB?blocks=hide` });
    expect(prepared).toEqual(["made the table Menu", "made the table Options", "made the table Recipes"]);
    expect(fake.base(baseId)!.tables.map((t) => t.name)).toEqual(["Menu", "Options", "Recipes"]);
    const stored = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ kind: "AIRTABLE", config: { baseId, baseName: "Go Coffee menu" }, events: ["catalog.mirror"] });
    expect(stored.credentials).not.toContain(token.slice(0, 20));
    const [view] = await listIntegrations(db);
    expect(view).toMatchObject({ kind: "AIRTABLE", channel: "Base “Go Coffee menu”", connectedAs: baseId });
    expect(JSON.stringify(view)).not.toContain(token.slice(0, 20));
  });

  it("completes a table someone made by hand with the fields it lacks, and leaves their own rows alone", async () => {
    await fetch(`${fake.url}/v0/meta/bases/${baseId}/tables`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ name: "Menu", fields: [{ name: "Key", type: "singleLineText" }, { name: "Notes", type: "multilineText" }] }) });
    fake.base(baseId)!.tables[0]!.records.push({ id: "recHANDMADE0000001", createdTime: new Date().toISOString(), fields: { Notes: "ask the roaster about decaf" } });
    const { prepared } = await connect();
    expect(prepared[0]).toBe("added Shop, Product, Category, Price, Currency, Available, Options to Menu");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.rows(baseId, "Menu")).toContainEqual({ Notes: "ask the roaster about decaf" });
  });
});

describe("the mirror", () => {
  it("writes each product, option and recipe line on connecting; a menu change reaches the base through the catalog event; a redelivery or a repeat writes nothing", async () => {
    await connect();
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    const listings = await db.shopProduct.findMany({ where: { shopId, product: { active: true } }, include: { product: { include: { recipe: true } } } });
    const menu = fake.rows(baseId, "Menu");
    expect(menu).toHaveLength(listings.length);
    const latte = listings.find((l) => l.product.slug === "caffe-latte")!;
    expect(menu.find((r) => r.Key === "sfo-terminal-2/caffe-latte")).toMatchObject({ Product: latte.product.name, Price: (latte.priceOverrideCents ?? latte.product.basePriceCents) / 100, Currency: "USD", Available: true, Options: expect.stringMatching(/(^|\n)Milk: .*Oat milk \(\+\$0\.70\)/) });
    expect(fake.rows(baseId, "Recipes")).toHaveLength(listings.reduce((n, l) => n + l.product.recipe.length, 0));
    expect(fake.rows(baseId, "Options").length).toBeGreaterThan(5);

    // A manager raises the latte and turns oat milk off at this shop: two catalog events, as Kafka brings them.
    await updateProduct(db, ADMIN, shopId, { productId: latte.productId, priceCents: 555, available: true });
    expect(await consume(await lastCatalogEvent())).toBe("handled");
    const oat = await db.option.findFirstOrThrow({ where: { slug: "oat", group: { slug: "milk" } } });
    await updateOption(db, ADMIN, shopId, { optionId: oat.id, priceDeltaCents: null, available: false });
    const oatEvent = await lastCatalogEvent();
    expect(await consume(oatEvent)).toBe("handled");
    expect(await consume(oatEvent)).toBe("duplicate");
    fake.calls.length = 0;
    expect(await dispatcher().runOnce()).toEqual(["delivered", "delivered"]);
    expect(fake.rows(baseId, "Menu").find((r) => r.Key === "sfo-terminal-2/caffe-latte")).toMatchObject({ Price: 5.55, Options: expect.not.stringMatching(/Oat/) });
    expect(fake.rows(baseId, "Options").find((r) => r.Key === "sfo-terminal-2/milk/oat")).toMatchObject({ Available: false });
    // The first send changed the latte; the second, the options; nothing was re-created.
    expect(fake.calls.filter((c) => c.startsWith("POST "))).toEqual([]);
    const milky = listings.filter((l) => fake.rows(baseId, "Menu").find((r) => r.Key === `${SFO}/${l.product.slug}`)?.Options?.toString().includes("Milk:")).length;
    expect(fake.calls.filter((c) => /^(PATCH|DELETE) /.test(c))).toEqual(["PATCH Menu 1", ...(milky > 10 ? ["PATCH Menu 10", `PATCH Menu ${milky - 10}`] : [`PATCH Menu ${milky}`]), "PATCH Options 1"]);
    expect(fake.rows(baseId, "Menu")).toHaveLength(listings.length);

    // The same mirror sent again (a retry whose answer was lost): it reads, and writes nothing.
    const [last] = await db.integrationDelivery.findMany({ where: { kind: "catalog.mirror" }, orderBy: { createdAt: "desc" }, take: 1 });
    const connection = await db.integration.findUniqueOrThrow({ where: { id: last!.integrationId } });
    fake.calls.length = 0;
    expect(await adapter().send(token, connection.config as never, last!.message as never)).toBe("Menu +0 ~0 −0; Options +0 ~0 −0; Recipes +0 ~0 −0");
    // Reads only (Recipes has more than Airtable's hundred rows a page, so it takes two).
    expect(new Set(fake.calls)).toEqual(new Set(["GET Menu", "GET Options", "GET Recipes"]));
  });

  it("follows only the shops in its scope, and deletes the rows of a product taken off the menu", async () => {
    await connect();
    await dispatcher().runOnce();
    const other = await db.shop.findFirstOrThrow({ where: { slug: { not: SFO }, active: true, products: { some: {} } } });
    const product = await db.shopProduct.findFirstOrThrow({ where: { shopId: other.id } });
    await updateProduct(db, ADMIN, other.id, { productId: product.productId, priceCents: 123, available: true });
    expect(await consume(await lastCatalogEvent())).toBe("handled");
    expect(await db.integrationDelivery.count({ where: { kind: "catalog.mirror" } })).toBe(1); // only the first, from connecting

    const before = fake.rows(baseId, "Menu").length;
    const gone = await db.shopProduct.findFirstOrThrow({ where: { shopId, product: { slug: { not: "caffe-latte" } } }, include: { product: true } });
    await db.shopProduct.delete({ where: { shopId_productId: { shopId, productId: gone.productId } } });
    await updateProduct(db, ADMIN, shopId, { productId: (await db.product.findUniqueOrThrow({ where: { slug: "caffe-latte" } })).id, priceCents: 560, available: true });
    expect(await consume(await lastCatalogEvent())).toBe("handled");
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.rows(baseId, "Menu")).toHaveLength(before - 1);
    expect(fake.rows(baseId, "Menu").some((r) => r.Key === `${SFO}/${gone.product.slug}`)).toBe(false);
  });

  it("adds a shop opened later to a base that mirrors every shop", async () => {
    const { id } = await connect({ shopIds: [] });
    await dispatcher().runOnce();
    const opened = await createShop(db, ADMIN, { name: "Go Coffee Mirror Test", slug: `mirror-${Date.now().toString(36)}`, addressLine: "1 Broadway", city: "Oakland", postalCode: "94612", country: "US", timezone: "America/Los_Angeles", taxRateBps: 925 });
    try {
      expect(await consume(await lastCatalogEvent())).toBe("handled");
      const [mirror] = await db.integrationDelivery.findMany({ where: { integrationId: id, kind: "catalog.mirror" }, orderBy: { createdAt: "desc" }, take: 1 });
      expect(mirror!.idempotencyKey).not.toBe(`catalog.mirror:${id}:${id}`);
      expect(await dispatcher().runOnce()).toEqual(["delivered"]);
      const rows = fake.rows(baseId, "Menu").filter((r) => r.Shop === "Go Coffee Mirror Test");
      expect(rows).toHaveLength(await db.shopProduct.count({ where: { shopId: opened.id, product: { active: true } } }));
      expect(rows.length).toBeGreaterThan(10);
    } finally {
      // The suites after this one count the active shops.
      await db.shop.update({ where: { id: opened.id }, data: { active: false } });
    }
  });

  it("retries a 429; a revoked token holds the mirror with a reason until a new token is pasted; 500s dead-letter with the reason", async () => {
    const { id } = await connect();
    fake.failNext(429, 1);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.calls).toContain("failed 429");

    await enqueueTest(db, id, "Ada Admin");
    fake.revoke(token);
    expect(await dispatcher().runOnce()).toEqual(["held"]);
    const held = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(held.status).toBe("BROKEN");
    expect(held.statusReason).toMatch(/Airtable refused the personal access token/);
    await expect(reconnect(db, { ...integrationSettings(env()), ring, airtable: adapter() }, id, fake.token([]))).rejects.toThrow(/cannot reach the base/);
    await reconnect(db, { ...integrationSettings(env()), ring, airtable: adapter() }, id, fake.token([baseId]));
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);

    await enqueueTest(db, id, "Ada Admin");
    fake.failNext(500, 10);
    expect(await dispatcher().runOnce()).toEqual(["dead"]);
    fake.failNext(500, 0);
    const log = await deliveryLog(db, { integrationId: id });
    expect(log.map((d) => d.status)).toEqual(["DEAD", "DELIVERED", "DELIVERED"]);
    expect(log[0]!.lastError).toMatch(/Airtable answered HTTP 500; gave up after 2 attempts/);
  });
});
