import { NOTIFIER_CONSUMER } from "@/lib/agents/notifier/notifications";
import type { Prisma } from "@/lib/db";
import type { BatchHandler, ConsumedEvent } from "@/lib/kafka/consumer";
import { sendToLinkedChats } from "./personal";

type Tx = Prisma.TransactionClient;

export const TELEGRAM_ALERTS_CONSUMER = "telegram-alerts";

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
 * channel and `notifications.telegram_sent_at` set in the same transaction (personal.ts: at most
 * TELEGRAM_PERSONAL_PER_HOUR per person an hour, chats that blocked the bot skipped; the bell and
 * email still tell).
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
        // Most people link no chat: nothing more to read for them.
        if ((await tx.telegramChat.count({ where: { userId: { in: told.map((t) => t.userId) } } })) === 0) continue;
        const shop = await tx.shop.findUniqueOrThrow({ where: { id: e.payload.shopId }, select: { name: true, slug: true } });
        const baristas = new Set((await tx.shopMember.findMany({ where: { shopId: e.payload.shopId, role: "BARISTA", userId: { in: told.map((t) => t.userId) } }, select: { userId: true } })).map((m) => m.userId));
        const at = now();
        for (const notification of told) {
          await sendToLinkedChats(tx, {
            notificationId: notification.id,
            userId: notification.userId,
            shopId: e.payload.shopId,
            key: `telegram.alert:${e.payload.alertId}`,
            kind: "agents.alert",
            text: alertText(e.payload, shop, appUrl, baristas.has(notification.userId) ? "barista" : "manager"),
            summary: `${e.payload.severity} alert "${e.payload.subject}"`,
            at,
          });
        }
      }
    },
  };
}

async function notifierHandled(tx: Tx, eventId: string): Promise<boolean> {
  return (await tx.processedEvent.count({ where: { consumer: NOTIFIER_CONSUMER, eventId } })) > 0;
}
