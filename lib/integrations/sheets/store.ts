import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { encrypt, type KeyRing } from "../crypto";
import { assertShopsExist, findConnection, renewConnection } from "../store";
import type { SheetsAdapter, SheetsConfig } from "./adapter";
import { recordDailySheets, SHEETS_DAY } from "./daily";
import { spreadsheetIdOf } from "./report";
import { serviceAccountKey } from "./token";

/**
 * Connecting a spreadsheet: the pasted service account key must be one, Google must give it a token,
 * and the account must be able to read the spreadsheet (shared with it) before anything is stored;
 * then the shops' last complete days are queued for it at once.
 * The key is kept encrypted like every credential; the account's address is shown on the card so an
 * admin knows whom the spreadsheet is shared with.
 */

const keyText = z
  .string()
  .trim()
  .min(1, "paste the service account key (the JSON file)")
  .max(10_000)
  .transform((text, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "the key is the JSON file Google gave you, pasted whole" });
      return z.NEVER;
    }
    const key = serviceAccountKey.safeParse(json);
    if (!key.success) {
      ctx.addIssue({ code: "custom", message: key.error.issues[0]?.message ?? "not a service account key" });
      return z.NEVER;
    }
    return { text, key: key.data };
  });

export const connectSheetsInput = z.object({
  name: z.string().trim().min(1, "give the connection a name").max(80),
  spreadsheet: z
    .string()
    .trim()
    .max(300)
    .transform((v, ctx) => {
      const id = spreadsheetIdOf(v);
      if (!id) ctx.addIssue({ code: "custom", message: "paste the spreadsheet's address (https://docs.google.com/spreadsheets/d/…) or its id" });
      return id ?? "";
    }),
  key: keyText,
  shopIds: z.array(z.uuid()).max(500).default([]),
});

export async function connectSheets(db: Db, ring: KeyRing, sheets: SheetsAdapter, input: unknown, actor?: AuditActor): Promise<{ id: string }> {
  const data = connectSheetsInput.parse(input);
  await assertShopsExist(db, data.shopIds);
  const draft: SheetsConfig = { spreadsheetId: data.spreadsheet, title: data.spreadsheet, account: data.key.key.client_email };
  const check = await sheets.verify(data.key.text, draft);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "key", message: check.reason }]);
  const id = uuidv7();
  const config: SheetsConfig = { ...draft, title: check.label };
  await db.$transaction(async (tx) => {
    await tx.integration.create({ data: { id, kind: "GOOGLE_SHEETS", name: data.name, credentials: encrypt(ring, data.key.text, id), config, shopIds: data.shopIds, events: [SHEETS_DAY] } });
    if (actor) await recordAudit(tx, { shopId: null, actor, action: "integration.connected", target: `integration:${id}`, summary: `Connected Google Sheets "${data.name}" to the spreadsheet “${check.label}” as ${config.account}`, after: { spreadsheetId: config.spreadsheetId, account: config.account, shopIds: data.shopIds } });
  });
  // The shops' last complete days go out at once, so the spreadsheet starts with figures rather than after the next midnight.
  await recordDailySheets(db, new Date(), id);
  return { id };
}

/** A new key for a broken connection (revoked or rotated): checked against its spreadsheet, stored, and held days go out. */
export async function reconnectSheets(db: Db, ring: KeyRing, sheets: SheetsAdapter, id: string, input: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  const parsed = keyText.parse(input);
  const config = { ...(row.config as SheetsConfig), account: parsed.key.client_email };
  const check = await sheets.verify(parsed.text, config);
  if (!check.ok) throw new DomainError("invalid", check.reason, [{ path: "token", message: check.reason }]);
  await renewConnection(db, ring, row, { credential: parsed.text, config: { ...config, title: check.label }, actor, summary: `New key for Google Sheets "${row.name}" (${config.account})` });
}
