import { tableSpec, type Cell, type Row, type TableName } from "./tables";

/** A record as Airtable's API answers it: fields that are empty (false, "", no value) are left out. */
export type Existing = { id: string; fields: Record<string, unknown> };
export type Plan = { create: Row[]; update: { id: string; fields: Row }[]; destroy: string[] };

/**
 * What turns a table's records into `desired`, matched by Key: rows we want and it lacks are
 * created; rows whose fields differ get only the differing fields; rows with a Key we do not want
 * (or a second row with a Key already matched: a duplicate from someone's copy-paste) are deleted;
 * rows without a Key are someone else's and left alone. Applying a plan and planning again gives an
 * empty plan, which is what makes a repeated or redelivered sync write nothing.
 */
export function planSync(table: TableName, desired: readonly Row[], existing: readonly Existing[]): Plan {
  const spec = tableSpec(table);
  const wanted = new Map(desired.map((row) => [String(row.Key), row]));
  const seen = new Set<string>();
  const plan: Plan = { create: [], update: [], destroy: [] };
  for (const record of existing) {
    const key = record.fields.Key;
    if (typeof key !== "string" || key === "") continue;
    const row = wanted.get(key);
    if (!row || seen.has(key)) {
      plan.destroy.push(record.id);
      continue;
    }
    seen.add(key);
    const changed: Row = {};
    for (const field of spec.fields) {
      if (field.name === "Key" || !(field.name in row)) continue;
      if (!sameCell(row[field.name]!, record.fields[field.name])) changed[field.name] = row[field.name]!;
    }
    if (Object.keys(changed).length > 0) plan.update.push({ id: record.id, fields: changed });
  }
  for (const [key, row] of wanted) if (!seen.has(key)) plan.create.push(row);
  return plan;
}

/** Airtable leaves empty cells out and answers numbers as numbers: false, "" and a missing cell are one value. */
function sameCell(want: Cell, have: unknown): boolean {
  if (have === undefined || have === null) return want === false || want === "";
  if (typeof want === "number") return typeof have === "number" && Math.abs(want - have) < 1e-9;
  return want === have;
}

/** Chunks of Airtable's limit of ten records per create, update or delete request. */
export function batches<T>(items: readonly T[], size = 10): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
