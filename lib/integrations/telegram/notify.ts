import { InputFile, type Api } from "grammy";
import type { BatchHandler, ConsumedEvent } from "@/lib/kafka/consumer";
import { pickupQrPayload } from "@/lib/orders/pickup-code";
import { paymentQrPng } from "./pay";

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
 * crypto payment is seen (PROCESSING) and settled. Sent inside the consumer's batch: a failed send
 * retries the batch (the consumer's backoff), and processed_events keeps a delivered batch from
 * being handled again; a crash between Telegram's answer and the commit can repeat a message
 * (Telegram has no idempotency key).
 * "Ready" comes as the pickup QR with the code in its caption: the same QR the tracking page shows,
 * which the barista's scanner reads (lib/orders/pickup-code.ts).
 */
export function telegramNotifier(api: Pick<Api, "sendMessage" | "sendPhoto">): BatchHandler {
  return {
    types: ["order.status_changed", "invoice.status_changed"],
    wants: (e) => messageFor(e) !== null,
    async handle(events, { tx }) {
      const changes = events.flatMap((e) => {
        const text = messageFor(e);
        return text && "orderId" in e.payload ? [{ orderId: e.payload.orderId, text, ready: e.type === "order.status_changed" && e.payload.to === "READY" }] : [];
      });
      if (changes.length === 0) return;
      const chats = await tx.telegramOrder.findMany({ where: { orderId: { in: changes.map((c) => c.orderId) } }, select: { orderId: true, chatId: true } });
      if (chats.length === 0) return;
      const orders = new Map((await tx.order.findMany({ where: { id: { in: chats.map((c) => c.orderId) } }, select: { id: true, pickupCode: true, shop: { select: { slug: true } } } })).map((o) => [o.id, o]));
      for (const change of changes) {
        const chat = chats.find((c) => c.orderId === change.orderId);
        const order = orders.get(change.orderId);
        if (!chat || !order) continue;
        const text = change.text(order.pickupCode);
        if (change.ready) await api.sendPhoto(Number(chat.chatId), new InputFile(await paymentQrPng(pickupQrPayload(order.shop.slug, order.pickupCode)), "pickup.png"), { caption: text });
        else await api.sendMessage(Number(chat.chatId), text);
      }
    },
  };
}
