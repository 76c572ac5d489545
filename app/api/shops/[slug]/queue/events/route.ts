import { requireLiveShopAccess, STAFF_RECHECK_MS } from "@/lib/shops/access";
import { liveDb } from "@/lib/db";
import { env } from "@/lib/env";
import { liveStream } from "@/lib/http/live-stream";
import { errorResponse } from "@/lib/http/responses";
import { lastEventIdOf } from "@/lib/http/sse";
import { getQueue } from "@/lib/queue/tickets";
import { openShopStream } from "@/lib/realtime/shop-stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/shops/:slug/queue/events — the live queue (staff of the shop, as the database has them
 * now, checked again every minute): `snapshot` { tickets, more }, then a `ticket` per change; a
 * reconnect with Last-Event-ID gets exactly the changes it missed.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop, stillAllowed } = await requireLiveShopAccess((await params).slug, "queue:work");
    const db = liveDb();
    return liveStream(
      request,
      (send) =>
        openShopStream(db, {
          shopId: shop.id,
          resumeFrom: lastEventIdOf(request),
          snapshot: async () => {
            const { tickets, seq, more } = await getQueue(db, shop.id, env().QUEUE_SNAPSHOT_LIMIT);
            return { seq, data: { tickets, more } };
          },
          project: (ticket) => ticket,
          send,
        }),
      { stillAllowed, recheckEveryMs: STAFF_RECHECK_MS },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
