import { randomBytes, timingSafeEqual } from "node:crypto";
import { DomainError } from "@/lib/errors";
import { can } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db";

/**
 * Who may open an order. The order id is not a secret (it travels in events, logs and staff
 * screens), so it opens nothing by itself:
 * - an account's order opens for its owner (and admins);
 * - a guest order opens with its tracking token, 128 random bits in the link the guest was given;
 * - the shop's staff see every order of their shop (not to cancel it as the customer: they cancel
 *   from the queue, with a reason).
 * A refusal reads like an unknown order ("There is no such order."), except that someone signed
 * out is asked to sign in when the order belongs to an account.
 */

export type OrderViewer = { user: SessionUser | null; token: string | null };
/** "notify": a device asks to be told when the order is ready (the customer only, like cancel, but no admin override). */
export type OrderPurpose = "view" | "cancel" | "notify";
export type OrderKey = { id: string; shopId: string; userId: string | null; trackingToken: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NO_SUCH_ORDER = "There is no such order.";

/** A fresh tracking token: 16 random bytes, base64url (22 characters). */
export function newTrackingToken(): string {
  return randomBytes(16).toString("base64url");
}

export function tokenMatches(expected: string | null, given: string | null): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** "ok", "sign-in" (an account's order, nobody signed in) or "no". Pure. */
export function orderAccess(order: OrderKey, viewer: OrderViewer, purpose: OrderPurpose): "ok" | "sign-in" | "no" {
  if (purpose === "view" && can(viewer.user, "order:view-shop", { shopId: order.shopId })) return "ok";
  if (order.userId) {
    if (!viewer.user) return "sign-in";
    return can(viewer.user, purpose === "cancel" ? "order:cancel-own" : "order:view-own", { ownerId: order.userId }) ? "ok" : "no";
  }
  if (tokenMatches(order.trackingToken, viewer.token)) return "ok";
  return purpose === "cancel" && viewer.user?.role === "ADMIN" ? "ok" : "no";
}

/** The order's access facts, or null when the id is not an order's. */
export async function findOrderKey(db: Db, id: string): Promise<OrderKey | null> {
  if (!UUID.test(id)) return null;
  return db.order.findUnique({ where: { id }, select: { id: true, shopId: true, userId: true, trackingToken: true } });
}

const SIGN_IN: Record<OrderPurpose, string> = { view: "Sign in to see this order.", cancel: "Sign in to cancel this order.", notify: "Sign in to be notified about this order." };

/** The order if `viewer` may open it for `purpose`; otherwise DomainError not_found / unauthenticated. */
export async function authorizeOrder(db: Db, id: string, viewer: OrderViewer, purpose: OrderPurpose): Promise<OrderKey> {
  const order = await findOrderKey(db, id);
  const access = order ? orderAccess(order, viewer, purpose) : "no";
  if (access === "sign-in") throw new DomainError("unauthenticated", SIGN_IN[purpose]);
  if (access === "no" || !order) throw new DomainError("not_found", NO_SUCH_ORDER);
  return order;
}
