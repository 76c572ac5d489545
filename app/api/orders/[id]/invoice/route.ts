import { db } from "@/lib/db";
import { orderViewerOf } from "@/lib/http/order-viewer";
import { errorResponse, json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { authorizeOrder } from "@/lib/orders/access";
import { getInvoiceView } from "@/lib/payments/invoices";
import { createInvoiceForOrder } from "@/lib/payments/service";

/**
 * GET  /api/orders/:id/invoice?token=… — the order's latest invoice (status, amounts, countdown,
 * EIP-681 URIs, payments).
 * POST /api/orders/:id/invoice?token=… {chainId, token} — quote the order in a token (201; 200
 * with the open invoice when one already holds for that token).
 * Both for whoever may see the order (as GET /api/orders/:id): payer addresses and transaction
 * hashes are nobody else's business.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    await authorizeOrder(db(), id, await orderViewerOf(request), "view");
    const invoice = await getInvoiceView(db(), id);
    return invoice ? json({ invoice }) : json({ error: { code: "not_found", message: "This order has no invoice yet." } }, 404);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    await authorizeOrder(db(), id, await orderViewerOf(request), "view");
    const { invoice, created } = await createInvoiceForOrder(db(), id, await readJson(request));
    return json({ invoice }, created ? 201 : 200);
  } catch (error) {
    return requestErrorResponse(error);
  }
}
