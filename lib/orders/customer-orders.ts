import type { Db } from "@/lib/db";
import type { OptionSnapshot } from "./build-order";
import type { OrderStatus } from "./state-machine";

/**
 * A signed-in customer's orders: the list on "My orders" and what "Order again" re-places.
 */

/** One past order in "My orders". */
export type CustomerOrder = {
  id: string;
  shop: { slug: string; name: string; timezone: string };
  status: OrderStatus;
  placedAt: Date;
  totalCents: number;
  currency: string;
  items: { productName: string; quantity: number }[];
};

export const ORDERS_PAGE_SIZE = 50;

/** The user's orders, newest first (served by the orders(user_id, placed_at) index). */
export async function listCustomerOrders(db: Db, userId: string, limit = ORDERS_PAGE_SIZE): Promise<CustomerOrder[]> {
  return db.order.findMany({
    where: { userId },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      status: true,
      placedAt: true,
      totalCents: true,
      currency: true,
      shop: { select: { slug: true, name: true, timezone: true } },
      items: { select: { productName: true, quantity: true }, orderBy: { id: "asc" } },
    },
  });
}

/** What re-placing an order needs: its owner, shop and lines (products by slug, chosen options). */
export type ReorderSource = {
  id: string;
  userId: string | null;
  shopSlug: string;
  items: { productSlug: string; quantity: number; options: OptionSnapshot[]; notes: string | null }[];
};

export async function getReorderSource(db: Db, orderId: string): Promise<ReorderSource | null> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      userId: true,
      shop: { select: { slug: true } },
      items: { orderBy: { id: "asc" }, select: { quantity: true, options: true, notes: true, product: { select: { slug: true } } } },
    },
  });
  if (!order) return null;
  return {
    id: order.id,
    userId: order.userId,
    shopSlug: order.shop.slug,
    items: order.items.map((i) => ({ productSlug: i.product.slug, quantity: i.quantity, options: Array.isArray(i.options) ? (i.options as OptionSnapshot[]) : [], notes: i.notes })),
  };
}
