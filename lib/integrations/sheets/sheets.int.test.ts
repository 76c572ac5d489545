import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { placeOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";
import { startFakeGoogle, type FakeGoogle } from "@/scripts/testing/fake-google";
import { reconnect } from "../connections";
import type { KeyRing } from "../crypto";
import { createDispatcher } from "../dispatcher";
import { integrationSettings } from "../setup";
import { slackAdapter } from "../slack/adapter";
import { deliveryLog, enqueueTest, listIntegrations } from "../store";
import { sheetsAdapter } from "./adapter";
import { recordDailySheets, reviseDailySheets } from "./daily";
import { DAY_HEADER, TEST_TAB } from "./report";
import { connectSheets } from "./store";

/**
 * Each shop's day written to a Google spreadsheet, end to end against the real database, the
 * official Sheets client and our service-account token exchange, talking to a local fake Google
 * (scripts/testing/fake-google.ts) that checks the signed assertion and the spreadsheet's sharing
 * as Google does: connect refuses what Google would, a day is written once however often it is
 * recorded or sent, 429 is retried, a revoked key holds the day until a new key is pasted.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("sheets-test");
const ring: KeyRing = [{ id: "t1", key: randomBytes(32) }];
const SFO = "sfo-terminal-2";
const ACCOUNT = "go-coffee@go-coffee-test.iam.gserviceaccount.com";
let fake: FakeGoogle;
let shopId: string;
let key: string;
const adapter = () => sheetsAdapter(fake.url, fake.tokenUrl, { timeoutMs: 2000 });
const dispatcher = () => createDispatcher({ db, ring, slack: slackAdapter("http://127.0.0.1:9/api/"), sheets: adapter(), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
const connect = (over: Record<string, unknown> = {}) => connectSheets(db, ring, adapter(), { name: "Daily book", spreadsheet: "", key, shopIds: [shopId], ...over });

beforeAll(async () => {
  await seed(db, { historyDays: 2 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  fake = await startFakeGoogle();
});
beforeEach(async () => {
  await db.integration.deleteMany();
  key = fake.serviceAccountKey(ACCOUNT);
});
afterAll(async () => {
  await fake.close();
  await db.$disconnect();
});

describe("connecting a spreadsheet", () => {
  it("refuses what is not a key, a spreadsheet not shared with the account, one that does not exist and a revoked key; stores nothing until all is well", async () => {
    const shared = fake.createSpreadsheet("Go Coffee daily", [ACCOUNT]);
    const private_ = fake.createSpreadsheet("Someone else's", ["someone@example.com"]);
    await expect(connect({ spreadsheet: shared.id, key: "{\"type\":\"authorized_user\"}" })).rejects.toThrow(/not a service account key/);
    await expect(connect({ spreadsheet: "https://example.com/not-a-sheet" })).rejects.toThrow(/spreadsheet's address/);
    await expect(connect({ spreadsheet: private_.id })).rejects.toThrow(`may not edit this spreadsheet (PERMISSION_DENIED: The caller does not have permission). Share the spreadsheet with ${ACCOUNT} as an Editor.`);
    await expect(connect({ spreadsheet: "x".repeat(44) })).rejects.toThrow(/no such spreadsheet/);
    const revoked = fake.serviceAccountKey("gone@go-coffee-test.iam.gserviceaccount.com");
    fake.revoke("gone@go-coffee-test.iam.gserviceaccount.com");
    await expect(connect({ spreadsheet: shared.id, key: revoked })).rejects.toThrow(/Google refused the service account key \(invalid_grant: Invalid JWT Signature\.\)/);
    expect(await db.integration.count()).toBe(0);

    const { id } = await connect({ spreadsheet: `https://docs.google.com/spreadsheets/d/${shared.id}/edit#gid=0` });
    const stored = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(stored.kind).toBe("GOOGLE_SHEETS");
    expect(stored.config).toEqual({ spreadsheetId: shared.id, title: "Go Coffee daily", account: ACCOUNT });
    expect(stored.credentials).not.toContain("PRIVATE KEY");
    const [view] = await listIntegrations(db);
    expect(view).toMatchObject({ kind: "GOOGLE_SHEETS", channel: "Spreadsheet “Go Coffee daily”", connectedAs: ACCOUNT });
    expect(JSON.stringify(view)).not.toContain("PRIVATE KEY");
  });
});

describe("a shop's day in its tab", () => {
  it("is recorded on connecting and once per day after, written under a header, and a second send of the same day replaces its rows instead of adding them", async () => {
    const sheet = fake.createSpreadsheet("Go Coffee daily", [ACCOUNT]);
    // One order of its own on the day written (the seeded history is absent when another suite seeded this database first).
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
    const { order } = await placeOrder(db, { shop: SFO, customerName: "Sheets", items: [{ product: "butter-croissant", quantity: 1 }] });
    await db.$executeRaw`UPDATE orders SET placed_at = ((now() AT TIME ZONE ${shop.timezone})::date - 1 + time '12:00') AT TIME ZONE ${shop.timezone}, status = 'CLAIMED', active_pickup_code = NULL WHERE id = ${order.id}::uuid`;
    await connect({ spreadsheet: sheet.id });
    expect(await db.integrationDelivery.count({ where: { kind: "daily.sheet" } })).toBe(1); // one shop in scope, its last day queued on connecting
    expect(await recordDailySheets(db)).toBe(0);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);

    const tab = fake.spreadsheet(sheet.id)!.tabs.find((t) => t.title === shop.name)!;
    expect(tab.rows[0]).toEqual(DAY_HEADER);
    const day = String(tab.rows[1]![0]);
    const [expected] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM orders WHERE shop_id = ${shopId}::uuid
        AND placed_at >= (${day}::date::timestamp AT TIME ZONE ${shop.timezone}) AND placed_at < ((${day}::date + 1)::timestamp AT TIME ZONE ${shop.timezone})
        AND status NOT IN ('CANCELLED', 'REFUNDING', 'REFUNDED')`;
    expect(Number(expected!.n)).toBeGreaterThan(0);
    expect(tab.rows[1]).toEqual([day, "sales", "Orders", Number(expected!.n), expect.any(Number), shop.currency]);
    const stockLines = tab.rows.filter((r) => String(r[1]).startsWith("stock"));
    expect(stockLines.length).toBe(await db.stock.count({ where: { shopId } }));
    const rowsAfterOne = tab.rows.length;

    // The same day again (a retry whose first answer was lost, or a re-run): the tab ends as one send left it.
    const [delivery] = await db.integrationDelivery.findMany({ where: { kind: "daily.sheet" } });
    const connection = await db.integration.findUniqueOrThrow({ where: { id: delivery!.integrationId } });
    await adapter().send(key, connection.config as never, delivery!.message as never);
    expect(tab.rows.length).toBe(rowsAfterOne);
    expect(tab.rows.filter((r) => r[0] === day && r[2] === "Orders")).toHaveLength(1);
  });

  it("re-writes a written day when its orders change (a refund after the day was sent), with the stock as first written; nothing when no figure moved", async () => {
    const sheet = fake.createSpreadsheet("Go Coffee revisions", [ACCOUNT]);
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
    const { order } = await placeOrder(db, { shop: SFO, customerName: "Revised", items: [{ product: "butter-croissant", quantity: 2 }] });
    await db.$executeRaw`UPDATE orders SET placed_at = ((now() AT TIME ZONE ${shop.timezone})::date - 1 + time '13:00') AT TIME ZONE ${shop.timezone}, status = 'CLAIMED', active_pickup_code = NULL WHERE id = ${order.id}::uuid`;
    await connect({ spreadsheet: sheet.id });
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    const tab = () => fake.spreadsheet(sheet.id)!.tabs.find((t) => t.title === shop.name)!;
    const cell = (label: string, column: number) => tab().rows.find((r) => r[1] === "sales" && r[2] === label)![column];
    const orders = Number(cell("Orders", 3));
    const cancelled = Number(cell("Cancelled or refunded", 3));
    const stockRows = tab().rows.filter((r) => String(r[1]).startsWith("stock"));
    expect(await reviseDailySheets(db)).toBe(0); // nothing changed since it was written

    // An order of that day touched without changing a figure: no revision.
    await db.$executeRaw`UPDATE orders SET updated_at = now() WHERE id = ${order.id}::uuid`;
    expect(await reviseDailySheets(db)).toBe(0);

    // Refunded after the day was sent, and the stock moved since: the day is re-sent once.
    await db.$executeRaw`UPDATE orders SET status = 'REFUNDED', updated_at = now() WHERE id = ${order.id}::uuid`;
    await db.stock.updateMany({ where: { shopId }, data: { onHand: { increment: 7 } } });
    expect(await reviseDailySheets(db)).toBe(1);
    expect(await reviseDailySheets(db)).toBe(0);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(Number(cell("Orders", 3))).toBe(orders - 1);
    expect(Number(cell("Cancelled or refunded", 3))).toBe(cancelled + 1);
    expect(tab().rows.filter((r) => String(r[1]).startsWith("stock"))).toEqual(stockRows);
    // Replaced, not added to: one Orders row for the day.
    expect(tab().rows.filter((r) => r[2] === "Orders")).toHaveLength(1);
    await db.stock.updateMany({ where: { shopId }, data: { onHand: { decrement: 7 } } });

    // A change weeks later (a chargeback settled): still re-written three weeks on, not after five.
    await db.$executeRaw`UPDATE orders SET status = 'CLAIMED', updated_at = now() WHERE id = ${order.id}::uuid`;
    expect(await reviseDailySheets(db, new Date(Date.now() + 40 * 86_400_000))).toBe(0);
    expect(await reviseDailySheets(db, new Date(Date.now() + 20 * 86_400_000))).toBe(1);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(Number(cell("Orders", 3))).toBe(orders);
  });

  it("retries a 429 and lands the day; a revoked key holds it with a reason until a new key is pasted, then it goes out", async () => {
    const sheet = fake.createSpreadsheet("Go Coffee daily", [ACCOUNT]);
    const { id } = await connect({ spreadsheet: sheet.id });
    await recordDailySheets(db);
    fake.failNext(429, 1);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    expect(fake.calls).toContain("failed 429");

    await enqueueTest(db, id, "Ada Admin");
    fake.revoke(ACCOUNT);
    expect(await dispatcher().runOnce()).toEqual(["held"]);
    const held = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(held.status).toBe("BROKEN");
    expect(held.statusReason).toMatch(/Google refused the service account key \(invalid_grant/);

    const fresh = fake.serviceAccountKey(ACCOUNT);
    await expect(reconnect(db, { ...integrationSettings(env()), ring, sheets: adapter() }, id, "not json")).rejects.toThrow(/the JSON file Google gave you/);
    await reconnect(db, { ...integrationSettings(env()), ring, sheets: adapter() }, id, fresh);
    expect(await dispatcher().runOnce()).toEqual(["delivered"]);
    const testTab = fake.spreadsheet(sheet.id)!.tabs.find((t) => t.title === TEST_TAB)!;
    expect(testTab.rows).toHaveLength(2); // header and the one test row
    const log = await deliveryLog(db, { integrationId: id });
    expect(log.map((d) => d.status)).toEqual(["DELIVERED", "DELIVERED"]);
  });

  it("dead-letters a day Google keeps failing (500), with the reason in the log", async () => {
    const sheet = fake.createSpreadsheet("Go Coffee daily", [ACCOUNT]);
    const { id } = await connect({ spreadsheet: sheet.id });
    await recordDailySheets(db);
    fake.failNext(500, 10);
    expect(await dispatcher().runOnce()).toEqual(["dead"]);
    const [entry] = await deliveryLog(db, { integrationId: id });
    expect(entry).toMatchObject({ status: "DEAD", kind: "daily.sheet" });
    expect(entry!.lastError).toMatch(/Google Sheets answered HTTP 500; gave up after 2 attempts/);
    fake.failNext(500, 0);
  });
});
