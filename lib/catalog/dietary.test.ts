import { describe, expect, it } from "vitest";
import { canBeMade, combineTags, defaultTags, describeAllergens, filterMenu, NEUTRAL, parseMenuFilters, productTags, type DietaryTags, type TaggedProduct } from "./dietary";

const vegan: DietaryTags = { allergens: [], flags: ["VEGAN", "VEGETARIAN"] };
const dairy: DietaryTags = { allergens: ["MILK"], flags: ["VEGETARIAN"] };
const nuts: DietaryTags = { allergens: ["NUTS"], flags: ["VEGAN", "VEGETARIAN"] };
const oat: DietaryTags = { allergens: ["GLUTEN"], flags: ["VEGAN", "VEGETARIAN"] };

// A latte as the seed makes it: beans (base), milk by option (one required), syrups optional.
const latte: TaggedProduct = {
  dietary: vegan,
  optionGroups: [
    { minSelect: 1, options: [{ id: "size-m", isDefault: true, available: true, dietary: vegan }] },
    {
      minSelect: 1,
      options: [
        { id: "whole", isDefault: true, available: true, dietary: dairy },
        { id: "oat", isDefault: false, available: true, dietary: oat },
        { id: "almond", isDefault: false, available: true, dietary: nuts },
      ],
    },
    { minSelect: 0, options: [{ id: "hazelnut", isDefault: false, available: true, dietary: nuts }, { id: "vanilla", isDefault: false, available: true, dietary: vegan }] },
    { minSelect: 1, options: [{ id: "hot", isDefault: true, available: true, dietary: NEUTRAL }] },
  ],
};

describe("dietary labels from recipes and chosen options", () => {
  it("unites allergens and intersects diets", () => {
    expect(combineTags([vegan, dairy, nuts])).toEqual({ allergens: ["MILK", "NUTS"], flags: ["VEGETARIAN"] });
    expect(combineTags([])).toEqual(NEUTRAL);
  });

  it("a latte with whole milk contains milk and is not vegan; with oat milk it is dairy-free and vegan", () => {
    expect(defaultTags(latte)).toEqual({ allergens: ["MILK"], flags: ["VEGETARIAN"] });
    expect(productTags(latte, new Set(["size-m", "oat", "hot"]))).toEqual({ allergens: ["GLUTEN"], flags: ["VEGAN", "VEGETARIAN"] });
  });

  it("hazelnut syrup adds nuts", () => {
    expect(productTags(latte, new Set(["oat", "hazelnut"])).allergens).toEqual(["GLUTEN", "NUTS"]);
    expect(productTags(latte, new Set(["oat", "vanilla"])).allergens).toEqual(["GLUTEN"]);
  });

  it("knows what a product can be made as: required choices need a fitting option, extras can be left out", () => {
    expect(canBeMade(latte, { flag: "VEGAN" })).toBe(true);
    expect(canBeMade(latte, { allergen: "NUTS" })).toBe(true);
    const noOat = { ...latte, optionGroups: latte.optionGroups.map((g, i) => (i === 1 ? { ...g, options: g.options.map((o) => (o.id === "almond" || o.id === "oat" ? { ...o, available: false } : o)) } : g)) };
    expect(canBeMade(noOat, { flag: "VEGAN" })).toBe(false);
    const walnutBread: TaggedProduct = { dietary: { allergens: ["GLUTEN", "EGG", "NUTS"], flags: ["VEGETARIAN"] }, optionGroups: [] };
    expect(canBeMade(walnutBread, { allergen: "NUTS" })).toBe(false);
    expect(canBeMade(walnutBread, { flag: "VEGAN" })).toBe(false);
  });

  it("says what a product contains in words", () => {
    expect(describeAllergens(["MILK", "NUTS"])).toBe("Contains milk, tree nuts");
    expect(describeAllergens([])).toBeNull();
  });
});

describe("menu filters", () => {
  const bread: TaggedProduct = { dietary: { allergens: ["GLUTEN", "NUTS"], flags: ["VEGETARIAN"] }, optionGroups: [] };
  const categories = [{ slug: "drinks", products: [latte] }, { slug: "bakery", products: [bread] }];

  it("reads known filters from the address and ignores others", () => {
    expect(parseMenuFilters(["vegan", "no-nuts", "keto"])).toEqual(["no-nuts", "vegan"]);
    expect(parseMenuFilters("vegan")).toEqual(["vegan"]);
    expect(parseMenuFilters(undefined)).toEqual([]);
  });

  it("keeps products that can be made to fit and drops emptied categories", () => {
    expect(filterMenu(categories, [])).toHaveLength(2);
    expect(filterMenu(categories, ["no-nuts"]).map((c) => c.slug)).toEqual(["drinks"]);
    expect(filterMenu(categories, ["vegan", "no-nuts"]).map((c) => c.slug)).toEqual(["drinks"]);
  });
});
