"use server";

import { cookies, headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { cancelOrderByCustomer } from "@/lib/orders/cancel-order";
import type { PlaceOrderInput } from "@/lib/orders/input";
import { placeOrderWithLimits, placementLimitsFrom } from "@/lib/orders/placement-limits";
import { viewOrder, type OrderView } from "@/lib/orders/view";
import { clientIp } from "@/lib/security/client-ip";
import { DEVICE_COOKIE, validDevice } from "@/lib/security/device";
import { rateLimiter } from "@/lib/security/limiter";

/** Places an order from the checkout form; the same implementation (and limits) as POST /api/orders. */
export async function placeOrderAction(input: PlaceOrderInput, idempotencyKey: string): Promise<ActionResult<{ orderId: string; trackingToken: string | null }>> {
  return runAction(async () => {
    const user = await getSessionUser();
    const { order } = await placeOrderWithLimits(
      { db: db(), limiter: rateLimiter(), log: childLogger("orders"), limits: placementLimitsFrom(env()) },
      { raw: input, idempotencyKey, userId: user?.id ?? null, client: { device: validDevice((await cookies()).get(DEVICE_COOKIE)?.value), ip: clientIp(await headers()) } },
    );
    return { orderId: order.id, trackingToken: order.trackingToken };
  });
}

/** The customer cancels: an account's order when signed in as its owner, a guest's with its tracking token. */
export async function cancelOrderAction(orderId: string, token: string | null): Promise<ActionResult<OrderView>> {
  return runAction(async () => {
    const viewer = { user: await getSessionUser(), token: typeof token === "string" ? token : null };
    await cancelOrderByCustomer(db(), String(orderId), viewer);
    return viewOrder(db(), String(orderId), viewer);
  });
}
