import { z } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import type { Db, Prisma } from "@/lib/db";
import { normalizePickupCode } from "@/lib/orders/pickup-code";
import { statusLabel, type OrderStatus } from "@/lib/orders/state-machine";
import { lockOrder, transitionOrder, type OrderRef } from "@/lib/orders/transition";
import { getTicket, type Ticket } from "./tickets";

/**
 * What a barista does to a ticket. Every move goes through the order state machine; order-level
 * actions carry the version the barista saw, so when two act at once one wins and the other gets a
 * conflict with the ticket as it is now.
 */

export const baristaAction = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("start"), version: z.number().int().nonnegative() }),
  z.strictObject({ action: z.literal("ready"), version: z.number().int().nonnegative() }),
  z.strictObject({ action: z.literal("recall"), version: z.number().int().nonnegative() }),
  z.strictObject({ action: z.literal("cancel"), version: z.number().int().nonnegative(), reason: z.string().trim().min(3, "say why, in a few words").max(140) }),
  z.strictObject({ action: z.literal("item-done"), itemId: z.uuid() }),
]);
export type BaristaAction = z.input<typeof baristaAction>;

/** A refused action, with the ticket as it is now so the screen can show it. */
export class TicketConflict extends DomainError {
  constructor(
    message: string,
    readonly ticket: Ticket | null,
  ) {
    super("conflict", message);
  }
}

/** One step back on the happy path. */
const RECALL: Partial<Record<OrderStatus, OrderStatus>> = { PREPARING: "QUEUED", READY: "PREPARING", CLAIMED: "READY" };

export async function applyBaristaAction(db: Db, shopId: string, orderId: string, raw: unknown, actorId: string): Promise<Ticket> {
  const parsed = baristaAction.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const input = parsed.data;
  const opts = { actor: "staff" as const, actorId };

  try {
    await db.$transaction(async (tx) => {
      const order = await lockShopOrder(tx, shopId, orderId);
      if (input.action === "item-done") return markItemDone(tx, order, input.itemId, actorId);
      if (input.version !== order.version) throw new TicketConflict(`Someone else just changed this order: it is ${statusLabel(order.status)} now.`, null);
      switch (input.action) {
        case "start":
          return void (await transitionOrder(tx, order, "PREPARING", opts));
        case "ready":
          await tx.orderItem.updateMany({ where: { orderId, status: "PENDING" }, data: { status: "DONE", doneAt: new Date() } });
          return void (await transitionOrder(tx, order, "READY", opts));
        case "recall": {
          const back = RECALL[order.status];
          if (!back) throw new TicketConflict(`An order that is ${statusLabel(order.status)} has no step to undo.`, null);
          if (order.status === "PREPARING") await tx.orderItem.updateMany({ where: { orderId }, data: { status: "PENDING", doneAt: null } });
          return void (await transitionOrder(tx, order, back, { ...opts, reason: "Recalled" }));
        }
        case "cancel":
          return void (await transitionOrder(tx, order, "CANCELLED", { ...opts, reason: input.reason }));
      }
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") throw new TicketConflict(error.message, await getTicket(db, orderId));
    throw error;
  }
  const ticket = await getTicket(db, orderId);
  if (!ticket) throw new DomainError("not_found", "There is no such order in this shop.");
  return ticket;
}

/** Marks one item made; the first one starts the order, the last one makes it ready. Idempotent. */
async function markItemDone(tx: Prisma.TransactionClient, order: OrderRef, itemId: string, actorId: string): Promise<void> {
  if (order.status !== "QUEUED" && order.status !== "PREPARING") throw new DomainError("conflict", `This order is ${statusLabel(order.status)}; its items can no longer be marked.`);
  const marked = await tx.orderItem.updateMany({ where: { id: itemId, orderId: order.id, status: "PENDING" }, data: { status: "DONE", doneAt: new Date() } });
  if (marked.count === 0) {
    if (!(await tx.orderItem.findFirst({ where: { id: itemId, orderId: order.id } }))) throw new DomainError("not_found", "This order has no such item.");
    return;
  }
  let current = order;
  if (current.status === "QUEUED") current = await transitionOrder(tx, current, "PREPARING", { actor: "staff", actorId });
  const left = await tx.orderItem.count({ where: { orderId: order.id, status: "PENDING" } });
  if (left === 0) await transitionOrder(tx, current, "READY", { actor: "staff", actorId });
  // Nothing else changed the order row: bump its version so live screens show the item as done.
  else if (current === order) await tx.order.update({ where: { id: order.id }, data: { version: { increment: 1 } } });
}

async function lockShopOrder(tx: Prisma.TransactionClient, shopId: string, orderId: string): Promise<OrderRef> {
  const order = z.uuid().safeParse(orderId).success ? await lockOrder(tx, orderId) : null;
  if (!order || order.shopId !== shopId) throw new DomainError("not_found", "There is no such order in this shop.");
  return order;
}

/** The ready order of this shop with this pickup code, for the barista to confirm; never another shop's. */
export async function findClaimable(db: Db, shopId: string, typed: string): Promise<Ticket | null> {
  const code = normalizePickupCode(typed);
  if (!code) return null;
  const order = await db.order.findUnique({ where: { shopId_activePickupCode: { shopId, activePickupCode: code } }, select: { id: true, status: true } });
  return order?.status === "READY" ? getTicket(db, order.id) : null;
}

/** Hands the order over: READY → CLAIMED (its reserved stock is consumed). */
export async function claimOrder(db: Db, shopId: string, orderId: string, actorId: string): Promise<Ticket> {
  await db.$transaction(async (tx) => {
    const order = await lockShopOrder(tx, shopId, orderId);
    if (order.status !== "READY") throw new TicketConflict(`This order is ${statusLabel(order.status)}, not ready for pickup.`, null);
    await transitionOrder(tx, order, "CLAIMED", { actor: "staff", actorId });
  }).catch(async (error: unknown) => {
    if (error instanceof DomainError && error.code === "conflict") throw new TicketConflict(error.message, await getTicket(db, orderId));
    throw error;
  });
  const ticket = await getTicket(db, orderId);
  if (!ticket) throw new DomainError("not_found", "There is no such order in this shop.");
  return ticket;
}
