import { getSessionUser } from "@/lib/auth/session";
import type { OrderViewer } from "@/lib/orders/access";

/**
 * Who is asking about an order in a route handler: the session's user and the tracking token,
 * from `?token=` (links, EventSource) or the `X-Order-Token` header (API clients that keep it out
 * of URLs and logs).
 */
export async function orderViewerOf(request: Request): Promise<OrderViewer> {
  const token = request.headers.get("x-order-token") ?? new URL(request.url).searchParams.get("token");
  return { user: await getSessionUser(), token: token && token.length <= 64 ? token : null };
}
