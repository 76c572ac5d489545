import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { errorResponse, json } from "@/lib/http/responses";
import { cancelOrderByCustomer } from "@/lib/orders/cancel-order";
import { getOrderView } from "@/lib/orders/view";

/** POST /api/orders/:id/cancel — the customer cancels; 409 with a sentence once preparation started. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    await cancelOrderByCustomer(db(), id, await getSessionUser());
    return json({ order: await getOrderView(db(), id) });
  } catch (error) {
    return errorResponse(error);
  }
}
