import { db } from "@/lib/db";
import { orderViewerOf } from "@/lib/http/order-viewer";
import { errorResponse, json } from "@/lib/http/responses";
import { viewOrder } from "@/lib/orders/view";

/**
 * GET /api/orders/:id?token=… — the order as its customer sees it: an account's order for its
 * owner, a guest's with its tracking token, any order of their shop for its staff; 404 otherwise.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    return json({ order: await viewOrder(db(), id, await orderViewerOf(request)) });
  } catch (error) {
    return errorResponse(error);
  }
}
