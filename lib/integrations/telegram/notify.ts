import type { BatchHandler, ConsumedEvent } from "@/lib/kafka/consumer";
import { pickupQrPayload } from "@/lib/orders/pickup-code";
import { blockedChats } from "./blocked";
import { maskChat, recordTelegram } from "./channel";

export const TELEGRAM_NOTIFIER_CONSUMER = "telegram-notifier";

const ORDER_MESSAGES: Partial<Record<string, (code: string) => string>> = {
  QUEUED: (code) => `Order ${code} is in the queue.`,
  READY: (code) => `Your order ${code} is ready! Show this code at the counter: ${code} (or let the barista scan the QR)`,
  CLAIMED: (code) => `Order ${code} collected. Enjoy!`,
  CANCELLED: (code) => `Order ${code} was cancelled.`,
};

const PAYMENT_MESSAGES: Partial<Record<string, (code: string) => string>> = {
  PROCESSING: (code) => `Payment for order ${code} seen on chain: waiting for confirmations.`,
  SETTLED: (code) => `Payment for order ${code} settled. Your order goes to the bar now.`,
  INVALID: (code) => `The payment for order ${code} did not match its invoice. Please open the payment page or ask at the counter.`,
};

/** What a chat is told about this event, or null when it is nothing to tell (PREPARING, an exception-only invoice change…). */
function messageFor(e: ConsumedEvent): ((code: string) => string) | null {
  if (e.type === "order.status_changed") return ORDER_MESSAGES[e.payload.to] ?? null;
  // An exception-only change (partial payment flagged…) keeps the status: nothing new to say.
  if (e.type === "invoice.status_changed" && e.payload.from !== e.payload.to) return PAYMENT_MESSAGES[e.payload.to] ?? null;
  return null;
}

/**
 * Tells a Telegram chat when its order is queued, ready, collected or cancelled, and when its
 * crypto payment is seen (PROCESSING) and settled: one delivery per (event, chat) on the bot's
 * channel (channel.ts), recorded in the consumer's transaction and sent by the Telegram worker's
 * dispatcher, so a redelivered event or a retried batch is told once, and a chat that blocked the
 * bot is one dead delivery, never a stalled consumer (and then told nothing: blocked.ts).
 * "Ready" comes as the pickup QR with the code in its caption: the same QR the tracking page shows,
 * which the barista's scanner reads (lib/orders/pickup-code.ts).
 */
export function telegramNotifier(): BatchHandler {
  return {
    types: ["order.status_changed", "invoice.status_changed"],
    wants: (e) => messageFor(e) !== null,
    async handle(events, { tx }) {
      const changes = events.flatMap((e) => {
        const text = messageFor(e);
        return text && "orderId" in e.payload ? [{ eventId: e.id, type: e.type, orderId: e.payload.orderId, text, ready: e.type === "order.status_changed" && e.payload.to === "READY" }] : [];
      });
      if (changes.length === 0) return;
      const following = await tx.telegramOrder.findMany({ where: { orderId: { in: changes.map((c) => c.orderId) } }, select: { orderId: true, chatId: true } });
      const blocked = await blockedChats(tx, following.map((c) => c.chatId));
      const chats = following.filter((c) => !blocked.has(String(c.chatId)));
      if (chats.length === 0) return;
      const orders = new Map((await tx.order.findMany({ where: { id: { in: chats.map((c) => c.orderId) } }, select: { id: true, shopId: true, pickupCode: true, shop: { select: { slug: true } } } })).map((o) => [o.id, o]));
      for (const change of changes) {
        const order = orders.get(change.orderId);
        if (!order) continue;
        for (const chat of chats.filter((c) => c.orderId === change.orderId)) {
          const chatId = String(chat.chatId);
          await recordTelegram(tx, {
            key: `telegram.status:${change.eventId}:${chatId}`,
            kind: change.type,
            shopId: order.shopId,
            message: {
              chatId,
              text: change.text(order.pickupCode),
              ...(change.ready ? { pickupQr: pickupQrPayload(order.shop.slug, order.pickupCode) } : {}),
              summary: `Order ${order.pickupCode}: ${change.type === "order.status_changed" ? "status" : "payment"} to chat ${maskChat(chatId)}`,
            },
          });
        }
      }
    },
  };
}
