import { describe, expect, it } from "vitest";
import type { MenuProduct, ShopMenu } from "@/lib/catalog/types";
import { reorderInput } from "./reorder";
import type { ReorderSource } from "@/lib/orders/customer-orders";

const snapshot = (group: string, option: string) => ({ group, groupName: group, option, optionName: option, priceDeltaCents: 0, optionId: `${group}-${option}`, recipeScalePct: 100 });

const latte = {
  slug: "caffe-latte",
  optionGroups: [
    { slug: "size", minSelect: 1, maxSelect: 1 },
    { slug: "milk", minSelect: 1, maxSelect: 1 },
    { slug: "extras", minSelect: 0, maxSelect: 3 },
  ],
} as unknown as MenuProduct;
const menu = { shop: {}, categories: [{ slug: "coffee", name: "Coffee", products: [latte] }] } as unknown as ShopMenu;

const source: ReorderSource = {
  id: "o1",
  userId: "u1",
  shopSlug: "sfo-terminal-2",
  items: [
    { productSlug: "caffe-latte", quantity: 2, options: [snapshot("size", "large"), snapshot("milk", "oat")], notes: "extra hot" },
    { productSlug: "butter-croissant", quantity: 1, options: [], notes: null },
  ],
};

describe("reorderInput", () => {
  it("repeats products, chosen options, quantities and notes, and leaves optional groups empty as they were", () => {
    expect(reorderInput(source, "Casey Jordan", menu)).toEqual({
      shop: "sfo-terminal-2",
      customerName: "Casey Jordan",
      items: [
        { product: "caffe-latte", quantity: 2, options: { size: ["large"], milk: ["oat"], extras: [] }, notes: "extra hot" },
        { product: "butter-croissant", quantity: 1, options: {} },
      ],
    });
  });

  it("groups several options of one group and trims the name to what an order carries", () => {
    const multi: ReorderSource = { ...source, items: [{ productSlug: "caffe-latte", quantity: 1, options: [snapshot("extras", "shot"), snapshot("extras", "vanilla")], notes: null }] };
    const input = reorderInput(multi, "x".repeat(50), null);
    expect(input.items[0]?.options).toEqual({ extras: ["shot", "vanilla"] });
    expect(input.customerName).toHaveLength(40);
  });
});
