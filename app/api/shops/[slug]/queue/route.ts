import { requireShopAccess } from "@/lib/shops/access";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http/responses";
import { getQueue } from "@/lib/queue/tickets";

export const dynamic = "force-dynamic";

/** GET /api/shops/:slug/queue — the oldest open tickets (QUEUE_SNAPSHOT_LIMIT), how many `more`, and the latest change seq (staff of the shop). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop } = await requireShopAccess((await params).slug, "queue:work");
    return json(await getQueue(db(), shop.id, env().QUEUE_SNAPSHOT_LIMIT));
  } catch (error) {
    return errorResponse(error);
  }
}
