import { describe, expect, it } from "vitest";
import { batches, planSync } from "./diff";
import { baseIdOf } from "./store";

const row = (key: string, over: Record<string, string | number | boolean> = {}) => ({ Key: key, Shop: "SFO", Group: "Milk", Option: key, "Price difference": 0.7, Currency: "USD", Available: true, ...over });

describe("planSync", () => {
  it("creates what is missing, updates only the differing fields, deletes keys we no longer make and duplicates, and leaves rows without a Key alone", () => {
    const plan = planSync(
      "Options",
      [row("a"), row("b", { Available: false }), row("c")],
      [
        { id: "rec1", fields: { ...row("a") } },
        { id: "rec2", fields: { ...row("b") } },
        { id: "rec3", fields: { ...row("gone") } },
        { id: "rec4", fields: { ...row("a") } },
        { id: "rec5", fields: { Notes: "someone's own row" } },
      ],
    );
    expect(plan).toEqual({ create: [row("c")], update: [{ id: "rec2", fields: { Available: false } }], destroy: ["rec3", "rec4"] });
  });

  it("treats Airtable's missing cells as false and empty text, so an unchanged row is not rewritten", () => {
    const want = { Key: "x/latte/oat", Product: "Latte", Ingredient: "Oat milk", Quantity: 200, Unit: "ml", "With option": "", "Scales with size": false };
    expect(planSync("Recipes", [want], [{ id: "rec1", fields: { Key: "x/latte/oat", Product: "Latte", Ingredient: "Oat milk", Quantity: 200, Unit: "ml" } }])).toEqual({ create: [], update: [], destroy: [] });
    expect(planSync("Recipes", [{ ...want, Quantity: 0 }], [{ id: "rec1", fields: { Key: "x/latte/oat", Product: "Latte", Ingredient: "Oat milk", Unit: "ml" } }]).update).toEqual([{ id: "rec1", fields: { Quantity: 0 } }]);
  });

  it("splits writes into Airtable's tens", () => {
    expect(batches(Array.from({ length: 23 }, (_, i) => i)).map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches([])).toEqual([]);
  });
});

describe("baseIdOf", () => {
  it("reads a base id from its address or itself, and nothing else", () => {
    expect(baseIdOf("appAbCdEfGh123456")).toBe("appAbCdEfGh123456");
    expect(baseIdOf("https://airtable.com/appAbCdEfGh123456/tblX/viwY?blocks=hide")).toBe("appAbCdEfGh123456");
    expect(baseIdOf("https://airtable.com/appShort")).toBeNull();
    expect(baseIdOf("tblAbCdEfGh123456")).toBeNull();
  });
});
