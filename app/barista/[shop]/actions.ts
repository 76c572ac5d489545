"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireShopAccess } from "@/lib/auth/shop-access";
import { db } from "@/lib/db";
import { applyBaristaAction, claimOrder, TicketConflict, type BaristaAction } from "@/lib/queue/actions";
import { lookupPickupCode } from "@/lib/queue/claim";
import type { Ticket } from "@/lib/queue/tickets";
import { clientIp } from "@/lib/security/client-ip";
import { rateLimiter } from "@/lib/security/limiter";

/** A refused move comes back with the ticket as it is now, so the screen can show it. */
export type TicketResult = ActionResult<Ticket> & { current?: Ticket | null };

export async function ticketAction(shopSlug: string, orderId: string, action: BaristaAction): Promise<TicketResult> {
  let current: Ticket | null | undefined;
  const result = await runAction(async () => {
    const { shop, user } = await requireShopAccess(shopSlug, "queue:work");
    try {
      return await applyBaristaAction(db(), shop.id, orderId, action, user.id);
    } catch (error) {
      if (error instanceof TicketConflict) current = error.ticket;
      throw error;
    }
  });
  return current === undefined ? result : { ...result, current };
}

export async function findPickup(shopSlug: string, code: string): Promise<ActionResult<Ticket>> {
  return runAction(async () => {
    const { shop, user } = await requireShopAccess(shopSlug, "queue:work");
    const device = `${user.id}:${clientIp(await headers()) ?? "unknown"}`;
    return lookupPickupCode({ db: db(), limiter: rateLimiter() }, { shopId: shop.id, code, device });
  });
}

export async function confirmPickup(shopSlug: string, orderId: string): Promise<ActionResult<Ticket>> {
  return runAction(async () => {
    const { shop, user } = await requireShopAccess(shopSlug, "queue:work");
    return claimOrder(db(), shop.id, orderId, user.id);
  });
}
