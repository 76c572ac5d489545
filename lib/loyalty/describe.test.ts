import { describe, expect, it } from "vitest";
import { beans, entryLabel, freeDrinkProgress } from "./describe";

describe("bean sentences", () => {
  it("counts beans in words", () => {
    expect(beans(1)).toBe("1 bean");
    expect(beans(0)).toBe("0 beans");
    expect(beans(-100)).toBe("-100 beans");
  });

  it("says how far the next free drink is", () => {
    expect(freeDrinkProgress(0)).toBe("100 beans more for a free drink.");
    expect(freeDrinkProgress(99)).toBe("1 bean more for a free drink.");
    expect(freeDrinkProgress(100)).toBe("Enough for a free drink: choose it at checkout (100 beans).");
  });

  it("names ledger reasons, keeping unknown ones as stored", () => {
    expect(entryLabel("order")).toBe("Earned with an order");
    expect(entryLabel("free drink returned")).toBe("Given back: the order was cancelled");
    expect(entryLabel("birthday")).toBe("birthday");
  });
});
