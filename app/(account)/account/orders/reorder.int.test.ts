import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { signUp } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { cachedShopMenu, forgetShopMenus } from "@/lib/catalog/menu-cache";
import { placeOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";
import { getReorderSource, listCustomerOrders } from "@/lib/orders/customer-orders";
import { reorderInput } from "./reorder";

/** "My orders" and "Order again" against the real database with the demo menu. */

const db = createDb(env().DATABASE_URL, 4);
const SFO = "sfo-terminal-2"; // open around the clock

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
});
afterAll(() => db.$disconnect());

describe("order again", () => {
  it("lists the user's orders newest first and re-places one with the same items", async () => {
    const user = await signUp(db, { name: "Rita", email: `reorder-${randomUUID().slice(0, 8)}@example.test`, password: "espresso-and-more" });
    const first = await placeOrder(db, { shop: SFO, customerName: "Rita", items: [{ product: "caffe-latte", quantity: 2, options: { size: ["large"], milk: ["oat"] } }, { product: "butter-croissant", quantity: 1 }] }, { userId: user.id });
    await placeOrder(db, { shop: SFO, customerName: "Rita", items: [{ product: "butter-croissant", quantity: 1 }] }, { userId: user.id, now: new Date(Date.now() + 1000) });

    const listed = await listCustomerOrders(db, user.id);
    expect(listed).toHaveLength(2);
    expect(listed[1]?.id).toBe(first.order.id);
    expect(listed[1]?.items.map((i) => i.quantity)).toEqual([2, 1]);
    expect(listed[1]?.items[0]?.productName).toMatch(/latte/i);

    const source = await getReorderSource(db, first.order.id);
    expect(source?.userId).toBe(user.id);
    const key = randomUUID();
    const again = await placeOrder(db, reorderInput(source!, user.name, await cachedShopMenu(db, SFO)), { userId: user.id, idempotencyKey: key });
    expect(again.created).toBe(true);
    expect(again.order.totalCents).toBe(first.order.totalCents);
    const items = await db.orderItem.findMany({ where: { orderId: again.order.id }, orderBy: { id: "asc" }, select: { quantity: true, options: true, product: { select: { slug: true } } } });
    const original = await db.orderItem.findMany({ where: { orderId: first.order.id }, orderBy: { id: "asc" }, select: { quantity: true, options: true, product: { select: { slug: true } } } });
    expect(items).toEqual(original);
    // The same key (a double click) does not place a second order.
    expect((await placeOrder(db, reorderInput(source!, user.name, null), { userId: user.id, idempotencyKey: key })).order.id).toBe(again.order.id);
  });

  it("explains when a product is no longer available", async () => {
    const user = await signUp(db, { name: "Una", email: `gone-${randomUUID().slice(0, 8)}@example.test`, password: "espresso-and-more" });
    const { order } = await placeOrder(db, { shop: SFO, customerName: "Una", items: [{ product: "butter-croissant", quantity: 1 }] }, { userId: user.id });
    const product = await db.product.findUniqueOrThrow({ where: { slug: "butter-croissant" }, select: { id: true, active: true } });
    await db.product.update({ where: { id: product.id }, data: { active: false } });
    forgetShopMenus();
    try {
      const source = await getReorderSource(db, order.id);
      const error = await placeOrder(db, reorderInput(source!, user.name, null), { userId: user.id }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toMatch(/croissant/i);
    } finally {
      await db.product.update({ where: { id: product.id }, data: { active: product.active } });
      forgetShopMenus();
    }
  });
});
