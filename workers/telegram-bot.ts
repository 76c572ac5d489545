import { env } from "@/lib/env";
import { createDispatcher, kafkaDeadLetter } from "@/lib/integrations/dispatcher";
import { telegramAdapter } from "@/lib/integrations/telegram/adapter";
import { alertsToTelegram, TELEGRAM_ALERTS_CONSUMER } from "@/lib/integrations/telegram/alerts";
import { markingBlockedChats } from "@/lib/integrations/telegram/blocked";
import { resumeTelegramChannel } from "@/lib/integrations/telegram/channel";
import { telegramBotFromEnv } from "@/lib/integrations/telegram/deployment";
import { TELEGRAM_NOTIFIER_CONSUMER, telegramNotifier } from "@/lib/integrations/telegram/notify";
import { createProducer } from "@/lib/kafka/client";
import type { Outcome } from "@/lib/kafka/consumer";
import { prefixed, TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/**
 * The Telegram bot (lib/integrations/telegram): long polling by default, or, with
 * TELEGRAM_WEBHOOK_URL set (production), it registers the webhook and the app's route
 * /api/integrations/telegram/webhook handles the updates. Either way this worker records the order
 * and payment status messages for the chats that ordered (notify.ts) and the agents' warning and
 * critical alerts for staff who linked a chat (alerts.ts) as deliveries on the bot's channel, and
 * its dispatcher sends them (lib/integrations/telegram/channel.ts: retries, a circuit breaker,
 * dead letters, the admin's delivery log). Without TELEGRAM_BOT_TOKEN it stays idle. Run one
 * replica when polling: Telegram answers a second poller with 409.
 */
/** How often due messages are looked for when nothing woke the dispatcher (recorded by another process, a retry coming due). */
const DISPATCH_EVERY_MS = 500;

export const telegramBotWorker: WorkerDefinition = {
  name: "telegram-bot",
  description: "Takes orders in Telegram (menu, options, pickup code, crypto payment), tells those chats how their orders and payments go, and tells managers' linked chats the agents' alerts",
  async start(ctx) {
    const { db, log } = ctx;
    const bot = telegramBotFromEnv(db, log);
    if (!bot) {
      log.info("TELEGRAM_BOT_TOKEN is not set: the Telegram bot is off");
      return { stop: async () => undefined };
    }
    await bot.init();
    // TELEGRAM_BOT_TOKEN may have been fixed since Telegram refused it and held the channel: resume it.
    await resumeTelegramChannel(db);
    const producer = createProducer(ctx.kafka);
    await producer.connect();
    // This worker's dispatcher sends the bot's channel only (the integrations worker sends the rest).
    const dispatcher = createDispatcher({ db, ring: [], telegram: telegramAdapter(bot.api, markingBlockedChats(db, log)), log, deadLetter: kafkaDeadLetter(producer, prefixed(ctx.kafkaSettings.prefix, TOPICS.integrationsDeadLetter)) });
    const sending = dispatcher.start(DISPATCH_EVERY_MS);
    // A batch that recorded messages wakes the dispatcher: "ready" goes out now, not at its next look.
    const recorded = (outcome: Outcome) => {
      if (outcome === "handled") sending.wake();
    };
    const orders = await consumeBatches(ctx, { name: TELEGRAM_NOTIFIER_CONSUMER, topics: [TOPICS.orderEvents, TOPICS.paymentEvents], lingerMs: 250, batch: telegramNotifier(), onOutcome: recorded });
    const alerts = await consumeBatches(ctx, { name: TELEGRAM_ALERTS_CONSUMER, topics: [TOPICS.agentAlerts], lingerMs: 0, batch: alertsToTelegram(env().APP_URL), onOutcome: recorded });
    const consumer = {
      async stop() {
        await Promise.all([orders.stop(), alerts.stop()]);
        await sending.stop();
        dispatcher.shutdown();
        await producer.disconnect();
      },
    };
    const { TELEGRAM_WEBHOOK_URL: webhookUrl, TELEGRAM_WEBHOOK_SECRET: secret } = env();
    if (webhookUrl && secret) {
      await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: ["message", "callback_query", "my_chat_member"] });
      log.info({ bot: bot.botInfo.username }, "telegram bot in webhook mode");
      return { stop: () => consumer.stop() };
    }
    let polling = true;
    const running = bot.start({ onStart: (me) => log.info({ bot: me.username }, "telegram bot polling") }).catch((err: unknown) => {
      polling = false;
      log.error({ err }, "telegram polling stopped");
    });
    return {
      healthy: () => polling,
      async stop() {
        await bot.stop();
        await running;
        await consumer.stop();
      },
    };
  },
};
