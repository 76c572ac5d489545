import type { Adapter, Failure } from "../adapter";
import { sheetsClient, type SheetsClient } from "./client";
import type { SheetsMessage } from "./report";
import { GoogleApiError, serviceAccountKey, tokenSource, type ServiceAccountKey } from "./token";

/** What a connection keeps besides the key: the spreadsheet, its title and the account it writes as. */
export type SheetsConfig = { spreadsheetId: string; title: string; account: string };
export type SheetsAdapter = Adapter<SheetsConfig, SheetsMessage> & { client: SheetsClient; token(key: ServiceAccountKey): Promise<string> };

/** The stored credential is the service account key's JSON, as pasted. */
export function parseKey(credential: string): ServiceAccountKey {
  return serviceAccountKey.parse(JSON.parse(credential));
}

export function classifySheets(error: unknown, account?: string): Failure {
  if (error instanceof GoogleApiError) {
    const share = ` Share the spreadsheet with ${account ?? "the service account (the client_email in its key)"} as an Editor.`;
    if (error.status === 400 && /invalid_grant|invalid_client|unauthorized_client/.test(error.message)) return { kind: "credential", reason: `Google refused the service account key (${error.message}). Paste a current key.` };
    if (error.status === 401) return { kind: "credential", reason: `Google refused the service account key (${error.message}). Paste a current key.` };
    if (error.status === 403) return { kind: "credential", reason: `The service account may not edit this spreadsheet (${error.message}).${share}` };
    if (error.status === 404) return { kind: "credential", reason: `Google has no such spreadsheet, or it is not shared with the service account.${share}` };
    if (error.status === 429) return { kind: "transient", reason: "Google Sheets is rate limiting (429)", retryAfterMs: error.retryAfterMs ?? 60_000 };
    if (error.status === 0 || error.status === 408 || error.status >= 500) return { kind: "transient", reason: error.status ? `Google Sheets answered HTTP ${error.status}` : error.message };
    return { kind: "permanent", reason: `Google Sheets refused it (HTTP ${error.status}: ${error.message})` };
  }
  return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Writes the shops' days to a spreadsheet as a service account: a day's delivery replaces that
 * day's rows in the shop's tab (made with its header when missing), so a retried or repeated
 * delivery never duplicates. The service's id for a delivery is the range it wrote.
 */
export function sheetsAdapter(apiUrl: string, tokenUrl: string, opts: { timeoutMs?: number } = {}): SheetsAdapter {
  const client = sheetsClient(apiUrl, opts);
  const token = tokenSource(tokenUrl, opts);
  return {
    client,
    token,
    async verify(credential, config) {
      let key: ServiceAccountKey;
      try {
        key = parseKey(credential);
      } catch {
        return { ok: false, reason: "That is not a service account key: paste the whole JSON file Google gave you (IAM → Service accounts → Keys → Add key → JSON)." };
      }
      try {
        const info = await client.info(await token(key), config.spreadsheetId);
        return { ok: true, label: info.title };
      } catch (error) {
        return { ok: false, reason: classifySheets(error, key.client_email).reason };
      }
    },
    async send(credential, config, message) {
      const key = parseKey(credential);
      const replaceKey = message.type === "day" ? message.day : "test";
      return client.replaceRows(await token(key), config.spreadsheetId, message.tab, message.header, replaceKey, message.rows);
    },
    classify: (error) => classifySheets(error),
  };
}
