import { describe, expect, it } from "vitest";
import { addRequirements, lineRequirements, shortages, type RecipeLineDef } from "./requirements";

const latte: RecipeLineDef[] = [
  { ingredientId: "beans", optionId: null, quantity: 18, scalesWithSize: true },
  { ingredientId: "cup-m", optionId: "size-m", quantity: 1, scalesWithSize: false },
  { ingredientId: "cup-l", optionId: "size-l", quantity: 1, scalesWithSize: false },
  { ingredientId: "whole", optionId: "milk-whole", quantity: 200, scalesWithSize: true },
  { ingredientId: "oat", optionId: "milk-oat", quantity: 200, scalesWithSize: true },
  { ingredientId: "beans", optionId: "shot-1", quantity: 9, scalesWithSize: false },
];

describe("lineRequirements", () => {
  it("takes the base lines and the chosen options' lines only", () => {
    expect(lineRequirements(latte, new Set(["size-m", "milk-oat"]), 100, 1)).toEqual(new Map([["beans", 18], ["cup-m", 1], ["oat", 200]]));
  });

  it("scales poured ingredients by size, rounding up, but never counted ones or extra shots", () => {
    const large = lineRequirements(latte, new Set(["size-l", "milk-oat", "shot-1"]), 140, 2);
    expect(large).toEqual(new Map([["beans", (Math.ceil(18 * 1.4) + 9) * 2], ["cup-l", 2], ["oat", 280 * 2]]));
    expect(lineRequirements(latte, new Set(["milk-whole"]), 75, 1).get("beans")).toBe(14); // 13.5 → 14
  });

  it("adds requirements of several lines", () => {
    const total = addRequirements(new Map([["oat", 200]]), new Map([["oat", 280], ["cup-l", 1]]));
    expect(total).toEqual(new Map([["oat", 480], ["cup-l", 1]]));
  });
});

describe("shortages", () => {
  it("lists what stock cannot cover, treating missing stock as none", () => {
    expect(shortages(new Map([["oat", 480], ["beans", 18], ["cup-l", 1]]), new Map([["oat", 479], ["beans", 18]]))).toEqual(["oat", "cup-l"]);
  });
});
