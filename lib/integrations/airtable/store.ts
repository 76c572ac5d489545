import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { encrypt, type KeyRing } from "../crypto";
import { assertShopsExist, findConnection, renewConnection } from "../store";
import type { AirtableAdapter, AirtableConfig } from "./adapter";
import { AIRTABLE_MIRROR, recordMirror } from "./mirror";

/**
 * Connecting an Airtable base: the personal access token must reach the base, and the three tables
 * (Menu, Options, Recipes) are made there, or completed with the fields they lack, before
 * anything is stored; then the whole mirror is queued at once. After that every menu change
 * (`catalog.changed`) queues it again. The token is kept encrypted like every credential.
 */

/** "appXXXXXXXXXXXXXX" from a base's address (https://airtable.com/app…/tbl…/viw…) or the id itself. */
export function baseIdOf(text: string): string | null {
  return /(?:^|\/)(app[A-Za-z0-9]{14})(?:$|[/?#])/.exec(text.trim())?.[1] ?? null;
}

const tokenText = z.string().trim().min(1, "paste the personal access token").max(300);

export const connectAirtableInput = z.object({
  name: z.string().trim().min(1, "give the connection a name").max(80),
  base: z
    .string()
    .trim()
    .max(300)
    .transform((v, ctx) => {
      const id = baseIdOf(v);
      if (!id) ctx.addIssue({ code: "custom", message: "paste the base's address (https://airtable.com/app…) or its id (app followed by 14 letters and digits)" });
      return id ?? "";
    }),
  token: tokenText,
  shopIds: z.array(z.uuid()).max(500).default([]),
});

export async function connectAirtable(db: Db, ring: KeyRing, airtable: AirtableAdapter, input: unknown, actor?: AuditActor): Promise<{ id: string; prepared: string[] }> {
  const data = connectAirtableInput.parse(input);
  await assertShopsExist(db, data.shopIds);
  const check = await airtable.prepare(data.token, { baseId: data.base, baseName: "" });
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  const id = uuidv7();
  const config: AirtableConfig = { baseId: data.base, baseName: check.label };
  await db.$transaction(async (tx) => {
    await tx.integration.create({ data: { id, kind: "AIRTABLE", name: data.name, credentials: encrypt(ring, data.token, id), config, shopIds: data.shopIds, events: [AIRTABLE_MIRROR] } });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.connected", target: `integration:${id}`, summary: `Connected Airtable "${data.name}" to the base “${check.label}”${check.done.length > 0 ? ` (${check.done.join("; ")})` : ""}`, after: { baseId: data.base, shopIds: data.shopIds } });
    // The mirror starts full, rather than with the next menu change.
    await recordMirror(tx, { causeId: id, cause: "connected", shopId: null, connectionId: id });
  });
  return { id, prepared: check.done };
}

/** A new token for a broken connection: checked against its base (tables completed again), stored, and held deliveries go out. */
export async function reconnectAirtable(db: Db, ring: KeyRing, airtable: AirtableAdapter, id: string, input: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  const token = tokenText.parse(input);
  const config = row.config as AirtableConfig;
  const check = await airtable.prepare(token, config);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  const tables = check.done.length > 0 ? `; ${check.done.join("; ")}` : "";
  await renewConnection(db, ring, row, { credential: token, config: { ...config, baseName: check.label }, actor, summary: `New token for Airtable "${row.name}" (base “${check.label}”)${tables}` });
}
