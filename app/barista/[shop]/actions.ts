"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { markShopRead } from "@/lib/agents/notifier/notifications";
import { setOwnTaskStatus } from "@/lib/agents/tasks/manage";
import type { TaskStatus } from "@/lib/agents/tasks/rules";
import { requireShopAccess } from "@/lib/shops/access";
import { db } from "@/lib/db";
import { applyBaristaAction, TicketConflict, type BaristaAction } from "@/lib/queue/actions";
import { claimWithCode, lookupPickupCode } from "@/lib/queue/claim";
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

/** The counter device: the barista's account on this network address (wrong codes are counted per device). */
const counterDevice = async (userId: string) => `${userId}:${clientIp(await headers()) ?? "unknown"}`;

export async function findPickup(shopSlug: string, code: string): Promise<ActionResult<Ticket>> {
  return runAction(async () => {
    const { shop, user } = await requireShopAccess(shopSlug, "queue:work");
    return lookupPickupCode({ db: db(), limiter: rateLimiter() }, { shopId: shop.id, code: String(code), device: await counterDevice(user.id) });
  });
}

/** Hands the order over; the customer's code is checked again (it is the proof of pickup). */
export async function confirmPickup(shopSlug: string, orderId: string, code: string): Promise<ActionResult<Ticket>> {
  return runAction(async () => {
    const { shop, user } = await requireShopAccess(shopSlug, "queue:work");
    return claimWithCode({ db: db(), limiter: rateLimiter() }, { shopId: shop.id, orderId: String(orderId), code: String(code), device: await counterDevice(user.id), actorId: user.id });
  });
}

/** The bell's "Mark all read": this person's notifications at this shop. */
export async function markBaristaNotificationsRead(shopSlug: string): Promise<ActionResult<number>> {
  return runAction(async () => {
    const { shop, user } = await requireShopAccess(shopSlug, "queue:work");
    return markShopRead(db(), user.id, shop.id);
  });
}

/** "Your tasks": start, put back or finish a task given to this person at this shop (theirs only). */
export async function setOwnTaskStatusAction(shopSlug: string, input: unknown): Promise<ActionResult<TaskStatus>> {
  return runAction(async () => {
    const { shop, user } = await requireShopAccess(shopSlug, "queue:work");
    return setOwnTaskStatus(db(), user, shop.id, input);
  });
}
