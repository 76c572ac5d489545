import { sheets, type sheets_v4 } from "@googleapis/sheets";
import { GoogleApiError } from "./token";

/**
 * The few Google Sheets API v4 calls we make, through the official client (`@googleapis/sheets`):
 * read a spreadsheet's title and tabs, add a tab with its header, and replace one day's rows of a
 * tab. The bearer token comes from ./token.ts per call; the API root is configuration
 * (GOOGLE_SHEETS_API_URL), which is how tests point it at scripts/testing/fake-google.ts. No
 * retries here: the delivery engine owns them.
 */

export type Cell = string | number;
export type SpreadsheetInfo = { title: string; tabs: { sheetId: number; title: string }[] };

/** A tab name inside an A1 range: quoted, with quotes doubled (Google's rule for names with spaces or punctuation). */
export function tabRange(tab: string, cells: string): string {
  return `'${tab.replace(/'/g, "''")}'!${cells}`;
}

/** The 0-based row indexes, bottom first, grouped into contiguous runs: the deleteDimension requests that remove them without shifting each other. */
export function rowRunsBottomUp(rows: number[]): { start: number; end: number }[] {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  const runs: { start: number; end: number }[] = [];
  for (const row of sorted) {
    const last = runs.at(-1);
    if (last && last.start === row + 1) last.start = row;
    else runs.push({ start: row, end: row + 1 });
  }
  return runs;
}

export function sheetsClient(rootUrl: string, opts: { timeoutMs?: number } = {}) {
  const api = sheets({ version: "v4", rootUrl: rootUrl.endsWith("/") ? rootUrl : `${rootUrl}/` });
  // retry: false — googleapis retries GETs on 429/5xx itself by default; the delivery engine's backoff and breaker decide here.
  const call = async <T>(token: string, run: (options: { headers: Record<string, string>; timeout: number; retry: false }) => Promise<{ data: T }>): Promise<T> => {
    try {
      return (await run({ headers: { Authorization: `Bearer ${token}` }, timeout: opts.timeoutMs ?? 15_000, retry: false })).data;
    } catch (error) {
      throw asGoogleError(error);
    }
  };

  async function info(token: string, spreadsheetId: string): Promise<SpreadsheetInfo> {
    const data = await call<sheets_v4.Schema$Spreadsheet>(token, (o) => api.spreadsheets.get({ spreadsheetId, fields: "properties.title,sheets.properties(sheetId,title)" }, o));
    return {
      title: data.properties?.title ?? spreadsheetId,
      tabs: (data.sheets ?? []).map((s) => ({ sheetId: s.properties?.sheetId ?? 0, title: s.properties?.title ?? "" })),
    };
  }

  /** The tab's id, adding it with `header` as its first row when the spreadsheet has no tab of that name. */
  async function ensureTab(token: string, spreadsheetId: string, tab: string, header: Cell[]): Promise<number> {
    const found = (await info(token, spreadsheetId)).tabs.find((t) => t.title === tab);
    if (found) return found.sheetId;
    const made = await call<sheets_v4.Schema$BatchUpdateSpreadsheetResponse>(token, (o) =>
      api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ addSheet: { properties: { title: tab, gridProperties: { frozenRowCount: 1 } } } }] } }, o),
    );
    await call(token, (o) => api.spreadsheets.values.update({ spreadsheetId, range: tabRange(tab, "A1"), valueInputOption: "RAW", requestBody: { values: [header] } }, o));
    return made.replies?.[0]?.addSheet?.properties?.sheetId ?? 0;
  }

  /**
   * Makes `rows` the tab's rows for `key` (the value of their first column, e.g. a date): rows
   * already there with that key are deleted, then these are appended. Sending the same day again
   * (a retry after a lost answer, a re-run) leaves the tab as one send would: never duplicated.
   */
  async function replaceRows(token: string, spreadsheetId: string, tab: string, header: Cell[], key: string, rows: Cell[][]): Promise<string> {
    const sheetId = await ensureTab(token, spreadsheetId, tab, header);
    const column = await call<sheets_v4.Schema$ValueRange>(token, (o) => api.spreadsheets.values.get({ spreadsheetId, range: tabRange(tab, "A:A"), majorDimension: "COLUMNS" }, o));
    const keys = column.values?.[0] ?? [];
    const stale = keys.flatMap((value, row) => (row > 0 && String(value) === key ? [row] : []));
    if (stale.length > 0) {
      const requests = rowRunsBottomUp(stale).map((r) => ({ deleteDimension: { range: { sheetId, dimension: "ROWS", startIndex: r.start, endIndex: r.end } } }));
      await call(token, (o) => api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } }, o));
    }
    const appended = await call<sheets_v4.Schema$AppendValuesResponse>(token, (o) =>
      api.spreadsheets.values.append({ spreadsheetId, range: tabRange(tab, "A1"), valueInputOption: "RAW", insertDataOption: "INSERT_ROWS", requestBody: { values: rows } }, o),
    );
    return appended.updates?.updatedRange ?? tabRange(tab, "A1");
  }

  return { info, ensureTab, replaceRows };
}

export type SheetsClient = ReturnType<typeof sheetsClient>;

function asGoogleError(error: unknown): GoogleApiError {
  if (error instanceof GoogleApiError) return error;
  const e = error as { status?: number; response?: { status?: number; headers?: Headers | Record<string, string>; data?: { error?: { message?: string; status?: string } } }; message?: string };
  const status = e.status ?? e.response?.status ?? 0;
  const headers = e.response?.headers;
  const retryAfter = headers instanceof Headers ? headers.get("retry-after") : headers?.["retry-after"];
  const detail = e.response?.data?.error;
  const message = detail?.message ? `${detail.status ? `${detail.status}: ` : ""}${detail.message}` : (e.message ?? String(error));
  return new GoogleApiError(status, message, retryAfter && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) * 1000 : undefined);
}
