import { db, liveDb } from "@/lib/db";
import { liveStream } from "@/lib/http/live-stream";
import { json } from "@/lib/http/responses";
import { boardSnapshot, projectForBoard } from "@/lib/queue/board-feed";
import { openShopStream } from "@/lib/realtime/shop-stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/shops/:slug/board/events — public stream for the screen facing customers: a `snapshot`
 * of { entries, more } on every connect, then a `ticket` event per change, each only { key, name, lane }.
 * Last-Event-ID is ignored on purpose: a public stream replays nothing of the shop's history.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const shop = await db().shop.findUnique({ where: { slug }, select: { id: true } });
  if (!shop) return json({ error: { code: "not_found", message: `There is no shop "${slug}".` } }, 404);
  return liveStream(request, (send) =>
    openShopStream(liveDb(), { shopId: shop.id, resumeFrom: null, snapshot: () => boardSnapshot(liveDb(), shop.id), project: projectForBoard(), send }),
  );
}
