import { db } from "@/lib/db";
import { orderViewerOf } from "@/lib/http/order-viewer";
import { errorResponse, json } from "@/lib/http/responses";
import { cancelOrderByCustomer } from "@/lib/orders/cancel-order";
import { viewOrder } from "@/lib/orders/view";

/**
 * POST /api/orders/:id/cancel?token=… — the customer cancels (an account's order as its owner, a
 * guest's with its tracking token); 409 with a sentence once preparation started.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const viewer = await orderViewerOf(request);
    await cancelOrderByCustomer(db(), id, viewer);
    return json({ order: await viewOrder(db(), id, viewer) });
  } catch (error) {
    return errorResponse(error);
  }
}
