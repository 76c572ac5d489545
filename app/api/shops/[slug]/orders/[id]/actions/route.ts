import { requireShopAccess } from "@/lib/shops/access";
import { db } from "@/lib/db";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { applyBaristaAction, TicketConflict } from "@/lib/queue/actions";

/**
 * POST /api/shops/:slug/orders/:id/actions — a barista moves a ticket:
 * `{ action: "start" | "ready" | "recall", version }`, `{ action: "cancel", version, reason }`,
 * `{ action: "item-done", itemId }`. 409 with the current ticket when the move is impossible or
 * someone else moved it first.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  try {
    const { slug, id } = await params;
    const { shop, user } = await requireShopAccess(slug, "queue:work");
    const ticket = await applyBaristaAction(db(), shop.id, id, await readJson(request), user.id);
    return json({ ticket });
  } catch (error) {
    if (error instanceof TicketConflict) return json({ error: { code: error.code, message: error.message }, ticket: error.ticket }, 409);
    return requestErrorResponse(error);
  }
}
