import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { NEUTRAL } from "@/lib/catalog/dietary";
import type { MenuOptionGroup, MenuProduct, ShopMenu } from "@/lib/catalog/types";
import { buildOrder, defaultSelection, optionsSnapshot, resolveLine } from "./build-order";

const option = (slug: string, priceDeltaCents = 0, extra: Partial<MenuOptionGroup["options"][number]> = {}) => ({
  id: `id-${slug}`, slug, name: slug[0]!.toUpperCase() + slug.slice(1), priceDeltaCents, recipeScalePct: 100, isDefault: false, available: true, unavailableReason: null, dietary: NEUTRAL, ...extra,
});
const size: MenuOptionGroup = { id: "g-size", slug: "size", name: "Size", minSelect: 1, maxSelect: 1, options: [option("small", 0, { recipeScalePct: 75 }), option("medium", 50, { isDefault: true }), option("large", 100, { recipeScalePct: 140 })] };
const milk: MenuOptionGroup = { id: "g-milk", slug: "milk", name: "Milk", minSelect: 1, maxSelect: 1, options: [option("whole", 0, { isDefault: true }), option("oat", 70, { available: false, unavailableReason: "Out of oat milk" })] };
const syrups: MenuOptionGroup = { id: "g-syrups", slug: "syrups", name: "Syrups", minSelect: 0, maxSelect: 2, options: [option("vanilla", 60), option("caramel", 60), option("hazelnut", 60)] };
const latte: MenuProduct = { id: "p-latte", slug: "latte", name: "Latte", description: "", imageUrl: null, station: "ESPRESSO_BAR", prepSeconds: 90, priceCents: 450, available: true, unavailableReason: null, dietary: NEUTRAL, optionGroups: [size, milk, syrups] };
const menu: ShopMenu = {
  shop: { id: "s", slug: "shop", name: "Test Shop", addressLine: "", city: "", region: null, timezone: "UTC", currency: "USD", taxRateBps: 888, hours: [], opening: { open: true, closesAt: null }, openingLabel: "" },
  categories: [{ slug: "coffee", name: "Coffee", products: [latte] }],
};

describe("resolveLine", () => {
  it("fills omitted groups with their defaults and prices base + deltas", () => {
    expect(defaultSelection(latte)).toEqual({ size: ["medium"], milk: ["whole"], syrups: [] });
    const { line } = resolveLine(latte, { size: ["large"], syrups: ["vanilla", "caramel"] }, 2);
    expect(line).toMatchObject({ unitPriceCents: 450 + 100 + 120, lineTotalCents: 2 * 670, scalePct: 140 });
    expect(optionsSnapshot(line!).map((o) => o.option)).toEqual(["large", "whole", "vanilla", "caramel"]);
  });

  it("explains broken rules", () => {
    const problems = (selection: Record<string, string[]>) => resolveLine(latte, selection, 1).problems.map((p) => p.message);
    expect(problems({ size: [] })).toEqual(["Latte: choose a size"]);
    expect(problems({ syrups: ["vanilla", "caramel", "hazelnut"] })).toEqual(["Latte: choose at most 2 syrups"]);
    expect(problems({ size: ["venti"] })).toEqual(['Size has no option "venti"']);
    expect(problems({ sprinkles: ["yes"] })).toEqual(['Latte has no "sprinkles" choice']);
    expect(problems({ milk: ["oat"] })).toEqual(["Oat is not available right now (out of oat milk)"]);
  });
});

describe("buildOrder", () => {
  it("totals the lines with tax rounded half up", () => {
    const { lines, totals } = buildOrder(menu, { shop: "shop", customerName: "Ada", paymentMethod: "PAY_AT_PICKUP", freeDrink: false, items: [{ product: "latte", quantity: 1, options: {} }] });
    expect(lines).toHaveLength(1);
    expect(totals).toEqual({ subtotalCents: 500, discountCents: 0, taxCents: 44, totalCents: 544 }); // 500 × 8.88 % = 44.4
  });

  it("takes a free drink off before tax: the most expensive drink as ordered", () => {
    const { totals } = buildOrder(menu, { shop: "shop", customerName: "Ada", paymentMethod: "PAY_AT_PICKUP", freeDrink: true, items: [{ product: "latte", quantity: 2, options: {} }, { product: "latte", quantity: 1, options: { size: ["large"] } }] });
    expect(totals).toEqual({ subtotalCents: 1550, discountCents: 550, taxCents: 89, totalCents: 1089 }); // 1000 × 8.88 % = 88.8
  });

  it("refuses a free drink on an order without a drink", () => {
    const croissant: MenuProduct = { ...latte, id: "p-croissant", slug: "croissant", name: "Croissant", station: "FOOD", optionGroups: [] };
    const withFood = { ...menu, categories: [{ ...menu.categories[0]!, products: [latte, croissant] }] };
    expect(() => buildOrder(withFood, { shop: "shop", customerName: "Ada", paymentMethod: "PAY_AT_PICKUP", freeDrink: true, items: [{ product: "croissant", quantity: 1, options: {} }] })).toThrow(
      expect.objectContaining({ code: "invalid", message: "A free drink needs a drink in the order (food is not included)." }),
    );
  });

  it("reports every problem with its path, as invalid when the request itself is wrong", () => {
    const attempt = () => buildOrder(menu, { shop: "shop", customerName: "Ada", paymentMethod: "PAY_AT_PICKUP", freeDrink: false, items: [{ product: "mocha", quantity: 1, options: {} }, { product: "latte", quantity: 1, options: { milk: ["oat"] } }] });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect((error as DomainError).code).toBe("invalid");
      expect((error as DomainError).issues).toEqual([
        { path: "items.0.product", message: 'Test Shop has no product "mocha"' },
        { path: "items.1.options.milk", message: "Oat is not available right now (out of oat milk)" },
      ]);
    }
  });

  it("says unavailable when the request is right but the shop cannot make it now", () => {
    const soldOut = { ...menu, categories: [{ ...menu.categories[0]!, products: [{ ...latte, available: false, unavailableReason: "Out of espresso beans" }] }] };
    expect(() => buildOrder(soldOut, { shop: "shop", customerName: "Ada", paymentMethod: "PAY_AT_PICKUP", freeDrink: false, items: [{ product: "latte", quantity: 1, options: {} }] })).toThrow(
      expect.objectContaining({ code: "unavailable", message: "Latte is not available right now (out of espresso beans)" }),
    );
  });
});
