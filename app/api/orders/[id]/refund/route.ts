import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { getInvoiceView } from "@/lib/payments/invoices";
import { refundOrder } from "@/lib/payments/service";

/**
 * POST /api/orders/:id/refund {txHash?} — a manager of the order's shop refunds a cancelled, paid
 * order (order:refund): records the refund their wallet sent, or, on a local chain, sends it with
 * the configured key. Answers with the invoice, now REFUNDED.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return json({ error: { code: "not_found", message: "There is no such order." } }, 404);
    const body = request.headers.get("content-length") === "0" ? {} : await readJson(request);
    const { txHash } = await refundOrder(db(), id, body, await getSessionUser());
    return json({ txHash, invoice: await getInvoiceView(db(), id) });
  } catch (error) {
    return requestErrorResponse(error);
  }
}
