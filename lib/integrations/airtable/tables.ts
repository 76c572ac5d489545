/**
 * The three tables the Airtable mirror keeps in a base, with their fields as Airtable's metadata
 * API creates them. Every row has a `Key` (the primary field) made of our slugs: the mirror
 * matches rows by it, so a row an admin adds without a Key is left alone, and a row whose Key we
 * no longer produce (a product taken off a shop's menu, a shop out of scope) is deleted.
 */

export type FieldType = "singleLineText" | "multilineText" | "number" | "checkbox";
export type FieldSpec = { name: string; type: FieldType };
export type TableSpec = { name: TableName; description: string; fields: FieldSpec[] };
export type Cell = string | number | boolean;
/** One row as we want it: field name → value, `Key` included. */
export type Row = Record<string, Cell>;

export const TABLE_NAMES = ["Menu", "Options", "Recipes"] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const text = (name: string): FieldSpec => ({ name, type: "singleLineText" });

export const TABLES: readonly TableSpec[] = [
  {
    name: "Menu",
    description: "Each shop's products with its price and availability (mirrored by Go Coffee: edits here are overwritten)",
    fields: [text("Key"), text("Shop"), text("Product"), text("Category"), { name: "Price", type: "number" }, text("Currency"), { name: "Available", type: "checkbox" }, { name: "Options", type: "multilineText" }],
  },
  {
    name: "Options",
    description: "Each shop's options (sizes, milks, extras) with its price difference (mirrored by Go Coffee)",
    fields: [text("Key"), text("Shop"), text("Group"), text("Option"), { name: "Price difference", type: "number" }, text("Currency"), { name: "Available", type: "checkbox" }],
  },
  {
    name: "Recipes",
    description: "What goes into each product sold by the mirrored shops, per ingredient (mirrored by Go Coffee)",
    fields: [text("Key"), text("Product"), text("Ingredient"), { name: "Quantity", type: "number" }, text("Unit"), text("With option"), { name: "Scales with size", type: "checkbox" }],
  },
];

export function tableSpec(name: TableName): TableSpec {
  return TABLES.find((t) => t.name === name)!;
}

/**
 * The field options Airtable's metadata API requires per type: a number's precision (prices two
 * decimals, quantities whole), a checkbox's icon and colour. Text fields take none.
 */
export function fieldOptions(field: FieldSpec): Record<string, unknown> | undefined {
  if (field.type === "number") return { precision: /price/i.test(field.name) ? 2 : 0 };
  if (field.type === "checkbox") return { icon: "check", color: "greenBright" };
  return undefined;
}
