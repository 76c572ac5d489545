import type { Db } from "@/lib/db";
import { maskAddress } from "@/lib/mail/address";
import { DomainError } from "@/lib/errors";
import { authorizeOrder, NO_SUCH_ORDER, type OrderViewer } from "./access";
import type { Station } from "@/lib/catalog/types";
import type { OptionSnapshot } from "./build-order";
import { canTransition, type OrderStatus } from "./state-machine";

/** An order as its customer sees it (tracking page, API responses, the SSE stream). */
export type OrderView = {
  id: string;
  /** Guest orders: the key in their links (lib/orders/links.ts); null for an account's order. */
  trackingToken: string | null;
  shop: { slug: string; name: string; timezone: string };
  status: OrderStatus;
  customerName: string;
  pickupCode: string;
  paymentMethod: "PAY_AT_PICKUP" | "CRYPTO";
  subtotalCents: number;
  /** Paid with loyalty beans (a free drink). */
  discountCents: number;
  taxCents: number;
  /** Part of the total; kept apart from revenue. */
  tipCents: number;
  totalCents: number;
  currency: string;
  notes: string | null;
  /** A guest's receipt address, masked ("g***@example.com"); null when none was given. */
  receiptTo: string | null;
  cancelReason: string | null;
  etaAt: string | null;
  /** An order for later: the promised pickup time (the tracking page's "Ready at 08:15"); null = as soon as possible. */
  pickupAt: string | null;
  placedAt: string;
  queuedAt: string | null;
  startedAt: string | null;
  readyAt: string | null;
  claimedAt: string | null;
  cancelledAt: string | null;
  /** Increases with every change: the SSE event id, and what a reconnect resumes from. */
  version: number;
  canCancel: boolean;
  items: {
    id: string;
    productName: string;
    productSlug: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
    options: OptionSnapshot[];
    notes: string | null;
    station: Station;
    done: boolean;
  }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getOrderView(db: Db, id: string): Promise<OrderView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const order = await db.order.findUnique({
    where: { id },
    include: { shop: { select: { slug: true, name: true, timezone: true } }, items: { orderBy: { id: "asc" }, include: { product: { select: { slug: true } } } } },
  });
  if (!order) return null;
  return {
    id: order.id,
    trackingToken: order.userId ? null : order.trackingToken,
    shop: order.shop,
    status: order.status,
    customerName: order.customerName,
    pickupCode: order.pickupCode,
    paymentMethod: order.paymentMethod,
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    taxCents: order.taxCents,
    tipCents: order.tipCents,
    totalCents: order.totalCents,
    currency: order.currency,
    notes: order.notes,
    receiptTo: order.receiptEmail ? maskAddress(order.receiptEmail) : null,
    cancelReason: order.cancelReason,
    etaAt: iso(order.etaAt),
    pickupAt: iso(order.pickupAt),
    placedAt: order.placedAt.toISOString(),
    queuedAt: iso(order.queuedAt),
    startedAt: iso(order.startedAt),
    readyAt: iso(order.readyAt),
    claimedAt: iso(order.claimedAt),
    cancelledAt: iso(order.cancelledAt),
    version: order.version,
    canCancel: canTransition(order.status, "CANCELLED", "customer"),
    items: order.items.map((item) => ({
      id: item.id,
      productName: item.productName,
      productSlug: item.product.slug,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      lineTotalCents: item.lineTotalCents,
      options: item.options as OptionSnapshot[],
      notes: item.notes,
      station: item.station,
      done: item.status === "DONE",
    })),
  };
}

/** The order as `viewer` may see it; DomainError not_found / unauthenticated when they may not (see access.ts). */
export async function viewOrder(db: Db, id: string, viewer: OrderViewer): Promise<OrderView> {
  await authorizeOrder(db, id, viewer, "view");
  const view = await getOrderView(db, id);
  if (!view) throw new DomainError("not_found", NO_SUCH_ORDER);
  return view;
}
