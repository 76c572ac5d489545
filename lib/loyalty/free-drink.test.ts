import { describe, expect, it } from "vitest";
import { freeDrinkDiscount } from "./free-drink";

const line = (station: "ESPRESSO_BAR" | "BREW" | "FOOD", unitPriceCents: number) => ({ product: { station }, unitPriceCents });

describe("freeDrinkDiscount", () => {
  it("pays for one unit of the most expensive drink, options included", () => {
    expect(freeDrinkDiscount([line("BREW", 300), line("ESPRESSO_BAR", 620), line("ESPRESSO_BAR", 450)])).toBe(620);
  });

  it("never pays for food, even when it costs more", () => {
    expect(freeDrinkDiscount([line("FOOD", 900), line("BREW", 300)])).toBe(300);
    expect(freeDrinkDiscount([line("FOOD", 900)])).toBeNull();
  });

  it("has nothing to pay for in an empty order", () => {
    expect(freeDrinkDiscount([])).toBeNull();
  });
});
