import type { Db, Prisma } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { maskChat } from "./channel";

type Reader = Db | Prisma.TransactionClient;

/**
 * Chats that blocked the bot. Telegram answers 403 to every message for such a chat; without this
 * each order status and alert for it would be recorded, tried and dead-lettered, one by one, for
 * ever. Blocking is reversible (the person unblocks and presses Start), so the mark is kept apart
 * from the account link and cleared by the chat's next message to the bot.
 */

/** Telegram refused a message to this chat with 403: record nothing more for it until it writes again. */
export async function markChatBlocked(db: Db, chatId: string, reason: string): Promise<void> {
  const id = BigInt(chatId);
  await db.telegramBlockedChat.upsert({ where: { chatId: id }, create: { chatId: id, reason }, update: {} });
}

/** The Telegram adapter's `onBlocked` for a dispatcher: marks the chat, and says so in the log. */
export function markingBlockedChats(db: Db, log: Logger): (chatId: string, reason: string) => Promise<void> {
  return async (chatId, reason) => {
    log.info({ chat: maskChat(chatId), reason }, "a chat blocked the bot: nothing more is recorded for it until it writes again");
    await markChatBlocked(db, chatId, reason);
  };
}

/** The chat wrote to the bot: it takes messages again. */
export async function clearChatBlocked(db: Db, chatId: number): Promise<void> {
  await db.telegramBlockedChat.deleteMany({ where: { chatId: BigInt(chatId) } });
}

/** Of these chats, the ones that blocked the bot (keyed by the chat id as a string), and since when. */
export async function blockedChats(db: Reader, chatIds: readonly bigint[]): Promise<Map<string, Date>> {
  if (chatIds.length === 0) return new Map();
  const rows = await db.telegramBlockedChat.findMany({ where: { chatId: { in: [...chatIds] } }, select: { chatId: true, blockedAt: true } });
  return new Map(rows.map((r) => [String(r.chatId), r.blockedAt]));
}
