import { describe, expect, it } from "vitest";
import { NEUTRAL } from "@/lib/catalog/dietary";
import type { MenuProduct, ShopMenu } from "@/lib/catalog/types";
import { priceCart } from "./price-cart";

const product = (slug: string, station: MenuProduct["station"], priceCents: number, available = true): MenuProduct => ({
  id: `p-${slug}`, slug, name: slug, description: "", imageUrl: null, station, prepSeconds: 60, priceCents, available, unavailableReason: available ? null : "Sold out", dietary: NEUTRAL, optionGroups: [],
});
const menu: ShopMenu = {
  shop: { id: "s", slug: "shop", name: "Shop", addressLine: "", city: "", region: null, timezone: "UTC", currency: "USD", taxRateBps: 1000, hours: [], opening: { open: true, closesAt: null }, openingLabel: "" },
  categories: [{ slug: "all", name: "All", products: [product("latte", "ESPRESSO_BAR", 500), product("filter", "BREW", 300), product("cake", "FOOD", 800), product("mocha", "ESPRESSO_BAR", 900, false)] }],
};
const line = (p: string, quantity = 1) => ({ id: p, product: p, options: {}, quantity });

describe("priceCart with a free drink", () => {
  it("offers the most expensive drink that can be ordered, and takes it off before tax only when asked", () => {
    const cart = [line("latte", 2), line("filter"), line("cake"), line("mocha")];
    expect(priceCart(menu, cart).freeDrinkCents).toBe(500);
    expect(priceCart(menu, cart).totals).toEqual({ subtotalCents: 2100, discountCents: 0, taxCents: 210, totalCents: 2310 });
    expect(priceCart(menu, cart, { freeDrink: true }).totals).toEqual({ subtotalCents: 2100, discountCents: 500, taxCents: 160, totalCents: 1760 });
  });

  it("has no free drink to offer in a cart of food", () => {
    const priced = priceCart(menu, [line("cake")], { freeDrink: true });
    expect(priced.freeDrinkCents).toBeNull();
    expect(priced.totals.discountCents).toBe(0);
  });
});
