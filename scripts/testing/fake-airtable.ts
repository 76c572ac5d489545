import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { HttpError, readBody, sendJson } from "./fake-http";

/**
 * A local Airtable for tests and the demo: the Web API's record calls and the metadata API's base
 * and table calls Go Coffee makes, in Airtable's wire format, so lib/integrations/airtable runs end
 * to end with the official client (AIRTABLE_API_URL → this url).
 *
 * - Auth: a personal access token it issued (401 AUTHENTICATION_REQUIRED otherwise), with scopes and
 *   bases; a base or scope the token lacks is 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND, as Airtable
 *   answers both.
 * - Records: list (pageSize, offset), create, update (PATCH), delete (`records[]`), at most ten per
 *   write (422 INVALID_RECORDS), unknown fields 422 UNKNOWN_FIELD_NAME, an unknown table 404
 *   TABLE_NOT_FOUND; empty cells (false, "") are left out of answers, as Airtable does.
 * - Metadata: GET /v0/meta/bases, GET and POST /v0/meta/bases/<base>/tables, POST …/tables/<id>/fields.
 * - Test controls under /_fake: POST /_fake/bases `{ name }`, POST /_fake/tokens `{ bases, scopes? }`
 *   (answers `{ token }`), GET /_fake/bases/<id> (its tables and records), POST /_fake/revoke
 *   `{ token }`, POST /_fake/fail `{ status, times }` (the next API calls answer so).
 */

type Value = string | number | boolean;
type Field = { id: string; name: string; type: string; options?: unknown };
type RecordRow = { id: string; createdTime: string; fields: Record<string, Value> };
type Table = { id: string; name: string; description?: string; fields: Field[]; records: RecordRow[] };
type Base = { id: string; name: string; tables: Table[] };
type Token = { bases: string[]; scopes: string[] };

export const ALL_SCOPES = ["data.records:read", "data.records:write", "schema.bases:read", "schema.bases:write"];

export type FakeAirtable = {
  url: string;
  createBase(name: string): Base;
  base(id: string): Base | undefined;
  /** Rows of a table as field maps (empty cells included as stored). */
  rows(baseId: string, table: string): Record<string, Value>[];
  token(bases: string[], scopes?: string[]): string;
  revoke(token: string): void;
  failNext(status: number, times: number): void;
  /** API calls made, e.g. "GET Menu", "POST Menu 10", "PATCH Options 2", "DELETE Menu 1", "POST meta tables". */
  calls: string[];
  close(): Promise<void>;
};


