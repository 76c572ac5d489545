import { NOTIFIER_CONSUMER } from "@/lib/agents/notifier/notifications";
import type { Prisma } from "@/lib/db";
import type { BatchHandler, ConsumedEvent } from "@/lib/kafka/consumer";
import { blockedChats } from "./blocked";
import { maskChat, recordTelegram } from "./channel";

type Tx = Prisma.TransactionClient;

export const TELEGRAM_ALERTS_CONSUMER = "telegram-alerts";
/** Messages a person gets here in an hour at most; past it the bell and email still have the alert. */
export const TELEGRAM_ALERTS_PER_HOUR = 10;
const HOUR_MS = 60 * 60_000;

type RaisedAlert = Extract<ConsumedEvent, { type: "agents.alert" }>;

/** Warning and critical alerts being raised: what goes to Telegram (info stays on the bell; resolutions tell no one). */
export function forTelegram(e: ConsumedEvent): e is RaisedAlert {
  return e.type === "agents.alert" && !e.payload.resolved && (e.payload.severity === "warning" || e.payload.severity === "critical");
}

/** The message, with the screen the reader can open: a barista's queue screen (their bell), a manager's Agents screen. */
export function alertText(alert: { severity: string; message: string }, shop: { name: string; slug: string }, appUrl: string, reader: "manager" | "barista" = "manager"): string {
  const level = alert.severity === "critical" ? "Critical" : "Warning";
  const screen = reader === "barista" ? `/barista/${shop.slug}` : `/manager/${shop.slug}/agents`;
  return `${alert.severity === "critical" ? "🔴" : "🟠"} ${level} at ${shop.name}: ${alert.message}\n${new URL(screen, appUrl).toString()}`;
}

/**
 * The notifier's Telegram channel: a person who linked a Telegram chat to their account (the
 * account page's /link code) gets there the warning and critical alerts the bell gave them (a
 * manager: the shop's; a barista: what the bar acts on and their own overdue tasks), with a link
 * to the screen they can open.
 *
 * It follows the bell, as email does: the people told are those the notifier (lib/agents/notifier)
 * just gave a notification for this alert, so its rules apply here too (who is told, repeats of a
 * subject within 30 minutes merged). An alert this consumer reaches before the notifier has
 * handled it waits (the batch is retried with the consumer's backoff), so Telegram never runs
 * ahead of the bell. Each notification is sent once: a delivery per (alert, chat) on the bot's
 * channel (channel.ts, sent by the Telegram worker's dispatcher), and
 * `notifications.telegram_sent_at` set in the same transaction; at most TELEGRAM_ALERTS_PER_HOUR
 * per person an hour. A chat that blocked the bot is skipped (blocked.ts); the bell and email still tell.
 */
export function alertsToTelegram(appUrl: string, now: () => Date = () => new Date()): BatchHandler {
  return {
    types: ["agents.alert"],
    wants: forTelegram,
    async handle(events, { tx }) {
      for (const e of events) {
        if (!forTelegram(e)) continue;
        const told = await tx.notification.findMany({ where: { alertId: e.payload.alertId, telegramSentAt: null }, select: { id: true, userId: true } });
        if (told.length === 0) {
          if (!(await notifierHandled(tx, e.id))) throw new Error(`alert ${e.payload.alertId}: waiting for the notifier to decide who is told`);
          continue;
        }
        const linked = await tx.telegramChat.findMany({ where: { userId: { in: told.map((t) => t.userId) } }, select: { chatId: true, userId: true } });
        const blocked = await blockedChats(tx, linked.map((c) => c.chatId));
        const chats = linked.filter((c) => !blocked.has(String(c.chatId)));
        if (chats.length === 0) continue;
        const shop = await tx.shop.findUniqueOrThrow({ where: { id: e.payload.shopId }, select: { name: true, slug: true } });
        const baristas = new Set((await tx.shopMember.findMany({ where: { shopId: e.payload.shopId, role: "BARISTA", userId: { in: told.map((t) => t.userId) } }, select: { userId: true } })).map((m) => m.userId));
        const at = now();
        for (const notification of told) {
          const mine = chats.filter((c) => c.userId === notification.userId);
          if (mine.length === 0) continue;
          const lastHour = await tx.notification.count({ where: { userId: notification.userId, telegramSentAt: { gt: new Date(at.getTime() - HOUR_MS) } } });
          if (lastHour >= TELEGRAM_ALERTS_PER_HOUR) continue;
          const text = alertText(e.payload, shop, appUrl, baristas.has(notification.userId) ? "barista" : "manager");
          for (const chat of mine) {
            const chatId = String(chat.chatId);
            await recordTelegram(tx, { key: `telegram.alert:${e.payload.alertId}:${chatId}`, kind: "agents.alert", shopId: e.payload.shopId, message: { chatId, text, summary: `${e.payload.severity} alert "${e.payload.subject}" to chat ${maskChat(chatId)}` } });
          }
          await tx.notification.update({ where: { id: notification.id }, data: { telegramSentAt: at } });
        }
      }
    },
  };
}

async function notifierHandled(tx: Tx, eventId: string): Promise<boolean> {
  return (await tx.processedEvent.count({ where: { consumer: NOTIFIER_CONSUMER, eventId } })) > 0;
}
