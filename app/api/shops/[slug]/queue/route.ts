import { requireShopAccess } from "@/lib/auth/shop-access";
import { db } from "@/lib/db";
import { errorResponse, json } from "@/lib/http/responses";
import { getQueue } from "@/lib/queue/tickets";

export const dynamic = "force-dynamic";

/** GET /api/shops/:slug/queue — the open tickets and the latest change seq (staff of the shop). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop } = await requireShopAccess((await params).slug, "queue:work");
    return json(await getQueue(db(), shop.id));
  } catch (error) {
    return errorResponse(error);
  }
}
