import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createDispatcher } from "@/lib/integrations/dispatcher";
import { deliveryLog, listIntegrations } from "@/lib/integrations/store";
import { childLogger } from "@/lib/log";
import { startFakeTelegram, type FakeTelegram } from "@/scripts/testing/fake-telegram";
import { sendTelegramDeliveries } from "@/scripts/testing/telegram-deliveries";
import { telegramAdapter } from "./adapter";
import { recordTelegram, resumeTelegramChannel, TELEGRAM_CHANNEL_ID, type TelegramMessage } from "./channel";

/**
 * The bot's channel in the delivery engine, with grammY's real Api against the fake Bot API and
 * the real database: a chat that blocked the bot is one dead delivery with its reason (the next
 * chat's message still goes out), Telegram's 429 is waited out, a key is recorded once, a refused
 * token holds the channel until the worker restarts with a good one, and the admin's log shows
 * the summary line, not the message.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("telegram-channel-test");
let telegram: FakeTelegram;
let api: Api;
const base = 8_200_000 + Math.floor(Math.random() * 100_000);
const [HAPPY, BLOCKED, SLOWED] = [base, base + 1, base + 2];
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  api = new Api(telegram.token, { apiRoot: telegram.url });
  await resumeTelegramChannel(db);
});
afterAll(async () => {
  await telegram?.close();
  await db.$disconnect();
});

const record = (key: string, chat: number, text: string, extra: Partial<TelegramMessage> = {}) =>
  db.$transaction((tx) => recordTelegram(tx, { key: `${key}:${stamp}`, kind: "order.status_changed", shopId: null, message: { chatId: String(chat), text, summary: `test to chat ${chat}`, ...extra } }));
const row = (key: string) => db.integrationDelivery.findUniqueOrThrow({ where: { idempotencyKey: `${key}:${stamp}` } });

describe("the Telegram bot's channel", () => {
  it("sends each recorded message once; a chat that blocked the bot is a dead delivery with its reason, and the next chat is still told", async () => {
    telegram.blocked.add(BLOCKED);
    expect(await record("a", BLOCKED, `Order A ${stamp} is in the queue.`)).toBe(true);
    expect(await record("b", HAPPY, `Order B ${stamp} is in the queue.`)).toBe(true);
    expect(await record("b", HAPPY, `Order B ${stamp} is in the queue.`)).toBe(false); // the same event again: nothing more
    expect(await sendTelegramDeliveries(db, api, [BLOCKED, HAPPY])).toEqual(["dead", "delivered"]);

    expect(await row("a")).toMatchObject({ status: "DEAD", attempts: 1, lastError: "The chat does not take the bot's messages (403 Forbidden: bot was blocked by the user): they blocked the bot or left the chat" });
    const delivered = await row("b");
    expect(delivered.status).toBe("DELIVERED");
    const sent = telegram.sent.filter((m) => m.text === `Order B ${stamp} is in the queue.`);
    expect(sent).toHaveLength(1);
    expect(delivered.externalRef).toBe(`${HAPPY}:${sent[0]!.message_id}`);
    expect(telegram.sent.filter((m) => m.chat_id === BLOCKED)).toHaveLength(0);
    // The chat is marked: the consumers record nothing more for it (blocked.ts; bot.int.test.ts).
    expect(await db.telegramBlockedChat.findUnique({ where: { chatId: BigInt(BLOCKED) } })).toMatchObject({ reason: "Forbidden: bot was blocked by the user" });
    expect(await db.telegramBlockedChat.findUnique({ where: { chatId: BigInt(HAPPY) } })).toBeNull();
    // The channel itself is fine: one person's block says nothing about the bot.
    expect((await db.integration.findUniqueOrThrow({ where: { id: TELEGRAM_CHANNEL_ID } })).status).toBe("ACTIVE");
  });

  it("waits out Telegram's 429 and sends; the pickup QR goes as a photo with its caption", async () => {
    telegram.slowDown(1);
    expect(await record("c", SLOWED, `Your order C ${stamp} is ready!`, { pickupQr: `gocoffee:pickup:sfo-terminal-2:C${stamp}` })).toBe(true);
    const started = Date.now();
    expect(await sendTelegramDeliveries(db, api, [SLOWED])).toEqual(["delivered"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // retry_after: 1 s
    expect(await row("c")).toMatchObject({ status: "DELIVERED", attempts: 2 });
    const [photo] = telegram.sent.filter((m) => m.chat_id === SLOWED && m.text === `Your order C ${stamp} is ready!`);
    expect(photo?.photo?.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true); // a PNG
  });

  it("a refused token holds the channel (nothing lost); the worker's restart with a good token sends what was held", async () => {
    expect(await record("d", HAPPY, `Order D ${stamp} collected.`)).toBe(true);
    const wrong = createDispatcher({ db, ring: [], telegram: telegramAdapter(new Api("999:WRONG", { apiRoot: telegram.url })), log, retries: 1, minBackoffMs: 10, maxBackoffMs: 20 });
    const id = (await row("d")).id;
    try {
      expect(await wrong.deliverOne(id)).toBe("held");
    } finally {
      wrong.shutdown();
    }
    const channel = await db.integration.findUniqueOrThrow({ where: { id: TELEGRAM_CHANNEL_ID } });
    expect(channel.status).toBe("BROKEN");
    expect(channel.statusReason).toMatch(/^Telegram refused the bot's token \(401 Unauthorized\)\. Fix TELEGRAM_BOT_TOKEN and restart the Telegram worker/);
    expect((await row("d")).status).toBe("PENDING");

    await resumeTelegramChannel(db); // what the worker does at start
    expect((await db.integration.findUniqueOrThrow({ where: { id: TELEGRAM_CHANNEL_ID } })).status).toBe("ACTIVE");
    expect(await sendTelegramDeliveries(db, api, [HAPPY])).toEqual(["delivered"]);
    expect(telegram.sent.filter((m) => m.text === `Order D ${stamp} collected.`)).toHaveLength(1);
  });

  it("is in the admin's delivery log by its summary line, and is not an admin connection", async () => {
    const id = (await row("a")).id;
    const mine = (await deliveryLog(db, { integrationId: TELEGRAM_CHANNEL_ID, limit: 200 })).find((d) => d.id === id);
    expect(mine).toMatchObject({ integrationName: "Telegram bot", status: "DEAD", text: `test to chat ${BLOCKED}` });
    expect((await listIntegrations(db)).some((i) => i.id === TELEGRAM_CHANNEL_ID)).toBe(false);
  });
});
