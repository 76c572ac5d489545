import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { childLogger } from "@/lib/log";
import { orderApiPath, trackingPath } from "@/lib/orders/links";
import { placeOrderWithLimits, placementLimitsFrom } from "@/lib/orders/placement-limits";
import { clientIp } from "@/lib/security/client-ip";
import { deviceFromCookieHeader } from "@/lib/security/device";
import { rateLimiter } from "@/lib/security/limiter";
import { inSpan } from "@/lib/tracing";

/**
 * POST /api/orders: place an order. Body: see lib/orders/input.ts. Optional Idempotency-Key header:
 * the same key answers with the same order (200) instead of creating another (201). A guest's
 * order comes with its `trackingToken` and `trackingUrl`: the only way back to it. Limited per
 * client (lib/orders/placement-limits.ts): 429 with Retry-After.
 */
export async function POST(request: Request) {
  try {
    const body = await readJson(request);
    const user = await getSessionUser();
    const { order, created } = await inSpan("order.place", {}, async (span) => {
      const placed = await placeOrderWithLimits(
        { db: db(), limiter: rateLimiter(), log: childLogger("orders"), limits: placementLimitsFrom(env()) },
        { raw: body, idempotencyKey: request.headers.get("idempotency-key"), userId: user?.id ?? null, client: { device: deviceFromCookieHeader(request.headers.get("cookie")), ip: clientIp(request.headers) } },
      );
      span.setAttribute("gocoffee.order.id", placed.order.id);
      return placed;
    });
    return json({ order: { ...order, trackingUrl: trackingPath(order) } }, created ? 201 : 200, { location: orderApiPath(order) });
  } catch (error) {
    return requestErrorResponse(error);
  }
}
