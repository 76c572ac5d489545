import { db } from "@/lib/db";
import { errorResponse, json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { getInvoiceView } from "@/lib/payments/invoices";
import { createInvoiceForOrder } from "@/lib/payments/service";

/**
 * GET  /api/orders/:id/invoice — the order's latest invoice (status, amounts, countdown, EIP-681 URIs, payments).
 * POST /api/orders/:id/invoice {chainId, token} — quote the order in a token (201; 200 with the open
 * invoice when one already holds for that token). Like the order itself, the unguessable id is the
 * capability.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const invoice = await getInvoiceView(db(), id);
    return invoice ? json({ invoice }) : json({ error: { code: "not_found", message: "This order has no invoice yet." } }, 404);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return json({ error: { code: "not_found", message: "There is no such order." } }, 404);
    const { invoice, created } = await createInvoiceForOrder(db(), id, await readJson(request));
    return json({ invoice }, created ? 201 : 200);
  } catch (error) {
    return requestErrorResponse(error);
  }
}
