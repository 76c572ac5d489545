import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed";
import { defaultTags, productTags } from "./dietary";
import { getShopMenu } from "./menu";

const db = createDb(env().DATABASE_URL, 4);
beforeAll(() => seed(db, { historyDays: 0 }));
afterAll(() => db.$disconnect());

async function setAvailable(shopSlug: string, ingredientSlug: string, available: number): Promise<() => Promise<void>> {
  const shop = await db.shop.findUniqueOrThrow({ where: { slug: shopSlug } });
  const ingredient = await db.ingredient.findUniqueOrThrow({ where: { slug: ingredientSlug } });
  const where = { shopId_ingredientId: { shopId: shop.id, ingredientId: ingredient.id } };
  const before = await db.stock.findUniqueOrThrow({ where });
  await db.stock.update({ where, data: { onHand: before.reserved + available } });
  return async () => void (await db.stock.update({ where, data: { onHand: before.onHand } }));
}

describe("getShopMenu", () => {
  it("lists what the shop sells by category, at its own prices", async () => {
    const menu = await getShopMenu(db, "sfo-terminal-2");
    expect(menu?.shop.name).toBe("Go Coffee SFO Terminal 2");
    const products = menu!.categories.flatMap((c) => c.products);
    expect(products.length).toBeGreaterThanOrEqual(20);
    expect(products.find((p) => p.slug === "everything-bagel")).toBeUndefined(); // not sold at SFO
    expect(products.find((p) => p.slug === "caffe-latte")?.priceCents).toBe(575); // SFO's override
    expect(await getShopMenu(db, "atlantis")).toBeNull();
  });

  it("derives allergens and diets from the recipe and the chosen options", async () => {
    const products = (await getShopMenu(db, "sfo-terminal-2"))!.categories.flatMap((c) => c.products);
    const latte = products.find((p) => p.slug === "caffe-latte")!;
    const option = (group: string, slug: string) => latte.optionGroups.find((g) => g.slug === group)!.options.find((o) => o.slug === slug)!.id;
    expect(defaultTags(latte)).toEqual({ allergens: ["MILK"], flags: ["VEGETARIAN"] }); // whole milk
    const oat = productTags(latte, new Set([option("size", "medium"), option("milk", "oat"), option("temperature", "hot")]));
    expect(oat.allergens).not.toContain("MILK");
    expect(oat.flags).toContain("VEGAN");
    expect(productTags(latte, new Set([option("milk", "oat"), option("syrups", "hazelnut")])).allergens).toContain("NUTS");
    expect(defaultTags(products.find((p) => p.slug === "butter-croissant")!).allergens).toEqual(["MILK", "EGG", "GLUTEN"]);
  });

  it("marks an option the stock cannot make as unavailable, with the reason", async () => {
    const restore = await setAvailable("chicago-loop", "oat-milk", 0);
    try {
      const latte = (await getShopMenu(db, "chicago-loop"))!.categories.flatMap((c) => c.products).find((p) => p.slug === "caffe-latte")!;
      const oat = latte.optionGroups.find((g) => g.slug === "milk")!.options.find((o) => o.slug === "oat")!;
      expect(oat).toMatchObject({ available: false, unavailableReason: "Out of oat milk" });
      expect(latte.available).toBe(true); // other milks still work
    } finally {
      await restore();
    }
  });

  it("shows a product as unavailable (not hidden) when its base recipe cannot be made", async () => {
    const restore = await setAvailable("chicago-loop", "butter-croissant", 0);
    try {
      const products = (await getShopMenu(db, "chicago-loop"))!.categories.flatMap((c) => c.products);
      expect(products.find((p) => p.slug === "butter-croissant")).toMatchObject({ available: false, unavailableReason: "Out of butter croissant" });
    } finally {
      await restore();
    }
  });
});

describe("a product's own default option", () => {
  it("is the default on the menu and in an order that does not choose (a drink made with oat milk stays oat)", async () => {
    const { placeOrder } = await import("@/lib/orders/place-order");
    const stamp = Date.now().toString(36);
    const latte = await db.product.findUniqueOrThrow({ where: { slug: "caffe-latte" }, include: { optionGroups: true, recipe: true } });
    const milk = await db.optionGroup.findUniqueOrThrow({ where: { slug: "milk" }, include: { options: true } });
    const oat = milk.options.find((o) => o.slug === "oat")!;
    const sfo = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
    // A drink of its own (the latte's groups and recipe), so no other test's latte changes.
    const drink = await db.product.create({
      data: {
        slug: `oat-flat-white-${stamp}`,
        name: `Oat flat white ${stamp}`,
        categoryId: latte.categoryId,
        basePriceCents: 500,
        station: latte.station,
        prepSeconds: 120,
        recipe: { create: latte.recipe.map((l) => ({ ingredientId: l.ingredientId, optionId: l.optionId, quantity: l.quantity, scalesWithSize: l.scalesWithSize })) },
        optionGroups: { create: latte.optionGroups.map((g) => ({ optionGroupId: g.optionGroupId, sortOrder: g.sortOrder, defaultOptionId: g.optionGroupId === milk.id ? oat.id : null })) },
        shops: { create: [{ shopId: sfo.id }] },
      },
    });
    const listed = (await getShopMenu(db, "sfo-terminal-2"))!.categories.flatMap((c) => c.products).find((p) => p.id === drink.id)!;
      expect(listed.optionGroups.find((g) => g.slug === "milk")!.options.filter((o) => o.isDefault).map((o) => o.slug)).toEqual(["oat"]);
      expect(defaultTags(listed).allergens).not.toContain("MILK");
      // The latte itself keeps whole milk.
      const plain = (await getShopMenu(db, "sfo-terminal-2"))!.categories.flatMap((c) => c.products).find((p) => p.slug === "caffe-latte")!;
      expect(plain.optionGroups.find((g) => g.slug === "milk")!.options.filter((o) => o.isDefault).map((o) => o.slug)).toEqual(["whole"]);

      const { order } = await placeOrder(db, { shop: "sfo-terminal-2", customerName: "Default", items: [{ product: drink.slug, quantity: 1 }] });
      const item = await db.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
      expect((item.options as { group: string; option: string }[]).find((o) => o.group === "milk")?.option).toBe("oat");
  });
});
