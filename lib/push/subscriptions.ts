import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { authorizeOrder, type OrderViewer } from "@/lib/orders/access";
import { pushEndpointAllowed } from "./endpoints";

/** Devices one order may notify: a customer's phone and laptop, not a list someone fills by script. */
export const MAX_DEVICES_PER_ORDER = 5;

/** Orders past these have nothing left to say: no new subscriptions. */
const FINISHED = new Set(["READY", "CLAIMED", "CANCELLED", "REFUNDING", "REFUNDED"]);

/** A browser's PushSubscription.toJSON(): keys are base64url (65-byte P-256 point, 16-byte secret). */
export const pushSubscriptionInput = z.object({
  endpoint: z.string().max(1024, "endpoint: at most 1024 characters"),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}=?$/, "must be the browser's base64url P-256 key")
      // An uncompressed point (0x04, x, y), as PushManager gives it; anything else could never be encrypted to.
      .refine((k) => Buffer.from(k, "base64url")[0] === 0x04, "must be an uncompressed P-256 public key"),
    auth: z.string().regex(/^[A-Za-z0-9_-]{22}(==)?$/, "must be the browser's base64url 16-byte secret"),
  }),
});

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

/**
 * A device's subscription as the browser sent it, checked: its keys, and an endpoint at a known
 * push service (the app POSTs there later, so an endpoint a stranger chose is refused here).
 */
export function parseDevice(body: unknown, extraOrigins: readonly string[]): PushSubscriptionInput {
  const parsed = pushSubscriptionInput.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  if (!pushEndpointAllowed(parsed.data.endpoint, extraOrigins)) throw new DomainError("invalid", "endpoint: not a push service this app sends to", [{ path: "endpoint", message: "not a known push service" }]);
  return parsed.data;
}

/** The endpoint a device names to stop being told. */
export function endpointToStop(endpoint: unknown): string {
  if (typeof endpoint !== "string" || endpoint.length === 0 || endpoint.length > 1024) throw new DomainError("invalid", "endpoint: the subscription's endpoint is required");
  return endpoint;
}

/**
 * This device is told when the order is ready (or cancelled). Only the order's customer may ask
 * (its owner signed in, or a guest with the tracking token; not staff), only while it is still on
 * its way, for at most MAX_DEVICES_PER_ORDER devices, and only to a known push service: the app
 * POSTs to the endpoint later, so an endpoint a stranger chose is refused here. Asking again from
 * the same device updates its keys.
 */
export async function followOrder(db: Db, orderId: string, viewer: OrderViewer, body: unknown, extraOrigins: readonly string[]): Promise<{ devices: number }> {
  const sub = parseDevice(body, extraOrigins);
  const order = await authorizeOrder(db, orderId, viewer, "notify");
  return db.$transaction(async (tx) => {
    // Serialise this order's subscriptions, so two devices at once cannot both pass the cap.
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM orders WHERE id = ${order.id}::uuid FOR UPDATE`;
    if (!row || FINISHED.has(row.status)) throw new DomainError("conflict", "This order is finished: there is nothing left to notify you about.");
    const existing = await tx.pushSubscription.findUnique({ where: { orderId_endpoint: { orderId: order.id, endpoint: sub.endpoint } }, select: { id: true } });
    if (existing) {
      await tx.pushSubscription.update({ where: { id: existing.id }, data: { p256dh: sub.keys.p256dh, auth: sub.keys.auth, lastError: null } });
    } else {
      const devices = await tx.pushSubscription.count({ where: { orderId: order.id } });
      if (devices >= MAX_DEVICES_PER_ORDER) throw new DomainError("conflict", `This order already notifies ${MAX_DEVICES_PER_ORDER} devices.`);
      await tx.pushSubscription.create({ data: { orderId: order.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth } });
    }
    return { devices: await tx.pushSubscription.count({ where: { orderId: order.id } }) };
  });
}

/** This device stops following the order ("Stop notifications"); the same customer check. */
export async function unfollowOrder(db: Db, orderId: string, viewer: OrderViewer, endpoint: unknown): Promise<{ removed: number }> {
  const stop = endpointToStop(endpoint);
  const order = await authorizeOrder(db, orderId, viewer, "notify");
  const { count } = await db.pushSubscription.deleteMany({ where: { orderId: order.id, endpoint: stop } });
  return { removed: count };
}