const fail = (status: number, type: string, message: string) => new HttpError(status, { error: { type, message } });
const id = (prefix: string) => `${prefix}${randomBytes(10).toString("base64url").replace(/[-_]/g, "x").slice(0, 14)}`;
const denied = () => fail(403, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", "Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.");

export async function startFakeAirtable(port = 0, host = "127.0.0.1"): Promise<FakeAirtable> {
  const bases = new Map<string, Base>();
  const tokens = new Map<string, Token>();
  const calls: string[] = [];
  let failures: { status: number; left: number } | null = null;

  function createBase(name: string): Base {
    const base: Base = { id: id("app"), name, tables: [] };
    bases.set(base.id, base);
    return base;
  }

  function token(forBases: string[], scopes = ALL_SCOPES): string {
    const t = `pat${randomBytes(7).toString("hex")}.${randomBytes(32).toString("hex")}`;
    tokens.set(t, { bases: forBases, scopes });
    return t;
  }

  function authorize(req: IncomingMessage, scope: string, baseId?: string): Token {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const t = bearer ? tokens.get(bearer) : undefined;
    if (!t) throw fail(401, "AUTHENTICATION_REQUIRED", "Authentication required");
    if (!t.scopes.includes(scope)) throw denied();
    if (baseId && (!t.bases.includes(baseId) || !bases.has(baseId))) throw denied();
    return t;
  }

  const shown = (r: RecordRow) => ({ id: r.id, createdTime: r.createdTime, fields: Object.fromEntries(Object.entries(r.fields).filter(([, v]) => v !== false && v !== "" && v !== null && v !== undefined)) });
  const tableView = (t: Table) => ({ id: t.id, name: t.name, description: t.description, primaryFieldId: t.fields[0]?.id, fields: t.fields.map(({ id: fid, name, type, options }) => ({ id: fid, name, type, ...(options ? { options } : {}) })), views: [{ id: "viwGrid", name: "Grid view", type: "grid" }] });

  function cellsOf(table: Table, fields: Record<string, unknown>, typecast: boolean): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const [name, value] of Object.entries(fields)) {
      const field = table.fields.find((f) => f.name === name);
      if (!field) throw fail(422, "UNKNOWN_FIELD_NAME", `Unknown field name: "${name}"`);
      if (field.type === "number" && typeof value !== "number") {
        if (typecast && value !== "" && Number.isFinite(Number(value))) out[name] = Number(value);
        else throw fail(422, "INVALID_VALUE_FOR_COLUMN", `Field "${name}" cannot accept the provided value`);
      } else if (field.type === "checkbox" && typeof value !== "boolean") throw fail(422, "INVALID_VALUE_FOR_COLUMN", `Field "${name}" cannot accept the provided value`);
      else out[name] = value as Value;
    }
    return out;
  }

  function meta(req: IncomingMessage, path: string, body: Record<string, unknown>, query: URLSearchParams): unknown {
    if (path === "/v0/meta/bases" && req.method === "GET") {
      const t = authorize(req, "schema.bases:read");
      calls.push("GET meta bases");
      const all = t.bases.flatMap((b) => (bases.has(b) ? [bases.get(b)!] : []));
      // One base per page, so a client that does not follow `offset` misses bases.
      const from = Number(query.get("offset") ?? 0);
      const page = all.slice(from, from + 1);
      return { bases: page.map((b) => ({ id: b.id, name: b.name, permissionLevel: "create" })), ...(from + 1 < all.length ? { offset: String(from + 1) } : {}) };
    }
    const m = /^\/v0\/meta\/bases\/([^/]+)\/tables(?:\/([^/]+)\/fields)?$/.exec(path);
    if (!m) throw fail(404, "NOT_FOUND", "Could not find what you are looking for");
    const base = bases.get(m[1]!);
    if (req.method === "GET" && !m[2]) {
      authorize(req, "schema.bases:read", m[1]);
      calls.push("GET meta tables");
      return { tables: base!.tables.map(tableView) };
    }
    if (req.method !== "POST") throw fail(404, "NOT_FOUND", "Could not find what you are looking for");
    authorize(req, "schema.bases:write", m[1]);
    const fieldOf = (f: Record<string, unknown>): Field => {
      if (typeof f.name !== "string" || !["singleLineText", "multilineText", "number", "checkbox"].includes(String(f.type))) throw fail(422, "INVALID_FIELD_TYPE", `Unsupported field type ${String(f.type)}`);
      if (f.type === "number" && typeof (f.options as { precision?: unknown } | undefined)?.precision !== "number") throw fail(422, "INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE", "number fields need options.precision");
      if (f.type === "checkbox" && !(f.options as { icon?: unknown } | undefined)?.icon) throw fail(422, "INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE", "checkbox fields need options.icon and options.color");
      return { id: id("fld"), name: f.name, type: String(f.type), options: f.options };
    };
    if (!m[2]) {
      calls.push("POST meta tables");
      if (base!.tables.some((t) => t.name === body.name)) throw fail(422, "DUPLICATE_TABLE_NAME", `A table named ${String(body.name)} already exists`);
      const fields = (body.fields as Record<string, unknown>[] | undefined) ?? [];
      if (fields.length === 0 || !["singleLineText", "multilineText", "number"].includes(String(fields[0]!.type))) throw fail(422, "INVALID_PRIMARY_FIELD", "The first field must be a valid primary field");
      const table: Table = { id: id("tbl"), name: String(body.name), description: body.description as string | undefined, fields: fields.map(fieldOf), records: [] };
      base!.tables.push(table);
      return tableView(table);
    }
    calls.push("POST meta fields");
    const table = base!.tables.find((t) => t.id === m[2]);
    if (!table) throw fail(404, "TABLE_NOT_FOUND", `Could not find table ${m[2]}`);
    if (table.fields.some((f) => f.name === body.name)) throw fail(422, "DUPLICATE_OR_EMPTY_FIELD_NAME", `A field named ${String(body.name)} already exists`);
    const field = fieldOf(body);
    table.fields.push(field);
    return { id: field.id, name: field.name, type: field.type, ...(field.options ? { options: field.options } : {}) };
  }

  function records(req: IncomingMessage, path: string, query: URLSearchParams, body: Record<string, unknown>): unknown {
    const m = /^\/v0\/([^/]+)\/([^/]+)\/?$/.exec(path);
    if (!m) throw fail(404, "NOT_FOUND", "Could not find what you are looking for");
    const write = req.method !== "GET";
    authorize(req, write ? "data.records:write" : "data.records:read", m[1]);
    const base = bases.get(m[1]!)!;
    const table = base.tables.find((t) => t.name === m[2] || t.id === m[2]);
    if (!table) throw fail(404, "TABLE_NOT_FOUND", `Could not find table ${m[2]} in application ${base.id}`);
    const typecast = body.typecast === true;
    if (req.method === "GET") {
      const size = Math.min(100, Number(query.get("pageSize") ?? 100));
      const from = Number(query.get("offset")?.split("/")[0]?.replace("itr", "") ?? 0) || 0;
      calls.push(`GET ${table.name}`);
      const page = table.records.slice(from, from + size);
      return { records: page.map(shown), ...(from + size < table.records.length ? { offset: `itr${from + size}/rec` } : {}) };
    }
    if (req.method === "DELETE") {
      const ids = [...query.getAll("records[]"), ...query.getAll("records")];
      if (ids.length === 0 || ids.length > 10) throw fail(422, "INVALID_RECORDS", "You must provide an array of up to 10 record ids");
      for (const rid of ids) if (!table.records.some((r) => r.id === rid)) throw fail(404, "NOT_FOUND", `Record ${rid} not found`);
      table.records = table.records.filter((r) => !ids.includes(r.id));
      calls.push(`DELETE ${table.name} ${ids.length}`);
      return { records: ids.map((rid) => ({ id: rid, deleted: true })) };
    }
    const list = body.records as { id?: string; fields: Record<string, unknown> }[] | undefined;
    if (!Array.isArray(list) || list.length === 0 || list.length > 10) throw fail(422, "INVALID_RECORDS", "You must provide an array of up to 10 record objects, each with an \"id\" field and a \"fields\" object");
    if (req.method === "POST") {
      const made = list.map((r) => ({ id: id("rec"), createdTime: new Date().toISOString(), fields: cellsOf(table, r.fields ?? {}, typecast) }));
      table.records.push(...made);
      calls.push(`POST ${table.name} ${made.length}`);
      return { records: made.map(shown) };
    }
    if (req.method === "PATCH") {
      const changes = list.map((r) => {
        const row = table.records.find((x) => x.id === r.id);
        if (!row) throw fail(404, "NOT_FOUND", `Record ${String(r.id)} not found`);
        return { row, cells: cellsOf(table, r.fields ?? {}, typecast) };
      });
      for (const { row, cells } of changes) Object.assign(row.fields, cells);
      calls.push(`PATCH ${table.name} ${changes.length}`);
      return { records: changes.map(({ row }) => shown(row)) };
    }
    throw fail(404, "NOT_FOUND", "Could not find what you are looking for");
  }



  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const path = decodeURIComponent(url.pathname);
      const text = await readBody(req);
      try {
        const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        if (path.startsWith("/_fake/")) {
          if (req.method === "POST" && path === "/_fake/bases") return sendJson(res, 201, createBase(String(json.name ?? "Go Coffee")));
          if (req.method === "POST" && path === "/_fake/tokens") return sendJson(res, 201, { token: token((json.bases as string[]) ?? [], (json.scopes as string[] | undefined) ?? ALL_SCOPES) });
          if (req.method === "GET" && path.startsWith("/_fake/bases/")) {
            const base = bases.get(path.slice("/_fake/bases/".length));
            return base ? sendJson(res, 200, base) : sendJson(res, 404, { error: "no such base" });
          }
          if (req.method === "POST" && path === "/_fake/revoke") return (tokens.delete(String(json.token)), sendJson(res, 204, {}));
          if (req.method === "POST" && path === "/_fake/fail") return ((failures = { status: Number(json.status), left: Number(json.times ?? 1) }), sendJson(res, 204, {}));
          return sendJson(res, 404, { error: "unknown fake control" });
        }
        if (failures && failures.left > 0) {
          failures.left--;
          calls.push(`failed ${failures.status}`);
          return sendJson(res, failures.status, failures.status === 429 ? { errors: [{ error: "RATE_LIMIT_REACHED", message: "Rate limit exceeded. Please try again later" }] } : { error: { type: "SERVER_ERROR", message: "Try again. If the problem persists, contact support." } });
        }
        if (path.startsWith("/v0/meta/")) return sendJson(res, 200, meta(req, path, json, url.searchParams));
        return sendJson(res, 200, records(req, path, url.searchParams, json));
      } catch (error) {
        if (error instanceof HttpError) return sendJson(res, error.status, error.body);
        return sendJson(res, 500, { error: { type: "SERVER_ERROR", message: String(error) } });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://${host}:${address.port}`,
    createBase,
    base: (baseId) => bases.get(baseId),
    rows: (baseId, name) => bases.get(baseId)?.tables.find((t) => t.name === name)?.records.map((r) => r.fields) ?? [],
    token,
    revoke: (t) => void tokens.delete(t),
    failNext: (status, times) => void (failures = { status, left: times }),
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
