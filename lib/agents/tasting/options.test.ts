import { describe, expect, it } from "vitest";
import { optionsFromTemplate, type DrinkLine, type Template } from "./options";

// A latte-like template: sizes with cups, milk, extra shots, syrups, temperature.
const template: Template = {
  groups: [
    { id: "g-size", slug: "size", sortOrder: 0, options: [{ id: "small", recipeScalePct: 75, priceDeltaCents: 0 }, { id: "medium", recipeScalePct: 100, priceDeltaCents: 50 }, { id: "large", recipeScalePct: 140, priceDeltaCents: 100 }] },
    { id: "g-milk", slug: "milk", sortOrder: 1, options: [{ id: "whole", recipeScalePct: 100, priceDeltaCents: 0, isDefault: true }, { id: "oat", recipeScalePct: 100, priceDeltaCents: 70 }] },
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
  it("a drink tasted in a Medium cup with oat milk: Medium with oat costs the suggested price, the cup moves into the sizes, oat is this drink's default milk", () => {
    const made = optionsFromTemplate({ priceCents: 625, lines: [line("beans", 18, "GRAM"), line("oat-milk", 200), line("cup-12", 1, "PIECE")] }, template);
    expect(made.basePriceCents).toBe(505); // Medium's +$0.50 and oat's +$0.70 off: the default choices add them back
    expect(made.tastedSizeOptionId).toBe("medium");
    expect(made.groups).toEqual([
      { id: "g-size", sortOrder: 0, defaultOptionId: null },
      { id: "g-milk", sortOrder: 1, defaultOptionId: "oat" },
      { id: "g-shots", sortOrder: 2, defaultOptionId: null },
      { id: "g-temp", sortOrder: 3, defaultOptionId: null },
    ]);
    expect(made.lines.filter((l) => l.optionId === null)).toEqual([{ ingredientId: "beans", optionId: null, quantity: 18, scalesWithSize: true }]);
    expect(made.lines.filter((l) => l.optionId !== null).map((l) => `${l.optionId}:${l.ingredientId}:${l.quantity}`)).toEqual(["small:cup-8:1", "medium:cup-12:1", "large:cup-16:1", "whole:whole-milk:200", "oat:oat-milk:200", "one:beans:9", "iced:ice:150"]);
  });

  it("a drink tasted with the house milk offers the milk choice: its milk moves into the group, every milk pours what it poured, oat at its delta", () => {
    const made = optionsFromTemplate({ priceCents: 700, lines: [line("beans", 18, "GRAM"), line("whole-milk", 280), line("caramel", 15), line("cup-16", 1, "PIECE")] }, template);
    expect(made.basePriceCents).toBe(600); // Large's +$1.00 off; whole milk is the default at no charge
    expect(made.groups.map((g) => [g.id, g.defaultOptionId])).toEqual([["g-size", null], ["g-milk", null], ["g-shots", null], ["g-temp", null]]);
    expect(made.lines.filter((l) => l.optionId === null).map((l) => l.ingredientId)).toEqual(["beans", "caramel"]);
    // 280 ml at Large's 140 % is 200 ml at 100 %, for whichever milk is chosen; it scales with the size.
    expect(made.lines.filter((l) => l.optionId === "whole" || l.optionId === "oat")).toEqual([
      { ingredientId: "whole-milk", optionId: "whole", quantity: 200, scalesWithSize: true },
      { ingredientId: "oat-milk", optionId: "oat", quantity: 200, scalesWithSize: true },
    ]);
  });

  it("a milk group with no default of its own gets the tasted milk as this drink's; two milks offer no choice", () => {
    const noDefault: Template = { ...template, groups: template.groups.map((g) => (g.slug === "milk" ? { ...g, options: g.options.map((o) => ({ ...o, isDefault: false })) } : g)) };
    expect(optionsFromTemplate({ priceCents: 500, lines: [line("whole-milk", 200)] }, noDefault).groups.find((g) => g.id === "g-milk")?.defaultOptionId).toBe("whole");
    const twoMilks = optionsFromTemplate({ priceCents: 500, lines: [line("whole-milk", 100), line("oat-milk", 100)] }, template);
    expect(twoMilks.groups.map((g) => g.id)).not.toContain("g-milk");
    expect(twoMilks.lines.filter((l) => l.optionId === null).map((l) => l.ingredientId)).toEqual(["whole-milk", "oat-milk"]);
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
