import { db, liveDb } from "@/lib/db";
import { json } from "@/lib/http/responses";
import { lastEventIdOf, sseResponse } from "@/lib/http/sse";
import { toBoardEntry } from "@/lib/queue/board";
import { openShopStream } from "@/lib/realtime/shop-stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/shops/:slug/board/events — public stream for the screen facing customers: `snapshot`
 * then `ticket` events carrying only { id, name (first), code, lane }.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const shop = await db().shop.findUnique({ where: { slug }, select: { id: true } });
  if (!shop) return json({ error: { code: "not_found", message: `There is no shop "${slug}".` } }, 404);
  const lastEventId = lastEventIdOf(request);
  return sseResponse(request.signal, (send) => openShopStream(liveDb(), shop.id, lastEventId, send, toBoardEntry));
}
