import { db } from "@/lib/db";
import { errorResponse, json } from "@/lib/http/responses";
import { getOrderView } from "@/lib/orders/view";

/** GET /api/orders/:id — the order as its customer sees it. The id is unguessable (UUIDv7, 74 random bits). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const order = await getOrderView(db(), id);
    return order ? json({ order }) : json({ error: { code: "not_found", message: "There is no such order." } }, 404);
  } catch (error) {
    return errorResponse(error);
  }
}
