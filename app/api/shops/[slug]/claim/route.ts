import { z } from "zod";
import { requireShopAccess } from "@/lib/shops/access";
import { db } from "@/lib/db";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { TicketConflict } from "@/lib/queue/actions";
import { claimWithCode, lookupPickupCode } from "@/lib/queue/claim";
import { clientIp } from "@/lib/security/client-ip";
import { rateLimiter } from "@/lib/security/limiter";

/**
 * Claiming at the counter (staff of the shop).
 * GET ?code=ABC23 — the ready order with that code in this shop (wrong codes are rate limited).
 * POST { orderId, code } — hand it over: READY → CLAIMED, only with that order's code (counted
 * like a lookup: a wrong code is a wrong guess).
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

const claimBody = z.strictObject({ orderId: z.uuid("orderId must be the order's id"), code: z.string("code must be the customer's pickup code").max(20, "code is too long") });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop, user } = await requireShopAccess((await params).slug, "queue:work");
    const { orderId, code } = claimBody.parse(await readJson(request));
    const device = `${user.id}:${clientIp(request.headers) ?? "unknown"}`;
    return json({ ticket: await claimWithCode({ db: db(), limiter: rateLimiter() }, { shopId: shop.id, orderId, code, device, actorId: user.id }) });
  } catch (error) {
    if (error instanceof TicketConflict) return json({ error: { code: error.code, message: error.message }, ticket: error.ticket }, 409);
    return requestErrorResponse(error);
  }
}
