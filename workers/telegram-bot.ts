import { env } from "@/lib/env";
import { managerAlertsToTelegram, TELEGRAM_ALERTS_CONSUMER } from "@/lib/integrations/telegram/alerts";
import { telegramBotFromEnv } from "@/lib/integrations/telegram/deployment";
import { TELEGRAM_NOTIFIER_CONSUMER, telegramNotifier } from "@/lib/integrations/telegram/notify";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/**
 * The Telegram bot (lib/integrations/telegram): long polling by default, or, with
 * TELEGRAM_WEBHOOK_URL set (production), it registers the webhook and the app's route
 * /api/integrations/telegram/webhook handles the updates. Either way this worker sends the order
 * and payment status messages to the chats that ordered (notify.ts), and the agents' warning and
 * critical alerts to managers who linked a chat (alerts.ts). Without TELEGRAM_BOT_TOKEN it stays idle. Run one replica when polling: Telegram answers a second poller with 409.
 */
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
    const orders = await consumeBatches(ctx, { name: TELEGRAM_NOTIFIER_CONSUMER, topics: [TOPICS.orderEvents, TOPICS.paymentEvents], lingerMs: 250, batch: telegramNotifier(bot.api) });
    const alerts = await consumeBatches(ctx, { name: TELEGRAM_ALERTS_CONSUMER, topics: [TOPICS.agentAlerts], lingerMs: 0, batch: managerAlertsToTelegram(bot.api, env().APP_URL) });
    const consumer = { stop: () => Promise.all([orders.stop(), alerts.stop()]).then(() => undefined) };
    const { TELEGRAM_WEBHOOK_URL: webhookUrl, TELEGRAM_WEBHOOK_SECRET: secret } = env();
    if (webhookUrl && secret) {
      await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: ["message", "callback_query"] });
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
