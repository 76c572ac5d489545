import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, invalid, RateLimited } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { NO_SUCH_ORDER, tokenMatches, type OrderViewer } from "@/lib/orders/access";
import type { RateLimiter, RateLimitRule } from "@/lib/security/rate-limit";

/**
 * Customers rate a collected order: 1–5 stars and an optional comment, one rating per order,
 * editable for 24 hours after it was first given. Only the order's customer may rate it: its
 * owner (an account's order) or whoever holds the guest's tracking token. Staff and admins can
 * see orders but never rate them. Every rating (and edit) is announced on feedback.events.v1
 * through the outbox for the feedback analyst.
 */

export const COMMENT_MAX = 500;
export const EDIT_WINDOW_MS = 24 * 3_600_000;
/** Changes to one order's rating: enough to fix a typo, not to flood the analyst. */
export const RATING_CHANGES: RateLimitRule = { name: "order-rating", limit: 5, windowMs: 60 * 60_000 };

export const ratingInput = z.object({
  stars: z.coerce.number({ error: "Choose 1 to 5 stars." }).int({ error: "Choose 1 to 5 stars." }).min(1, { error: "Choose 1 to 5 stars." }).max(5, { error: "Choose 1 to 5 stars." }),
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX, { error: `Keep the comment under ${COMMENT_MAX} characters.` })
    .nullish()
    .transform((c) => (c ? c : null)),
});

export type RatingView = { stars: number; comment: string | null; editableUntil: string; editable: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(r: { stars: number; comment: string | null; createdAt: Date }, now: Date): RatingView {
  const until = new Date(r.createdAt.getTime() + EDIT_WINDOW_MS);
  return { stars: r.stars, comment: r.comment, editableUntil: until.toISOString(), editable: until > now };
}

/** The order's customer (owner, or the guest holding its token); staff and admins are not. */
export function isOrderCustomer(order: { userId: string | null; trackingToken: string | null }, viewer: OrderViewer): boolean {
  if (order.userId) return viewer.user?.id === order.userId;
  return tokenMatches(order.trackingToken, viewer.token);
}

async function customerOrder(db: Db, orderId: string, viewer: OrderViewer) {
  const order = UUID.test(orderId) ? await db.order.findUnique({ where: { id: orderId }, select: { id: true, shopId: true, userId: true, trackingToken: true, status: true } }) : null;
  if (order && isOrderCustomer(order, viewer)) return order;
  if (order?.userId && !viewer.user) throw new DomainError("unauthenticated", "Sign in to rate this order.");
  throw new DomainError("not_found", NO_SUCH_ORDER);
}

/** The customer's rating of their order, or null (none yet, or not their order). */
export async function ratingForCustomer(db: Db, orderId: string, viewer: OrderViewer, now = new Date()): Promise<RatingView | null> {
  const order = UUID.test(orderId) ? await db.order.findUnique({ where: { id: orderId }, select: { userId: true, trackingToken: true, rating: true } }) : null;
  if (!order?.rating || !isOrderCustomer(order, viewer)) return null;
  return view(order.rating, now);
}

/** Ratings of a signed-in customer's orders (My orders), by order id. */
export async function ratingsOfOrders(db: Db, userId: string, orderIds: readonly string[], now = new Date()): Promise<Map<string, RatingView>> {
  const rows = await db.orderRating.findMany({ where: { orderId: { in: [...orderIds] }, order: { userId } } });
  return new Map(rows.map((r) => [r.orderId, view(r, now)]));
}

/**
 * Gives or changes the rating of a collected order. Refused: bad input (invalid), someone who is
 * not the order's customer (as for an unknown order), an order not collected yet, a rating older
 * than 24 hours, more than RATING_CHANGES per hour on one order.
 */
export async function submitRating(db: Db, orderId: string, viewer: OrderViewer, raw: unknown, limiter: RateLimiter, now = new Date()): Promise<RatingView> {
  const parsed = ratingInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const order = await customerOrder(db, orderId, viewer);
  if (order.status !== "CLAIMED") throw new DomainError("conflict", "You can rate an order once you have collected it.");
  const existing = await db.orderRating.findUnique({ where: { orderId }, select: { createdAt: true } });
  if (existing && now.getTime() - existing.createdAt.getTime() > EDIT_WINDOW_MS) throw new DomainError("conflict", "A rating can be changed for 24 hours after it was given.");
  const limit = await limiter.consume(RATING_CHANGES, order.id, now.getTime());
  if (!limit.allowed) throw new RateLimited("Too many changes to this rating. Try again later.", limit.retryAfterMs);
  const { stars, comment } = parsed.data;
  return db.$transaction(async (tx) => {
    const rating = await tx.orderRating.upsert({
      where: { orderId },
      create: { orderId, shopId: order.shopId, stars, comment, createdAt: now },
      update: { stars, comment, revision: { increment: 1 } },
    });
    await enqueueEvents(tx, [createEvent("feedback.rating_submitted", orderId, { ratingId: rating.id, orderId, shopId: order.shopId, stars, revision: rating.revision }, now)]);
    return view(rating, now);
  });
}

/** How long after it was placed My orders offers to rate a collected order (a rated one shows its rating always). */
export const RATE_OFFER_MS = 7 * 86_400_000;

/** Of a customer's listed orders, those My orders shows a rating form for: collected, and recent or already rated. */
export function ratingFormFor(orders: readonly { id: string; status: string; placedAt: Date }[], rated: ReadonlyMap<string, RatingView>, now = new Date()): Set<string> {
  return new Set(orders.filter((o) => o.status === "CLAIMED" && (rated.has(o.id) || now.getTime() - o.placedAt.getTime() < RATE_OFFER_MS)).map((o) => o.id));
}
