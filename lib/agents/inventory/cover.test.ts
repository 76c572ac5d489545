import { describe, expect, it } from "vitest";
import { dailyUse, daysOfCover, isOut, needsReorder, reorderQuantity, roundUpToPacks, formatQuantity } from "./cover";
import { candidatesFor, rulesAnswer } from "./plan";
import { ingredient, INVENTORY_SCENARIOS } from "./scenarios";

describe("cover", () => {
  it("averages net use over the days the ledger holds", () => {
    expect(dailyUse({ used: 14_000, usageDays: 14 })).toBe(1_000);
    expect(dailyUse({ used: 3_000, usageDays: 1.5 })).toBe(2_000);
    expect(dailyUse({ used: 0, usageDays: 14 })).toBe(0);
  });

  it("counts days of the available stock (on hand minus reserved), none without use", () => {
    expect(daysOfCover(ingredient({ slug: "oat-milk", onHand: 5_000, reserved: 1_000 }))).toBe(4);
    expect(daysOfCover(ingredient({ slug: "oat-milk", onHand: 100, reserved: 500 }))).toBe(0);
    expect(daysOfCover(ingredient({ slug: "oat-milk", used: 0 }))).toBeNull();
  });

  it("is out when the available stock cannot make the smallest recipe line", () => {
    expect(isOut(ingredient({ slug: "oat-milk", onHand: 199 }))).toBe(true);
    expect(isOut(ingredient({ slug: "oat-milk", onHand: 200 }))).toBe(false);
    expect(isOut(ingredient({ slug: "oat-milk", onHand: 0, smallestUse: null }))).toBe(false); // in no recipe sold here
  });

  it("reorders below lead time plus a safety day, or below the reorder level, and only with a supplier", () => {
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 2_999 }))).toBe(true); // 2.999 days < 2 + 1
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 3_000 }))).toBe(false);
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 50_000, used: 0, reorderLevel: 60_000 }))).toBe(true);
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 0, supplier: null }))).toBe(false);
  });

  it("counts transfers on their way: no order when they cover the lead time, only the remainder when they do not", () => {
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 1_500, incoming: 6_000 }))).toBe(false); // 7.5 days with the transfer
    expect(needsReorder(ingredient({ slug: "oat-milk", onHand: 0, incoming: 6_000 }))).toBe(false); // out now, but 6 days on the way
    expect(isOut(ingredient({ slug: "oat-milk", onHand: 0, incoming: 6_000 }))).toBe(true); // the alert still says out
    // 3 L a day: 3 × (2 + 7) = 27 L wanted; 6 L coming, 1.5 L here → 19.5 L → four 6 L packs instead of five.
    expect(reorderQuantity(ingredient({ slug: "oat-milk", onHand: 1_500, used: 14 * 3_000 }))).toBe(30_000);
    expect(reorderQuantity(ingredient({ slug: "oat-milk", onHand: 1_500, used: 14 * 3_000, incoming: 6_000 }))).toBe(24_000);
  });

  it("rounds up to whole packs, and orders at least one", () => {
    expect(roundUpToPacks(7_500, 6_000)).toBe(12_000);
    expect(roundUpToPacks(6_000, 6_000)).toBe(6_000);
    expect(roundUpToPacks(0, 6_000)).toBe(0);
    expect(reorderQuantity(ingredient({ slug: "oat-milk", onHand: 100_000, used: 14, reorderLevel: 200_000 }))).toBeGreaterThanOrEqual(6_000);
  });

  it("formats quantities in their unit", () => {
    expect(formatQuantity(12_000, "MILLILITER")).toBe("12 L");
    expect(formatQuantity(1_500, "GRAM")).toBe("1.5 kg");
    expect(formatQuantity(500, "PIECE")).toBe("500");
  });
});

describe("the rules' purchase orders", () => {
  for (const s of INVENTORY_SCENARIOS) {
    it(s.name, () => {
      expect(s.stock.filter(isOut).map((x) => x.slug)).toEqual(s.expectOut);
      const orders = Object.fromEntries(rulesAnswer(candidatesFor(s.stock)).orders.map((o) => [o.ingredient, o.quantity]));
      expect(orders).toEqual(s.expectOrders);
    });
  }
});
