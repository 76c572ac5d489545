import type { Station } from "@/lib/catalog/types";
import type { Db, Prisma } from "@/lib/db";
import type { OptionSnapshot } from "@/lib/orders/build-order";
import type { OrderStatus } from "@/lib/orders/state-machine";

/**
 * The barista's view of an order: a ticket. Tickets of a shop's open orders (queued, preparing,
 * ready) make its queue; every change carries the order's change `seq`, which live screens resume
 * from after a dropped connection.
 */

export const QUEUE_STATUSES = ["QUEUED", "PREPARING", "READY"] as const satisfies readonly OrderStatus[];

export type TicketItem = { id: string; productName: string; quantity: number; options: string[]; notes: string | null; station: Station; done: boolean };

export type Ticket = {
  id: string;
  seq: number;
  version: number;
  status: OrderStatus;
  /** False once the order left the queue (claimed or cancelled): screens drop the ticket. */
  open: boolean;
  customerName: string;
  pickupCode: string;
  notes: string | null;
  paymentMethod: "PAY_AT_PICKUP" | "CRYPTO";
  /**
   * Crypto orders: the invoice that released the order, and whether it joined on the fast lane
   * (payment seen, not yet confirmed) or settled. The status is as of the ticket's last change.
   */
  payment?: { status: "NEW" | "PROCESSING" | "SETTLED" | "EXPIRED" | "INVALID" | "REFUNDED"; fastLane: boolean } | null;
  placedAt: string;
  queuedAt: string | null;
  startedAt: string | null;
  readyAt: string | null;
  etaAt: string | null;
  cancelReason: string | null;
  stations: Station[];
  items: TicketItem[];
};

const ticketInclude = {
  items: { orderBy: { id: "asc" } },
  invoices: { where: { releasedAt: { not: null } }, select: { status: true, fastLane: true }, orderBy: { createdAt: "desc" }, take: 1 },
} as const satisfies Prisma.OrderInclude;
type OrderWithItems = Prisma.OrderGetPayload<{ include: typeof ticketInclude }>;

function toTicket(order: OrderWithItems): Ticket {
  const items = order.items.map((item) => ({
    id: item.id,
    productName: item.productName,
    quantity: item.quantity,
    options: (item.options as OptionSnapshot[]).map((o) => o.optionName),
    notes: item.notes,
    station: item.station,
    done: item.status === "DONE",
  }));
  return {
    id: order.id,
    seq: Number(order.changeSeq),
    version: order.version,
    status: order.status,
    open: QUEUE_STATUSES.includes(order.status as (typeof QUEUE_STATUSES)[number]),
    customerName: order.customerName,
    pickupCode: order.pickupCode,
    notes: order.notes,
    paymentMethod: order.paymentMethod,
    payment: order.invoices[0] ? { status: order.invoices[0].status, fastLane: order.invoices[0].fastLane } : null,
    placedAt: order.placedAt.toISOString(),
    queuedAt: order.queuedAt?.toISOString() ?? null,
    startedAt: order.startedAt?.toISOString() ?? null,
    readyAt: order.readyAt?.toISOString() ?? null,
    etaAt: order.etaAt?.toISOString() ?? null,
    cancelReason: order.cancelReason,
    stations: [...new Set(items.map((i) => i.station))],
    items,
  };
}

/** The shop's open tickets, oldest first, and the newest change seq among all its orders. */
export async function getQueue(db: Db, shopId: string): Promise<{ tickets: Ticket[]; seq: number }> {
  const [orders, latest] = await Promise.all([
    db.order.findMany({ where: { shopId, status: { in: [...QUEUE_STATUSES] } }, include: ticketInclude, orderBy: { queuedAt: "asc" } }),
    db.order.aggregate({ where: { shopId }, _max: { changeSeq: true } }),
  ]);
  return { tickets: orders.map(toTicket), seq: Number(latest._max.changeSeq ?? 0) };
}

/** Changes after `seq` of tickets that are or were on the queue, in order (closed ones included). */
export async function ticketChangesSince(db: Db, shopId: string, seq: number): Promise<Ticket[]> {
  const orders = await db.order.findMany({
    where: { shopId, changeSeq: { gt: BigInt(seq) }, queuedAt: { not: null } },
    include: ticketInclude,
    orderBy: { changeSeq: "asc" },
    take: 500,
  });
  return orders.map(toTicket);
}

export async function getTicket(db: Db | Prisma.TransactionClient, orderId: string): Promise<Ticket | null> {
  const order = await db.order.findUnique({ where: { id: orderId }, include: ticketInclude });
  return order ? toTicket(order) : null;
}
