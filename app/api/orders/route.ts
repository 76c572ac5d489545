import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { placeOrder } from "@/lib/orders/place-order";
import { inSpan } from "@/lib/tracing";

/**
 * POST /api/orders: place an order. Body: see lib/orders/input.ts. Optional Idempotency-Key header:
 * the same key answers with the same order (200) instead of creating another (201).
 */
export async function POST(request: Request) {
  try {
    const body = await readJson(request);
    const user = await getSessionUser();
    const { order, created } = await inSpan("order.place", {}, async (span) => {
      const placed = await placeOrder(db(), body, { idempotencyKey: request.headers.get("idempotency-key"), userId: user?.id ?? null });
      span.setAttribute("gocoffee.order.id", placed.order.id);
      return placed;
    });
    return json({ order }, created ? 201 : 200, { location: `/api/orders/${order.id}` });
  } catch (error) {
    return requestErrorResponse(error);
  }
}
