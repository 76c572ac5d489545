import { describe, expect, it } from "vitest";
import { priceLine, priceOrder, taxCents, totalsFor } from "./pricing";

describe("priceLine", () => {
  it("adds option deltas to the base price and multiplies by quantity", () => {
    // Latte 495, Large +100, Oat +70, vanilla +60, × 2
    expect(priceLine({ basePriceCents: 495, optionDeltasCents: [100, 70, 60], quantity: 2 })).toEqual({
      unitPriceCents: 725,
      lineTotalCents: 1450,
    });
  });

  it("uses the shop's price override instead of the base price", () => {
    expect(priceLine({ basePriceCents: 495, priceOverrideCents: 550, optionDeltasCents: [50], quantity: 1 })).toEqual({
      unitPriceCents: 600,
      lineTotalCents: 600,
    });
    expect(priceLine({ basePriceCents: 495, priceOverrideCents: null, quantity: 3 })).toEqual({ unitPriceCents: 495, lineTotalCents: 1485 });
  });

  it("accepts a zero override and negative deltas as long as the unit price stays non-negative", () => {
    expect(priceLine({ basePriceCents: 300, priceOverrideCents: 0, quantity: 1 }).unitPriceCents).toBe(0);
    expect(priceLine({ basePriceCents: 300, optionDeltasCents: [-50], quantity: 1 }).unitPriceCents).toBe(250);
    expect(() => priceLine({ basePriceCents: 300, optionDeltasCents: [-350], quantity: 1 })).toThrow(RangeError);
  });

  it("throws on non-integer or out-of-range input", () => {
    expect(() => priceLine({ basePriceCents: 4.95, quantity: 1 })).toThrow(/integer/);
    expect(() => priceLine({ basePriceCents: 495, priceOverrideCents: 5.5, quantity: 1 })).toThrow(/integer/);
    expect(() => priceLine({ basePriceCents: 495, optionDeltasCents: [0.7], quantity: 1 })).toThrow(/integer/);
    expect(() => priceLine({ basePriceCents: 495, optionDeltasCents: [Number.NaN], quantity: 1 })).toThrow(/integer/);
    expect(() => priceLine({ basePriceCents: -1, quantity: 1 })).toThrow(RangeError);
    expect(() => priceLine({ basePriceCents: 495, quantity: 0 })).toThrow(/quantity/);
    expect(() => priceLine({ basePriceCents: 495, quantity: 1.5 })).toThrow(/quantity/);
    expect(() => priceLine({ basePriceCents: 495, quantity: 100 })).toThrow(/quantity/);
  });
});

describe("taxCents", () => {
  it("rounds half up", () => {
    // 1000 × 8.88 % = 88.8 → 89
    expect(taxCents(1000, 888)).toBe(89);
    // 100 × 8.5 % = 8.5 → 9 (half up), 100 × 8.49 % = 8.49 → 8
    expect(taxCents(100, 850)).toBe(9);
    expect(taxCents(100, 849)).toBe(8);
    // 200 × 10.25 % = 20.5 → 21
    expect(taxCents(200, 1025)).toBe(21);
    expect(taxCents(0, 1025)).toBe(0);
    expect(taxCents(12345, 0)).toBe(0);
  });

  it("is exact for large amounts", () => {
    // 9 007 199 254 740 991 × 0.01 % would lose precision in floating point.
    expect(taxCents(Number.MAX_SAFE_INTEGER, 1)).toBe(900719925474);
  });

  it("throws on bad input", () => {
    expect(() => taxCents(10.5, 888)).toThrow(RangeError);
    expect(() => taxCents(-1, 888)).toThrow(RangeError);
    expect(() => taxCents(100, 8.88)).toThrow(/taxRateBps/);
    expect(() => taxCents(100, -1)).toThrow(/taxRateBps/);
    expect(() => taxCents(100, 10_001)).toThrow(/taxRateBps/);
  });
});

describe("priceOrder", () => {
  it("prices lines, sums the subtotal, adds tax once on the subtotal", () => {
    const result = priceOrder(
      [
        { basePriceCents: 495, optionDeltasCents: [50, 70], quantity: 1 }, // 615
        { basePriceCents: 375, quantity: 2 }, // 750
      ],
      1025,
    );
    // 1365 × 10.25 % = 139.9125 → 140
    expect(result).toEqual({
      lines: [
        { unitPriceCents: 615, lineTotalCents: 615 },
        { unitPriceCents: 375, lineTotalCents: 750 },
      ],
      subtotalCents: 1365, discountCents: 0,
      taxCents: 140,
      totalCents: 1505,
    });
  });

  it("taxes the subtotal, not each line (no rounding drift)", () => {
    // Three 5-cent lines at 10 %: per-line rounding would give 3 × 1 = 3, the subtotal gives 2 (1.5 → 2).
    const result = priceOrder([1, 2, 3].map(() => ({ basePriceCents: 5, quantity: 1 })), 1000);
    expect(result.taxCents).toBe(2);
    expect(result.totalCents).toBe(17);
  });

  it("rejects an empty order", () => {
    expect(() => priceOrder([], 888)).toThrow(/at least one line/);
  });

  it("totalsFor agrees with priceOrder", () => {
    expect(totalsFor([615, 750], 1025)).toEqual({ subtotalCents: 1365, discountCents: 0, taxCents: 140, totalCents: 1505 });
    expect(() => totalsFor([1.5], 1025)).toThrow(RangeError);
  });

  it("takes a discount off before tax", () => {
    // 1365 − 615 = 750 taxed at 10.25 % = 76.875 → 77.
    expect(totalsFor([615, 750], 1025, 615)).toEqual({ subtotalCents: 1365, discountCents: 615, taxCents: 77, totalCents: 827 });
    expect(totalsFor([615], 1025, 615)).toEqual({ subtotalCents: 615, discountCents: 615, taxCents: 0, totalCents: 0 });
  });

  it("refuses a discount that is negative, fractional or larger than the subtotal", () => {
    expect(() => totalsFor([615], 1025, -1)).toThrow(RangeError);
    expect(() => totalsFor([615], 1025, 1.5)).toThrow(RangeError);
    expect(() => totalsFor([615], 1025, 616)).toThrow(/from 0 to the subtotal 615/);
  });
});
