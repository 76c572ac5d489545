import { z } from "zod";
import { requireShopAccess } from "@/lib/auth/shop-access";
import { db } from "@/lib/db";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { claimOrder, TicketConflict } from "@/lib/queue/actions";
import { lookupPickupCode } from "@/lib/queue/claim";
import { clientIp } from "@/lib/security/client-ip";
import { rateLimiter } from "@/lib/security/limiter";

/**
 * Claiming at the counter (staff of the shop).
 * GET ?code=ABC23 — the ready order with that code in this shop (wrong codes are rate limited).
 * POST { orderId } — hand it over: READY → CLAIMED.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop, user } = await requireShopAccess((await params).slug, "queue:work");
    const code = new URL(request.url).searchParams.get("code") ?? "";
    const device = `${user.id}:${clientIp(request.headers) ?? "unknown"}`;
    return json({ ticket: await lookupPickupCode({ db: db(), limiter: rateLimiter() }, { shopId: shop.id, code, device }) });
  } catch (error) {
    return requestErrorResponse(error);
  }
}

const claimBody = z.strictObject({ orderId: z.uuid("orderId must be the order's id") });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop, user } = await requireShopAccess((await params).slug, "queue:work");
    const { orderId } = claimBody.parse(await readJson(request));
    return json({ ticket: await claimOrder(db(), shop.id, orderId, user.id) });
  } catch (error) {
    if (error instanceof TicketConflict) return json({ error: { code: error.code, message: error.message }, ticket: error.ticket }, 409);
    return requestErrorResponse(error);
  }
}
