import type { Adapter, Failure } from "../adapter";
import { airtableClient, AirtableError, type AirtableClient } from "./client";
import { planSync } from "./diff";
import type { AirtableMessage } from "./mirror";
import { TABLE_NAMES, TABLES } from "./tables";

/** What a connection keeps besides the token: the base and its name. */
export type AirtableConfig = { baseId: string; baseName: string };
export type AirtableAdapter = Adapter<AirtableConfig, AirtableMessage> & { client: AirtableClient; prepare(token: string, config: AirtableConfig): Promise<{ ok: true; label: string; done: string[] } | { ok: false; reason: string }> };

const SCOPES = "data.records:read, data.records:write, schema.bases:read and schema.bases:write";

export function classifyAirtable(error: unknown): Failure {
  if (error instanceof AirtableError) {
    const status = error.statusCode ?? 0;
    if (status === 401) return { kind: "credential", reason: "Airtable refused the personal access token (revoked or mistyped). Paste a current token." };
    if (status === 403) return { kind: "credential", reason: `Airtable says the token may not do this (${error.error}): give it the scopes ${SCOPES} and access to the base.` };
    if (status === 404) return { kind: "credential", reason: `Airtable has no such base or table (${error.message}). Reconnect: Go Coffee makes the tables it needs.` };
    if (status === 422 && error.error === "UNKNOWN_FIELD_NAME") return { kind: "credential", reason: `A mirrored table lacks a field (${error.message}). Reconnect: Go Coffee adds the fields it needs.` };
    if (status === 429) return { kind: "transient", reason: "Airtable is rate limiting (429)", retryAfterMs: 30_000 };
    if (status === 0 || status === 408 || status >= 500) return { kind: "transient", reason: status ? `Airtable answered HTTP ${status}` : `Airtable could not be reached (${error.message})` };
    return { kind: "permanent", reason: `Airtable refused it (HTTP ${status} ${error.error}: ${error.message})` };
  }
  return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Mirrors the menu to an Airtable base: each delivery carries the mirror as it should be, and
 * sending it lists each table and writes only the difference (lib/integrations/airtable/diff.ts),
 * so a retried or repeated delivery changes nothing the first did not. The service's id for a
 * delivery is what it changed, e.g. "Menu +2 ~1 −0; Options +0 ~0 −0; Recipes +0 ~0 −0".
 */
export function airtableAdapter(apiUrl: string, opts: { timeoutMs?: number } = {}): AirtableAdapter {
  const client = airtableClient(apiUrl, opts);

  /** The base's name, and whether the three tables are there with their fields ("" when they are). */
  async function check(token: string, config: AirtableConfig, fix: boolean): Promise<{ label: string; done: string[] }> {
    const name = await client.baseName(token, config.baseId);
    if (name === null) throw new AirtableError("NOT_FOUND", `the token cannot reach the base ${config.baseId}: add it to the token's access`, 404);
    const tables = await client.tables(token, config.baseId);
    const done: string[] = [];
    for (const spec of TABLES) {
      const existing = tables.find((t) => t.name === spec.name);
      if (fix) {
        const did = await client.ensureTable(token, config.baseId, spec, existing);
        if (did) done.push(did);
      } else if (!existing) throw new AirtableError("TABLE_NOT_FOUND", `the base has no table ${spec.name}`, 404);
    }
    return { label: name, done };
  }

  return {
    client,
    /** Connecting: the token must read the base, and the tables are made (or completed) where missing. */
    async prepare(token, config) {
      try {
        return { ok: true, ...(await check(token, config, true)) };
      } catch (error) {
        return { ok: false, reason: classifyAirtable(error).reason };
      }
    },
    async verify(token, config) {
      try {
        return { ok: true, label: (await check(token, config, false)).label };
      } catch (error) {
        return { ok: false, reason: classifyAirtable(error).reason };
      }
    },
    async send(token, config, message) {
      if (message.type === "test") {
        await check(token, config, false);
        return "token and tables checked";
      }
      const changes: string[] = [];
      for (const table of TABLE_NAMES) {
        const plan = planSync(table, message.tables[table], await client.list(token, config.baseId, table));
        await client.apply(token, config.baseId, table, plan);
        changes.push(`${table} +${plan.create.length} ~${plan.update.length} −${plan.destroy.length}`);
      }
      return changes.join("; ");
    },
    classify: classifyAirtable,
  };
}
