import { requireShopAccess } from "@/lib/auth/shop-access";
import { liveDb } from "@/lib/db";
import { errorResponse } from "@/lib/http/responses";
import { lastEventIdOf, sseResponse } from "@/lib/http/sse";
import { openShopStream } from "@/lib/realtime/shop-stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/shops/:slug/queue/events — the live queue (staff of the shop): `snapshot`, then a
 * `ticket` per change; a reconnect with Last-Event-ID gets exactly the changes it missed.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop } = await requireShopAccess((await params).slug, "queue:work");
    const lastEventId = lastEventIdOf(request);
    return sseResponse(request.signal, (send) => openShopStream(liveDb(), shop.id, lastEventId, send, (ticket) => ticket));
  } catch (error) {
    return errorResponse(error);
  }
}
