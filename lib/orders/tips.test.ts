import { describe, expect, it } from "vitest";
import { tipCentsFor, tipInput, withTip } from "./tips";

describe("tips", () => {
  it("takes a percentage of the subtotal before discounts, rounded half up", () => {
    expect(tipCentsFor(1365, { percent: 10 })).toBe(137); // 136.5
    expect(tipCentsFor(1365, { percent: 15 })).toBe(205); // 204.75
    expect(tipCentsFor(1365, { percent: 20 })).toBe(273);
    expect(tipCentsFor(0, { percent: 20 })).toBe(0);
  });

  it("takes a custom amount as it is, and nothing without a choice", () => {
    expect(tipCentsFor(500, { cents: 125 })).toBe(125);
    expect(tipCentsFor(500, undefined)).toBe(0);
    expect(tipCentsFor(500, null)).toBe(0);
  });

  it("adds the tip to the total, untaxed, and keeps the discount out of its base", () => {
    const totals = { subtotalCents: 1000, discountCents: 500, taxCents: 50, totalCents: 550 };
    expect(withTip(totals, { percent: 20 })).toEqual({ ...totals, tipCents: 200, totalCents: 750 });
  });

  it("refuses other percentages, fractions, negatives and huge custom tips", () => {
    expect(tipInput.safeParse({ percent: 10 }).success).toBe(true);
    expect(tipInput.safeParse({ percent: 12 }).success).toBe(false);
    expect(tipInput.safeParse({ cents: 1.5 }).success).toBe(false);
    expect(tipInput.safeParse({ cents: -1 }).success).toBe(false);
    expect(tipInput.safeParse({ cents: 5001 }).success).toBe(false);
    expect(tipInput.safeParse({ percent: 10, cents: 5 }).success).toBe(false);
  });
});
