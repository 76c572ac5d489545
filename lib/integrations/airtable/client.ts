import Airtable from "airtable";
import { batches, type Existing, type Plan } from "./diff";
import { fieldOptions, type FieldSpec, type Row, type TableSpec } from "./tables";

/**
 * The Airtable calls the mirror makes. Records go through the official client (`airtable`): list
 * a table, create, update and delete in tens (Airtable's limit per request). The tables' schema
 * goes through Airtable's metadata API (`/v0/meta/bases/<base>/tables`), which that client does
 * not cover, over fetch with the same token and errors of the same class. The API root is
 * configuration (AIRTABLE_API_URL), which is how tests point it at scripts/testing/fake-airtable.ts.
 * No retries here (the client's own on 429 is turned off): the delivery engine owns them.
 */

export type TableInfo = { id: string; name: string; fields: { id: string; name: string; type: string }[] };
export const AirtableError = Airtable.Error;
export type AirtableError = InstanceType<typeof Airtable.Error>;

export function airtableClient(apiUrl: string, opts: { timeoutMs?: number } = {}) {
  const endpointUrl = apiUrl.replace(/\/+$/, "");
  const timeout = opts.timeoutMs ?? 15_000;
  const base = (token: string, baseId: string) => new Airtable({ apiKey: token, endpointUrl, noRetryIfRateLimited: true, requestTimeout: timeout }).base(baseId);

  async function meta<T>(token: string, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${endpointUrl}/v0/meta/bases${path}`, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeout) });
    } catch (error) {
      throw new AirtableError("CONNECTION_ERROR", error instanceof Error ? error.message : String(error), 0);
    }
    const json = (await response.json().catch(() => null)) as { error?: string | { type?: string; message?: string } } | null;
    if (!response.ok) {
      const e = json?.error;
      const type = typeof e === "string" ? e : (e?.type ?? "UNEXPECTED_ERROR");
      throw new AirtableError(type, typeof e === "object" && e?.message ? e.message : type, response.status);
    }
    return json as T;
  }

  /** The base's name, or null when the token has no access to it (needs schema.bases:read). */
  async function baseName(token: string, baseId: string): Promise<string | null> {
    let offset: string | undefined;
    do {
      const page = await meta<{ bases: { id: string; name: string }[]; offset?: string }>(token, "GET", offset ? `?offset=${encodeURIComponent(offset)}` : "");
      const found = page.bases.find((b) => b.id === baseId);
      if (found) return found.name;
      offset = page.offset;
    } while (offset);
    return null;
  }

  /** The base's tables and their fields (needs the schema.bases:read scope). */
  async function tables(token: string, baseId: string): Promise<TableInfo[]> {
    return (await meta<{ tables: TableInfo[] }>(token, "GET", `/${encodeURIComponent(baseId)}/tables`)).tables;
  }

  /** Makes the table, or adds the fields it lacks (needs schema.bases:write); returns what it did, in words. */
  async function ensureTable(token: string, baseId: string, spec: TableSpec, existing: TableInfo | undefined): Promise<string | null> {
    const field = (f: FieldSpec) => ({ name: f.name, type: f.type, ...(fieldOptions(f) ? { options: fieldOptions(f) } : {}) });
    if (!existing) {
      await meta(token, "POST", `/${encodeURIComponent(baseId)}/tables`, { name: spec.name, description: spec.description, fields: spec.fields.map(field) });
      return `made the table ${spec.name}`;
    }
    const missing = spec.fields.filter((f) => !existing.fields.some((have) => have.name === f.name));
    for (const f of missing) await meta(token, "POST", `/${encodeURIComponent(baseId)}/tables/${existing.id}/fields`, field(f));
    return missing.length > 0 ? `added ${missing.map((f) => f.name).join(", ")} to ${spec.name}` : null;
  }

  /** Every record of a table (the client pages through it, a hundred at a time). */
  async function list(token: string, baseId: string, table: string): Promise<Existing[]> {
    const records = await base(token, baseId).table(table).select({ pageSize: 100 }).all();
    return records.map((r) => ({ id: r.id, fields: r.fields as Record<string, unknown> }));
  }

  /** Applies a plan: deletions first (a row renamed frees its Key), then updates, then new rows. */
  async function apply(token: string, baseId: string, table: string, plan: Plan): Promise<void> {
    const t = base(token, baseId).table(table);
    for (const ids of batches(plan.destroy)) await t.destroy(ids);
    for (const chunk of batches(plan.update)) await t.update(chunk.map((u) => ({ id: u.id, fields: u.fields })), { typecast: true });
    for (const chunk of batches(plan.create)) await t.create(chunk.map((fields: Row) => ({ fields })), { typecast: true });
  }

  return { baseName, tables, ensureTable, list, apply };
}

export type AirtableClient = ReturnType<typeof airtableClient>;
