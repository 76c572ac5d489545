import type { ShopMenu } from "@/lib/catalog/types";
import type { PlaceOrderInput } from "@/lib/orders/input";
import type { ReorderSource } from "@/lib/orders/customer-orders";

/**
 * The order input that repeats a past order: same shop, products, options and quantities, priced
 * anew by placeOrder. Groups the customer left empty are sent as empty (not left to today's
 * defaults), when the current menu still has that product and the group is optional.
 */
export function reorderInput(source: ReorderSource, customerName: string, menu: ShopMenu | null): PlaceOrderInput {
  const products = new Map(menu?.categories.flatMap((c) => c.products).map((p) => [p.slug, p]) ?? []);
  return {
    shop: source.shopSlug,
    customerName: customerName.trim().slice(0, 40),
    items: source.items.map((item) => {
      const options: Record<string, string[]> = {};
      for (const chosen of item.options) (options[chosen.group] ??= []).push(chosen.option);
      for (const group of products.get(item.productSlug)?.optionGroups ?? []) {
        if (!(group.slug in options) && group.minSelect === 0) options[group.slug] = [];
      }
      return { product: item.productSlug, quantity: item.quantity, options, ...(item.notes ? { notes: item.notes } : {}) };
    }),
  };
}
