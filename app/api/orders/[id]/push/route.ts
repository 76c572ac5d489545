import { db } from "@/lib/db";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { orderViewerOf } from "@/lib/http/order-viewer";
import { pushSettings } from "@/lib/push/settings";
import { followOrder, unfollowOrder } from "@/lib/push/subscriptions";

/**
 * POST /api/orders/:id/push?token=… with the browser's PushSubscription as JSON — this device is
 * told when the order is ready. The order's customer only (owner, or guest with the token); the
 * endpoint must be a known push service (lib/push/subscriptions.ts says why).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { extraOrigins } = pushSettings();
    const { id } = await params;
    return json(await followOrder(db(), id, await orderViewerOf(request), await readJson(request), extraOrigins), 201);
  } catch (error) {
    return requestErrorResponse(error);
  }
}

/** DELETE /api/orders/:id/push?token=… with `{ "endpoint": … }` — this device stops following the order. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    pushSettings();
    const { id } = await params;
    const body = (await readJson(request)) as { endpoint?: unknown } | null;
    return json(await unfollowOrder(db(), id, await orderViewerOf(request), body?.endpoint));
  } catch (error) {
    return requestErrorResponse(error);
  }
}
