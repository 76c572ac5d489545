import type { Bot } from "grammy";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";
import { agentModel } from "@/lib/agents/core/provider";
import { createInvoiceForOrder } from "@/lib/payments/service";
import { rateLimiter } from "@/lib/security/limiter";
import { redis } from "@/lib/security/redis";
import { createTelegramBot } from "./bot";
import { redisDraftStore } from "./drafts";
import { paymentChoices } from "./pay";

/**
 * The bot wired to this deployment's configuration: the shared rate limiter and the chats' drafts (Redis), the agents'
 * model for the assistant (AGENT_PROVIDER; none = rules) and the web's invoice creation for the chains it takes payments on. The worker (long polling) and the webhook
 * route (production) both build it here, so both behave the same. Null without TELEGRAM_BOT_TOKEN.
 */
export function telegramBotFromEnv(db: Db, log: Logger): Bot | null {
  const config = env();
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  return createTelegramBot({
    db,
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_URL,
    appUrl: config.APP_URL,
    log,
    limiter: rateLimiter(),
    drafts: redisDraftStore(redis(), config.REDIS_KEY_PREFIX),
    model: agentModel(config),
    payments: { choices: paymentChoices(config.PAYMENT_CHAIN_IDS), createInvoice: (orderId, input) => createInvoiceForOrder(db, orderId, input) },
  });
}
