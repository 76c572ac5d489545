import { env } from "@/lib/env";
import { createTelegramBot } from "@/lib/integrations/telegram/bot";
import { TELEGRAM_NOTIFIER_CONSUMER, telegramNotifier } from "@/lib/integrations/telegram/notify";
import { TOPICS } from "@/lib/kafka/topics";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/**
 * The Telegram bot: long polling (lib/integrations/telegram/bot.ts) and the order-status messages
 * to the chats that ordered (notify.ts). Without TELEGRAM_BOT_TOKEN it stays idle. Run one
 * replica: Telegram answers a second poller with 409.
 */
export const telegramBotWorker: WorkerDefinition = {
  name: "telegram-bot",
  description: "Takes orders in Telegram (menu, options, pickup code) and tells those chats when their orders are ready",
  async start(ctx) {
    const { db, log } = ctx;
    const token = env().TELEGRAM_BOT_TOKEN;
    if (!token) {
      log.info("TELEGRAM_BOT_TOKEN is not set: the Telegram bot is off");
      return { stop: async () => undefined };
    }
    const bot = createTelegramBot({ db, token, apiRoot: env().TELEGRAM_API_URL, appUrl: env().APP_URL, log });
    await bot.init();
    const consumer = await consumeBatches(ctx, { name: TELEGRAM_NOTIFIER_CONSUMER, topics: [TOPICS.orderEvents], lingerMs: 0, batch: telegramNotifier(bot.api) });
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
