import type { Prisma } from "@/lib/db";
import { blockedChats } from "./blocked";
import { maskChat, recordTelegram } from "./channel";

type Tx = Prisma.TransactionClient;

/** Messages a person gets here in an hour at most; past it the bell and email still tell them. */
export const TELEGRAM_PERSONAL_PER_HOUR = 10;
const HOUR_MS = 60 * 60_000;

/**
 * One of a person's bell notifications, also sent to the Telegram chats they linked (the account
 * page's /link code), in the caller's transaction: a delivery per chat on the bot's channel (sent
 * by the Telegram worker's dispatcher), once per `key` and chat, and the notification marked
 * `telegram_sent_at`. Nothing when they linked no chat, every chat blocked the bot (blocked.ts), or
 * they had TELEGRAM_PERSONAL_PER_HOUR such messages in the last hour. Returns the chats recorded.
 */
export async function sendToLinkedChats(
  tx: Tx,
  n: { notificationId: string; userId: string; shopId: string; key: string; kind: string; text: string; summary: string; at: Date },
): Promise<number> {
  const linked = await tx.telegramChat.findMany({ where: { userId: n.userId }, select: { chatId: true } });
  if (linked.length === 0) return 0;
  const blocked = await blockedChats(tx, linked.map((c) => c.chatId));
  const chats = linked.map((c) => String(c.chatId)).filter((id) => !blocked.has(id));
  if (chats.length === 0) return 0;
  const lastHour = await tx.notification.count({ where: { userId: n.userId, telegramSentAt: { gt: new Date(n.at.getTime() - HOUR_MS) } } });
  if (lastHour >= TELEGRAM_PERSONAL_PER_HOUR) return 0;
  for (const chatId of chats) {
    await recordTelegram(tx, { key: `${n.key}:${chatId}`, kind: n.kind, shopId: n.shopId, message: { chatId, text: n.text, summary: `${n.summary} to chat ${maskChat(chatId)}` } });
  }
  await tx.notification.update({ where: { id: n.notificationId }, data: { telegramSentAt: n.at } });
  return chats.length;
}
