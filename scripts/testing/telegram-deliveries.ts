import type { Api } from "grammy";
import type { Db } from "@/lib/db";
import { createDispatcher, type Outcome } from "@/lib/integrations/dispatcher";
import { telegramAdapter } from "@/lib/integrations/telegram/adapter";
import { markingBlockedChats } from "@/lib/integrations/telegram/blocked";
import { TELEGRAM_CHANNEL_ID } from "@/lib/integrations/telegram/channel";
import { childLogger } from "@/lib/log";

/**
 * Sends the bot channel's pending deliveries to these chats now, through the delivery engine as
 * the Telegram worker's dispatcher does, marking a chat that answers 403 as blocked (tests: only their own chats, so other suites' rows are
 * left alone). Returns each delivery's outcome, oldest first.
 */
export async function sendTelegramDeliveries(db: Db, api: Api, chatIds: number[]): Promise<Outcome[]> {
  const rows = await db.integrationDelivery.findMany({ where: { integrationId: TELEGRAM_CHANNEL_ID, status: "PENDING", OR: chatIds.map((c) => ({ message: { path: ["chatId"], equals: String(c) } })) }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const dispatcher = createDispatcher({ db, ring: [], telegram: telegramAdapter(api, markingBlockedChats(db, childLogger("telegram-deliveries"))), log: childLogger("telegram-deliveries"), retries: 2, minBackoffMs: 10, maxBackoffMs: 1_500 });
  try {
    const outcomes: Outcome[] = [];
    for (const row of rows) outcomes.push((await dispatcher.deliverOne(row.id)) ?? "skipped");
    return outcomes;
  } finally {
    dispatcher.shutdown();
  }
}
