import type { AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { reconnectAirtable } from "./airtable/store";
import { reconnectClickUp } from "./clickup/store";
import { reconnectSheets } from "./sheets/store";
import type { IntegrationSettings } from "./setup";
import { findConnection, reconnectMastodon, reconnectSlack } from "./store";
import { reconnectX } from "./x/store";

/** "Reconnect" on the admin screen: a new token for a broken connection, checked by the service it is for. */
export async function reconnect(db: Db, settings: IntegrationSettings, id: string, token: unknown, actor?: AuditActor): Promise<void> {
  const row = await findConnection(db, id);
  if (row.kind === "X") return reconnectX(db, settings.ring, settings.x, id, token, actor);
  if (row.kind === "MASTODON") return reconnectMastodon(db, settings.ring, settings.mastodon, id, token, actor);
  if (row.kind === "GOOGLE_SHEETS") return reconnectSheets(db, settings.ring, settings.sheets, id, token, actor);
  if (row.kind === "AIRTABLE") return reconnectAirtable(db, settings.ring, settings.airtable, id, token, actor);
  if (row.kind === "CLICKUP") return reconnectClickUp(db, settings.ring, settings.clickup, id, token, actor);
  return reconnectSlack(db, settings.ring, settings.slack, id, token, actor);
}
