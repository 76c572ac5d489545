import { describe, expect, it } from "vitest";
import { orderBodies } from "./order-mix";

const menus = new Map([
  [
    "a",
    [
      { shop: "a", product: "latte", groups: [{ slug: "size", min: 1, max: 1, options: ["small", "large"] }, { slug: "milk", min: 0, max: 1, options: ["whole", "oat"] }, { slug: "extras", min: 0, max: 3, options: ["shot", "syrup", "cream"] }] },
      { shop: "a", product: "croissant", groups: null },
      { shop: "a", product: "tea", groups: [{ slug: "empty", min: 1, max: 1, options: [] }] },
    ],
  ],
  ["b", [{ shop: "b", product: "espresso", groups: [] }]],
]);

describe("orderBodies", () => {
  const bodies = orderBodies(menus, ["a", "b"], 2_000);

  it("keeps every option group within its min and max, and products distinct per order", () => {
    for (const body of bodies) {
      expect(new Set(body.items.map((i) => i.product)).size).toBe(body.items.length);
      for (const item of body.items.filter((i) => i.product === "latte")) {
        expect(item.options?.size).toHaveLength(1);
        expect((item.options?.milk ?? []).length).toBeLessThanOrEqual(1);
        expect((item.options?.extras ?? []).length).toBeLessThanOrEqual(3);
      }
      for (const item of body.items.filter((i) => i.product !== "latte")) expect(item.options).toBeUndefined();
    }
  });

  it("varies shops, lines, options, tips and notes", () => {
    expect(new Set(bodies.map((b) => b.shop))).toEqual(new Set(["a", "b"]));
    expect(new Set(bodies.map((b) => b.items.length)).size).toBeGreaterThan(1);
    expect(new Set(bodies.flatMap((b) => b.items.map((i) => JSON.stringify(i.options ?? null)))).size).toBeGreaterThan(5);
    expect(bodies.some((b) => b.tip) && bodies.some((b) => !b.tip)).toBe(true);
    expect(bodies.some((b) => b.notes)).toBe(true);
  });
});
