import { randomUUID } from "node:crypto";
import type { Bot } from "grammy";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { beanBalance } from "@/lib/loyalty/ledger";
import { applyOrderRewards } from "@/lib/loyalty/order-rewards";
import { BEANS_PER_ORDER } from "@/lib/loyalty/rules";
import { listCustomerOrders } from "@/lib/orders/customer-orders";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { seed } from "@/prisma/seed";
import { startFakeTelegram, type FakeTelegram, type SentMessage } from "@/scripts/testing/fake-telegram";
import { createTelegramBot } from "./bot";
import { redisDraftStore } from "./drafts";
import { issueLinkCode, LINK_CODE_TTL_MS, unlinkChatOfUser } from "./link";

/**
 * Linking a chat to an account, with the real bot against the fake Bot API and the real database
 * and Redis: a one-time code from the account page, `/link <code>`, then the chat orders as that
 * customer (their orders, their beans). Codes expire, work once, and guessing is limited per chat.
 */

const db = createDb(env().DATABASE_URL, 4);
const redis = new Redis(env().REDIS_URL);
const prefix = `test:${randomUUID()}:`;
const limiter = createRateLimiter(redis, prefix);
const deps = { db, limiter };
let telegram: FakeTelegram;
let bot: Bot;
let polling: Promise<void>;
let customer: { id: string; name: string };
let other: { id: string };

const buttons = (m: SentMessage) => m.reply_markup?.inline_keyboard?.flat().map((b) => b.text) ?? [];
const say = async (chat: number, text: string) => {
  telegram.sendText(chat, text);
  return (await telegram.waitFor((m) => m.chat_id === chat)).text;
};

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  customer = await db.user.findUniqueOrThrow({ where: { email: "customer@gocoffee.test" }, select: { id: true, name: true } });
  other = await db.user.findUniqueOrThrow({ where: { email: "barista@gocoffee.test" }, select: { id: true } });
  telegram = await startFakeTelegram();
  bot = createTelegramBot({ db, token: telegram.token, apiRoot: telegram.url, appUrl: "http://localhost:3000", log: childLogger("telegram-link-test"), limiter, drafts: redisDraftStore(redis, prefix) });
  polling = bot.start({ timeout: 1 });
});
afterAll(async () => {
  await bot.stop();
  await polling;
  await telegram.close();
  await db.$disconnect();
  redis.disconnect();
});

describe("linking a Telegram chat to an account", () => {
  it("explains /link without a code, refuses a wrong one, links with the right one, once", async () => {
    expect(await say(8001, "/link")).toMatch(/open http:\/\/localhost:3000\/account, press "Get a Telegram code"/);
    expect(await say(8001, "/link ABCD2345")).toMatch(/^Sorry, that did not work: That code is not valid/);
    const { code, expiresAt } = await issueLinkCode(deps, customer.id);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(LINK_CODE_TTL_MS - 5_000);
    expect(await db.telegramLinkCode.count({ where: { codeHash: code } })).toBe(0); // stored hashed
    expect(await say(8001, `/link ${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toBe(`Linked: this chat now orders as ${customer.name}. Your orders here earn beans and show in My orders. Send /unlink to stop.`);
    // Single use: another chat cannot spend it again.
    expect(await say(8002, `/link ${code}`)).toMatch(/That code is not valid/);
    expect(await db.telegramChat.findMany({ where: { userId: customer.id } })).toMatchObject([{ chatId: 8001n }]);
  });

  it("refuses an expired code and an older code a newer one replaced", async () => {
    const expired = await issueLinkCode(deps, other.id, new Date(Date.now() - LINK_CODE_TTL_MS - 1_000));
    expect(await say(8003, `/link ${expired.code}`)).toMatch(/That code is not valid/);
    const older = await issueLinkCode(deps, other.id);
    const newer = await issueLinkCode(deps, other.id);
    expect(await say(8003, `/link ${older.code}`)).toMatch(/That code is not valid/);
    expect(await say(8003, `/link ${newer.code}`)).toMatch(/^Linked: /);
  });

  it("limits guessing per chat: after 5 wrong codes even the right one waits", async () => {
    const { code } = await issueLinkCode(deps, other.id);
    for (let i = 0; i < 5; i++) expect(await say(8004, `/link WRONG${i}23`)).toMatch(/That code is not valid/);
    expect(await say(8004, `/link ${code}`)).toMatch(/^Sorry, that did not work: Too many attempts. Try again in \d+ minutes?\.$/);
    expect(await db.telegramChat.count({ where: { chatId: 8004n } })).toBe(0);
  });

  it("a linked chat orders as the customer: their order list and their beans", async () => {
    const before = await beanBalance(db, customer.id);
    telegram.sendText(8001, "/menu");
    telegram.press(8001, (await telegram.waitFor((m) => m.chat_id === 8001 && m.text.includes("Which shop"))).message_id, "Go Coffee SFO Terminal 2");
    const menu = await telegram.waitFor((m) => m.chat_id === 8001 && m.text.includes("what would you like"));
    telegram.press(8001, menu.message_id, buttons(menu).find((b) => b.startsWith("Espresso")) ?? buttons(menu)[0]!);
    let question = await telegram.waitFor((m) => m.chat_id === 8001 && m.text.endsWith("?"));
    while (!question.text.includes("Place the order")) {
      telegram.press(8001, question.message_id, buttons(question).includes("No, thanks") ? "No, thanks" : buttons(question)[0]!);
      question = await telegram.waitFor((m) => m.chat_id === 8001 && m.text.endsWith("?"));
    }
    telegram.press(8001, question.message_id, "Place order");
    const placed = await telegram.waitFor((m) => m.chat_id === 8001 && m.text.startsWith("Order placed"));
    const link = await db.telegramOrder.findFirstOrThrow({ where: { chatId: 8001n } });
    const order = await db.order.findUniqueOrThrow({ where: { id: link.orderId } });
    expect(order).toMatchObject({ userId: customer.id, customerName: customer.name, trackingToken: null });
    expect(placed.text).toContain(`Track it: http://localhost:3000/orders/${order.id}\n`);
    expect((await listCustomerOrders(db, customer.id)).map((o) => o.id)).toContain(order.id);
    await db.$transaction((tx) => applyOrderRewards(tx, [{ orderId: order.id, to: "CLAIMED" }]));
    expect(await beanBalance(db, customer.id)).toBe(before + BEANS_PER_ORDER);
  });

  it("unlinks from the account page (only one's own chats) and with /unlink", async () => {
    await expect(unlinkChatOfUser(db, other.id, "8001")).rejects.toThrow("That chat is not linked to your account.");
    await expect(unlinkChatOfUser(db, other.id, "1; drop table")).rejects.toThrow("That is not a chat id.");
    await unlinkChatOfUser(db, other.id, "8003");
    expect(await db.telegramChat.count({ where: { chatId: 8003n } })).toBe(0);
    expect(await say(8001, "/unlink")).toBe("This chat is no longer linked to your account; it orders as a guest now.");
    expect(await say(8001, "/unlink")).toBe("This chat is not linked to an account.");
  });
});
