import type { Bot } from "grammy";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { json } from "@/lib/http/responses";
import { telegramBotFromEnv } from "@/lib/integrations/telegram/deployment";
import { handleTelegramWebhook } from "@/lib/integrations/telegram/webhook";
import { childLogger } from "@/lib/log";

const log = childLogger("telegram-webhook");
let ready: Promise<Bot> | null = null;

/** One bot per app process, initialised (getMe) on the first verified update. */
function appBot(): Promise<Bot> {
  ready ??= (async () => {
    const bot = telegramBotFromEnv(db(), log);
    if (!bot) throw new Error("TELEGRAM_BOT_TOKEN is not set");
    await bot.init();
    return bot;
  })().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

/**
 * POST /api/integrations/telegram/webhook — Telegram's webhook (production; the demo long-polls).
 * Only requests carrying TELEGRAM_WEBHOOK_SECRET in X-Telegram-Bot-Api-Secret-Token get through
 * (401 otherwise); without a secret and a token configured the door does not exist (404).
 */
export async function POST(request: Request): Promise<Response> {
  const { TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_BOT_TOKEN: token } = env();
  if (!secret || !token) return json({ error: { code: "not_found", message: "The Telegram webhook is not configured." } }, 404);
  const answer = await handleTelegramWebhook(appBot, request, secret, log);
  return json(answer.body, answer.status);
}
