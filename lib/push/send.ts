import pRetry, { AbortError } from "p-retry";
import webpush from "web-push";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { pushMessageFor, PUSHED_STATUSES, type PushMessage } from "./messages";

export const WEB_PUSH_CONSUMER = "web-push";

export type Vapid = { publicKey: string; privateKey: string; subject: string };
export type PushTarget = { endpoint: string; p256dh: string; auth: string };
export type PushAnswer = { status: number; body: string };
/** Delivers one encrypted push to a push service (RFC 8030); tests swap in nothing: they point endpoints at the fake service. */
export type PushSender = (target: PushTarget, message: PushMessage, topic: string) => Promise<PushAnswer>;

/** How long a push service keeps an undelivered "ready" for a phone that is off: after 30 minutes it is stale news. */
const TTL_SECONDS = 30 * 60;

/**
 * The real sender: `web-push` signs the VAPID JWT (RFC 8292) and encrypts the payload to the
 * browser's keys (RFC 8291, aes128gcm); the POST itself goes through fetch, which has a timeout
 * and does not insist on https (the demo's and tests' local push service is plain http; real
 * endpoints are https, endpoints.ts refuses anything else). `topic` lets the push service replace
 * a not-yet-delivered push about the same order instead of queueing both.
 */
export function webPushSender(vapid: Vapid, timeoutMs = 10_000): PushSender {
  return async (target, message, topic) => {
    const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(message), {
      vapidDetails: vapid,
      TTL: TTL_SECONDS,
      urgency: "high",
      topic,
    });
    const headers = Object.fromEntries(Object.entries(details.headers).filter(([k]) => k.toLowerCase() !== "content-length").map(([k, v]) => [k, String(v)]));
    const res = await fetch(details.endpoint, { method: "POST", headers, body: details.body ? new Uint8Array(details.body) : null, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: (await res.text()).slice(0, 300) };
  };
}

/** Push services answer 404/410 for a subscription that is gone (the user revoked it, the browser dropped it). */
const GONE = new Set([404, 410]);

/** One push, retried with backoff and jitter on 429/5xx/network errors (a few seconds at most: "ready" is news now or never). */
async function deliver(send: PushSender, target: PushTarget, message: PushMessage, topic: string): Promise<PushAnswer> {
  return pRetry(
    async () => {
      const answer = await send(target, message, topic);
      if (answer.status === 429 || answer.status >= 500) throw new Error(`${answer.status} ${answer.body}`.trim());
      if (answer.status >= 300 && !GONE.has(answer.status)) throw new AbortError(`${answer.status} ${answer.body}`.trim());
      return answer;
    },
    { retries: 3, minTimeout: 200, maxTimeout: 2_000, factor: 3, randomize: true },
  );
}

/** A device to push to: one that follows the order, or one that follows the order's account. */
type Device = PushTarget & { id: string; follows: "order" | "account" };

/**
 * Pushes "your order is ready" (and "cancelled") to every device that follows the order
 * (subscriptions.ts) and every device its account turned on (account-devices.ts); a device that
 * does both is pushed once. A subscription the push service calls gone is deleted; any other
 * failure is kept on it (last_error) and logged, and the batch goes on: one broken push service
 * must not hold the others' notifications. A redelivered event is not handled again
 * (processed_events, written in the same transaction as these rows); were the process to crash
 * between the push service's answer and that commit, the repeat carries the same tag and topic, so
 * the phone replaces its notification rather than showing two.
 */
export function webPushNotifier(send: PushSender): BatchHandler {
  return {
    types: ["order.status_changed"],
    wants: (e) => e.type === "order.status_changed" && PUSHED_STATUSES.includes(e.payload.to),
    async handle(events, { tx, log }) {
      const changes = events.flatMap((e) => (e.type === "order.status_changed" ? [{ orderId: e.payload.orderId, to: e.payload.to }] : []));
      const orderIds = [...new Set(changes.map((c) => c.orderId))];
      const orderRows = await tx.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, userId: true, pickupCode: true, trackingToken: true, shop: { select: { name: true } } } });
      const owners = [...new Set(orderRows.flatMap((o) => (o.userId ? [o.userId] : [])))];
      const [subs, accountDevices] = await Promise.all([
        tx.pushSubscription.findMany({ where: { orderId: { in: orderIds } } }),
        owners.length > 0 ? tx.accountPushDevice.findMany({ where: { userId: { in: owners } } }) : [],
      ]);
      if (subs.length === 0 && accountDevices.length === 0) return;
      const devicesOf = (order: (typeof orderRows)[number]): Device[] => {
        const all: Device[] = [
          ...subs.filter((s) => s.orderId === order.id).map((s) => ({ ...s, follows: "order" as const })),
          ...accountDevices.filter((d) => d.userId === order.userId).map((d) => ({ ...d, follows: "account" as const })),
        ];
        return all.filter((d, i) => all.findIndex((x) => x.endpoint === d.endpoint) === i);
      };
      const jobs = changes.flatMap((c) => {
        const order = orderRows.find((o) => o.id === c.orderId);
        const message = order && pushMessageFor(c.to, { id: order.id, pickupCode: order.pickupCode, trackingToken: order.trackingToken, shopName: order.shop.name });
        return order && message ? devicesOf(order).map((device) => ({ device, orderId: order.id, message, status: c.to })) : [];
      });
      const rows = {
        order: { remove: (id: string) => tx.pushSubscription.delete({ where: { id } }), update: (id: string, data: PushOutcome) => tx.pushSubscription.update({ where: { id }, data }) },
        account: { remove: (id: string) => tx.accountPushDevice.delete({ where: { id } }), update: (id: string, data: PushOutcome) => tx.accountPushDevice.update({ where: { id }, data }) },
      };
      await Promise.all(
        jobs.map(async ({ device, orderId, message, status }) => {
          const topic = orderId.replaceAll("-", "");
          const row = rows[device.follows];
          try {
            const answer = await deliver(send, device, message, topic);
            if (GONE.has(answer.status)) {
              await row.remove(device.id);
              log.info({ orderId, follows: device.follows, status: answer.status }, "push subscription gone: removed");
            } else {
              await row.update(device.id, { lastSentAt: new Date(), lastSent: status, lastError: null });
            }
          } catch (error) {
            const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
            await row.update(device.id, { lastError: reason });
            log.warn({ orderId, follows: device.follows, reason }, "push not delivered");
          }
        }),
      );
    },
  };
}

type PushOutcome = { lastSentAt?: Date; lastSent?: string; lastError: string | null };
