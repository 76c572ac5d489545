import { describe, expect, it } from "vitest";
import { optionsFromTemplate, type DrinkLine, type Template } from "./options";

// A latte-like template: sizes with cups, milk, extra shots, syrups, temperature.
const template: Template = {
  groups: [
    { id: "g-size", slug: "size", sortOrder: 0, options: [{ id: "small", recipeScalePct: 75, priceDeltaCents: 0 }, { id: "medium", recipeScalePct: 100, priceDeltaCents: 50 }, { id: "large", recipeScalePct: 140, priceDeltaCents: 100 }] },
    { id: "g-milk", slug: "milk", sortOrder: 1, options: [{ id: "whole", recipeScalePct: 100, priceDeltaCents: 0 }, { id: "oat", recipeScalePct: 100, priceDeltaCents: 70 }] },
    { id: "g-shots", slug: "extra-shots", sortOrder: 2, options: [{ id: "one", recipeScalePct: 100, priceDeltaCents: 90 }] },
    { id: "g-temp", slug: "temperature", sortOrder: 3, options: [{ id: "hot", recipeScalePct: 100, priceDeltaCents: 0 }, { id: "iced", recipeScalePct: 100, priceDeltaCents: 0 }] },
  ],
  optionLines: [
    { optionId: "small", ingredientId: "cup-8", quantity: 1, scalesWithSize: false },
    { optionId: "medium", ingredientId: "cup-12", quantity: 1, scalesWithSize: false },
    { optionId: "large", ingredientId: "cup-16", quantity: 1, scalesWithSize: false },
    { optionId: "whole", ingredientId: "whole-milk", quantity: 240, scalesWithSize: true },
    { optionId: "oat", ingredientId: "oat-milk", quantity: 240, scalesWithSize: true },
    { optionId: "one", ingredientId: "beans", quantity: 9, scalesWithSize: false },
    { optionId: "iced", ingredientId: "ice", quantity: 150, scalesWithSize: true },
  ],
};
const line = (ingredientId: string, quantity: number, unit: DrinkLine["unit"] = "MILLILITER"): DrinkLine => ({ ingredientId, slug: ingredientId, quantity, unit });

describe("optionsFromTemplate", () => {
  it("a drink tasted in a Medium cup: Medium costs the suggested price, the cup moves into the sizes, milk stays the drink's own", () => {
    const made = optionsFromTemplate({ priceCents: 625, lines: [line("beans", 18, "GRAM"), line("oat-milk", 200), line("cup-12", 1, "PIECE")] }, template);
    expect(made.basePriceCents).toBe(575);
    expect(made.tastedSizeOptionId).toBe("medium");
    expect(made.groups.map((g) => g.id)).toEqual(["g-size", "g-shots", "g-temp"]);
    expect(made.lines.filter((l) => l.optionId === null)).toEqual([
      { ingredientId: "beans", optionId: null, quantity: 18, scalesWithSize: true },
      { ingredientId: "oat-milk", optionId: null, quantity: 200, scalesWithSize: true },
    ]);
    expect(made.lines.filter((l) => l.optionId !== null).map((l) => `${l.optionId}:${l.ingredientId}`)).toEqual(["small:cup-8", "medium:cup-12", "large:cup-16", "one:beans", "iced:ice"]);
  });

  it("a drink tasted in a Large cup is scaled back to Medium's 100 %, and an iced drink gets no Temperature", () => {
    const made = optionsFromTemplate({ priceCents: 700, lines: [line("cold-brew", 180), line("ice", 150, "GRAM"), line("cup-16", 1, "PIECE"), line("biscuit", 1, "PIECE")] }, template);
    expect(made.basePriceCents).toBe(600);
    expect(made.groups.map((g) => g.id)).toEqual(["g-size", "g-shots"]);
    expect(made.lines.filter((l) => l.optionId === null)).toEqual([
      { ingredientId: "cold-brew", optionId: null, quantity: 129, scalesWithSize: true }, // 180 × 100/140
      { ingredientId: "ice", optionId: null, quantity: 107, scalesWithSize: true },
      { ingredientId: "biscuit", optionId: null, quantity: 1, scalesWithSize: false },
    ]);
  });

  it("a cup that is not a size, or no template, leaves the sizes out and the price as suggested", () => {
    const odd = optionsFromTemplate({ priceCents: 500, lines: [line("beans", 18, "GRAM"), line("cup-10", 1, "PIECE")] }, template);
    expect(odd).toMatchObject({ basePriceCents: 500, tastedSizeOptionId: null });
    expect(odd.groups.map((g) => g.id)).toEqual(["g-shots", "g-temp"]);
    expect(odd.lines.find((l) => l.ingredientId === "cup-10")).toEqual({ ingredientId: "cup-10", optionId: null, quantity: 1, scalesWithSize: false });
    expect(optionsFromTemplate({ priceCents: 500, lines: [line("beans", 18, "GRAM")] }, { groups: [], optionLines: [] })).toEqual({ basePriceCents: 500, groups: [], lines: [{ ingredientId: "beans", optionId: null, quantity: 18, scalesWithSize: true }], tastedSizeOptionId: null });
  });
});
