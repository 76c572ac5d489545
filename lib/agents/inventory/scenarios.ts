import type { IngredientState } from "./cover";

/**
 * Inventory scenarios shared by the unit tests and `npm run agents:eval`: a shop's stock and the
 * purchase-order lines a correct plan holds (ingredient → quantity after pack rounding).
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export function ingredient(over: Partial<IngredientState> & Pick<IngredientState, "slug">): IngredientState {
  return {
    ingredientId: id(over.slug.length * 97 + over.slug.charCodeAt(0)),
    name: over.slug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()),
    unit: "MILLILITER",
    onHand: 10_000,
    reserved: 0,
    reorderLevel: 0,
    used: 14 * 1_000,
    usageDays: 14,
    smallestUse: 200,
    supplier: { name: "Plant Milk Wholesale", leadTimeDays: 2, packSize: 6_000, orderDays: 7 },
    ...over,
  };
}

export type InventoryScenario = { name: string; stock: IngredientState[]; expectOut: string[]; expectOrders: Record<string, number> };

export const INVENTORY_SCENARIOS: InventoryScenario[] = [
  {
    name: "plenty of everything: nothing to do",
    stock: [ingredient({ slug: "oat-milk", onHand: 20_000 }), ingredient({ slug: "whole-milk", onHand: 30_000 })],
    expectOut: [],
    expectOrders: {},
  },
  {
    // 1 L/day, 2 days' lead + 7 days' order = 9 L, minus 1.5 L available = 7.5 L → two 6 L packs.
    name: "oat milk below lead time: order in packs",
    stock: [ingredient({ slug: "oat-milk", onHand: 1_500 }), ingredient({ slug: "whole-milk", onHand: 30_000 })],
    expectOut: [],
    expectOrders: { "oat-milk": 12_000 },
  },
  {
    // Reserved by waiting orders counts as gone: 100 ml available < 200 ml a drink takes.
    name: "oat milk out (all of it reserved): alert and order",
    stock: [ingredient({ slug: "oat-milk", onHand: 3_100, reserved: 3_000 }), ingredient({ slug: "whole-milk", onHand: 30_000 })],
    expectOut: ["oat-milk"],
    expectOrders: { "oat-milk": 12_000 },
  },
  {
    // No ledger yet (a new shop): below the reorder level, order twice the level.
    name: "new shop without usage: reorder level decides",
    stock: [ingredient({ slug: "espresso-beans", unit: "GRAM", onHand: 0, used: 0, usageDays: 1, reorderLevel: 2_000, smallestUse: 18, supplier: { name: "Go Coffee Roastery", leadTimeDays: 3, packSize: 1_000, orderDays: 7 } })],
    expectOut: ["espresso-beans"],
    expectOrders: { "espresso-beans": 4_000 },
  },
  {
    name: "no supplier set: alert, but nothing to order",
    stock: [ingredient({ slug: "matcha-powder", unit: "GRAM", onHand: 0, supplier: null, smallestUse: 4 })],
    expectOut: ["matcha-powder"],
    expectOrders: {},
  },
];
