import type { Api } from "grammy";
import { NOTIFIER_CONSUMER } from "@/lib/agents/notifier/notifications";
import type { Prisma } from "@/lib/db";
import type { BatchHandler, ConsumedEvent } from "@/lib/kafka/consumer";

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

export function alertText(alert: { severity: string; message: string }, shop: { name: string; slug: string }, appUrl: string): string {
  const level = alert.severity === "critical" ? "Critical" : "Warning";
  return `${alert.severity === "critical" ? "🔴" : "🟠"} ${level} at ${shop.name}: ${alert.message}\n${new URL(`/manager/${shop.slug}/agents`, appUrl).toString()}`;
}

/**
 * The notifier's Telegram channel: a manager who linked a Telegram chat to their account (the
 * account page's /link code) gets the shop's warning and critical alerts there.
 *
 * It follows the bell, as email does: the people told are those the notifier (lib/agents/notifier)
 * just gave a notification for this alert, so its rules apply here too (the shop's managers and
 * admins who are members, repeats of a subject within 30 minutes merged). An alert this consumer
 * reaches before the notifier has handled it waits (the batch is retried with the consumer's
 * backoff), so Telegram never runs ahead of the bell. Each notification is sent once
 * (`notifications.telegram_sent_at`, set in the same transaction as the send; a crash between
 * Telegram's answer and the commit can repeat a message: Telegram has no idempotency key), and
 * at most TELEGRAM_ALERTS_PER_HOUR per person an hour.
 */
export function managerAlertsToTelegram(api: Pick<Api, "sendMessage">, appUrl: string, now: () => Date = () => new Date()): BatchHandler {
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
        const chats = await tx.telegramChat.findMany({ where: { userId: { in: told.map((t) => t.userId) } }, select: { chatId: true, userId: true } });
        if (chats.length === 0) continue;
        const shop = await tx.shop.findUniqueOrThrow({ where: { id: e.payload.shopId }, select: { name: true, slug: true } });
        const text = alertText(e.payload, shop, appUrl);
        const at = now();
        for (const notification of told) {
          const mine = chats.filter((c) => c.userId === notification.userId);
          if (mine.length === 0) continue;
          const lastHour = await tx.notification.count({ where: { userId: notification.userId, telegramSentAt: { gt: new Date(at.getTime() - HOUR_MS) } } });
          if (lastHour >= TELEGRAM_ALERTS_PER_HOUR) continue;
          for (const chat of mine) await api.sendMessage(Number(chat.chatId), text, { link_preview_options: { is_disabled: true } });
          await tx.notification.update({ where: { id: notification.id }, data: { telegramSentAt: at } });
        }
      }
    },
  };
}

async function notifierHandled(tx: Tx, eventId: string): Promise<boolean> {
  return (await tx.processedEvent.count({ where: { consumer: NOTIFIER_CONSUMER, eventId } })) > 0;
}
