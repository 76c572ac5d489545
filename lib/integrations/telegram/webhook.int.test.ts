import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed";
import { startFakeTelegram, type FakeTelegram } from "@/scripts/testing/fake-telegram";

/**
 * The webhook door as a stranger with curl meets it: requests against the real route handler, with
 * the bot behind it talking to the fake Bot API. Only a request carrying the secret reaches the bot.
 */

const SETUP = vi.hoisted(() => {
  const setup = { secret: "webhook-secret-0123456789-abcdefghijklmnop", token: "123456:FAKE-webhook-token", port: 20_000 + (process.pid % 20_000) };
  process.env.TELEGRAM_WEBHOOK_SECRET = setup.secret;
  process.env.TELEGRAM_BOT_TOKEN = setup.token;
  process.env.TELEGRAM_API_URL = `http://127.0.0.1:${setup.port}`;
  return setup;
});

const db = createDb(env().DATABASE_URL, 2);
let telegram: FakeTelegram;
let nextUpdate = 1;
const update = (chatId: number, text: string) =>
  JSON.stringify({ update_id: nextUpdate++, message: { message_id: nextUpdate, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "Eve" }, text, ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}) } });
const post = async (body: BodyInit, headers: Record<string, string>) => {
  const { POST } = await import("@/app/api/integrations/telegram/webhook/route");
  return POST(new Request("http://127.0.0.1/api/integrations/telegram/webhook", { method: "POST", headers: { "content-type": "application/json", ...headers }, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit));
};
const withSecret = (secret = SETUP.secret) => ({ "x-telegram-bot-api-secret-token": secret });

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  telegram = await startFakeTelegram({ port: SETUP.port, token: SETUP.token });
});
afterAll(async () => {
  await telegram.close();
  await db.$disconnect();
});

describe("POST /api/integrations/telegram/webhook", () => {
  it("refuses a missing, wrong or truncated secret with 401 and hands nothing to the bot", async () => {
    for (const headers of [{}, withSecret("x"), withSecret(SETUP.secret.slice(0, -1)), withSecret(`${SETUP.secret}x`), withSecret(SETUP.secret.toUpperCase())]) {
      const answer = await post(update(9001, "/menu"), headers);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toEqual({ error: { code: "unauthorized", message: "Missing or wrong X-Telegram-Bot-Api-Secret-Token." } });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(telegram.sent.filter((m) => m.chat_id === 9001)).toEqual([]);
  });

  it("refuses bodies over 64 KB, declared or streamed, and malformed updates", async () => {
    const big = JSON.stringify({ update_id: 1, message: { text: "x".repeat(70_000) } });
    expect((await post(big, { ...withSecret(), "content-length": String(big.length) })).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(8_192)));
        controller.close();
      },
    });
    expect((await post(stream, withSecret())).status).toBe(413);
    expect((await post("{not json", withSecret())).status).toBe(400);
    expect((await post(JSON.stringify({ message: {} }), withSecret())).status).toBe(422);
  });

  it("hands a verified update to the bot, which answers through the Bot API", async () => {
    const answer = await post(update(9002, "/menu"), withSecret());
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    expect(await telegram.waitFor((m) => m.chat_id === 9002)).toMatchObject({ text: "Which shop are you ordering from?" });
  });
});
