"use server";

import { runAction, type ActionResult } from "@/lib/actions/result";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { submitRating, type RatingView } from "@/lib/feedback/ratings";
import { rateLimiter } from "@/lib/security/limiter";

/** Rates (or re-rates) a collected order as its customer: the owner signed in, or a guest with the order's tracking token. */
export async function rateOrderAction(orderId: string, token: string | null, input: { stars: number; comment: string }): Promise<ActionResult<RatingView>> {
  return runAction(async () => {
    const viewer = { user: await getSessionUser(), token: typeof token === "string" ? token : null };
    return submitRating(db(), String(orderId), viewer, input, rateLimiter());
  });
}
