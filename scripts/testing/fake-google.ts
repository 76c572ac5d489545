import { generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { HttpError, readBody, sendJson } from "./fake-http";

/**
 * A local Google for tests and the demo: the OAuth 2.0 token endpoint for service accounts and the
 * Sheets API v4 calls Go Coffee makes, in Google's wire format, so lib/integrations/sheets runs
 * end to end with the official client (GOOGLE_OAUTH_TOKEN_URL → `<url>/token`,
 * GOOGLE_SHEETS_API_URL → `<url>/`).
 *
 * - Token: a JWT bearer assertion is checked as Google does (RS256 signature under the account's
 *   public key, aud = this endpoint, the spreadsheets scope, not expired); refusals are
 *   `{ error: "invalid_grant", error_description }` with 400.
 * - Sheets: 401 UNAUTHENTICATED without a token it issued, 404 NOT_FOUND for an unknown spreadsheet,
 *   403 PERMISSION_DENIED when the spreadsheet is not shared with the token's account; errors as
 *   `{ error: { code, message, status } }`.
 * - Test controls under /_fake: POST /_fake/keys `{ email }` makes a service account and answers its
 *   key file (JSON, private key included); POST /_fake/spreadsheets `{ title, shareWith }` makes a
 *   spreadsheet; GET /_fake/spreadsheets/<id> reads its tabs and rows; POST /_fake/revoke `{ email }`
 *   deletes an account's keys; POST /_fake/fail `{ status, times }` answers the next API calls so.
 */

type Cell = string | number;
type Tab = { sheetId: number; title: string; rows: Cell[][] };
type Spreadsheet = { id: string; title: string; sharedWith: string[]; tabs: Tab[] };

export type FakeGoogle = {
  url: string;
  tokenUrl: string;
  /** A new service account: its key file as Google gives it (the JSON text). */
  serviceAccountKey(email: string): string;
  createSpreadsheet(title: string, shareWith: string[]): Spreadsheet;
  spreadsheet(id: string): Spreadsheet | undefined;
  revoke(email: string): void;
  failNext(status: number, times: number): void;
  /** Calls made to the Sheets API (not the token endpoint), e.g. "POST values:append". */
  calls: string[];
  close(): Promise<void>;
};


const apiError = (code: number, status: string, message: string) => new HttpError(code, { error: { code, message, status } });

export async function startFakeGoogle(port = 0, host = "127.0.0.1"): Promise<FakeGoogle> {
  const accounts = new Map<string, KeyObject>();
  const tokens = new Map<string, string>();
  const spreadsheets = new Map<string, Spreadsheet>();
  const calls: string[] = [];
  let failures: { status: number; left: number } | null = null;
  let base = "";

  function serviceAccountKey(email: string): string {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyId = randomBytes(20).toString("hex");
    accounts.set(email, publicKey);
    return JSON.stringify({ type: "service_account", project_id: "go-coffee-test", private_key_id: keyId, private_key: privateKey.export({ type: "pkcs8", format: "pem" }), client_email: email, client_id: String(Date.now()), token_uri: `${base}/token` }, null, 2);
  }

  function createSpreadsheet(title: string, shareWith: string[]): Spreadsheet {
    const sheet: Spreadsheet = { id: randomBytes(22).toString("base64url"), title, sharedWith: shareWith, tabs: [{ sheetId: 0, title: "Sheet1", rows: [] }] };
    spreadsheets.set(sheet.id, sheet);
    return sheet;
  }

  function token(form: URLSearchParams): unknown {
    const invalid = (description: string) => new HttpError(400, { error: "invalid_grant", error_description: description });
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") throw new HttpError(400, { error: "unsupported_grant_type", error_description: "Invalid grant_type" });
    const [header, claims, signature] = (form.get("assertion") ?? "").split(".");
    if (!header || !claims || !signature) throw invalid("Invalid JWT: malformed");
    const c = JSON.parse(Buffer.from(claims, "base64url").toString()) as { iss?: string; aud?: string; scope?: string; exp?: number };
    const publicKey = accounts.get(c.iss ?? "");
    if (!publicKey || !verify("RSA-SHA256", Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, "base64url"))) throw invalid("Invalid JWT Signature.");
    if (c.aud !== `${base}/token`) throw invalid("Invalid JWT: aud is not this token endpoint");
    if (!c.scope?.split(" ").includes("https://www.googleapis.com/auth/spreadsheets")) throw new HttpError(400, { error: "invalid_scope", error_description: "Invalid OAuth scope" });
    if (!c.exp || c.exp * 1000 < Date.now()) throw invalid("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
    const accessToken = `ya29.fake-${randomBytes(16).toString("hex")}`;
    tokens.set(accessToken, c.iss!);
    return { access_token: accessToken, expires_in: 3599, token_type: "Bearer" };
  }

  function open(req: IncomingMessage, id: string): Spreadsheet {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const account = bearer ? tokens.get(bearer) : undefined;
    if (!account || !accounts.has(account)) throw apiError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
    const sheet = spreadsheets.get(id);
    if (!sheet) throw apiError(404, "NOT_FOUND", "Requested entity was not found.");
    if (!sheet.sharedWith.includes(account)) throw apiError(403, "PERMISSION_DENIED", "The caller does not have permission");
    return sheet;
  }

  function tabOf(sheet: Spreadsheet, range: string): Tab {
    const name = /^'((?:[^']|'')+)'!/.exec(range)?.[1]?.replace(/''/g, "'") ?? /^([^!]+)!/.exec(range)?.[1] ?? range;
    const tab = sheet.tabs.find((t) => t.title === name);
    if (!tab) throw apiError(400, "INVALID_ARGUMENT", `Unable to parse range: ${range}`);
    return tab;
  }

  const a1 = (tab: Tab, from: number, rows: Cell[][]) => `'${tab.title.replace(/'/g, "''")}'!A${from + 1}:${String.fromCharCode(64 + Math.max(1, ...rows.map((r) => r.length)))}${from + rows.length}`;

  function sheetsCall(req: IncomingMessage, path: string, query: URLSearchParams, body: Record<string, unknown>): unknown {
    const m = /^\/v4\/spreadsheets\/([^/:]+)(?::batchUpdate|\/values\/(.+?)(:append)?)?$/.exec(path);
    if (!m) throw apiError(404, "NOT_FOUND", "Method not found.");
    const [, id, range, append] = m;
    const sheet = open(req, id!);
    if (path.endsWith(":batchUpdate")) {
      calls.push("POST batchUpdate");
      const replies = (body.requests as Record<string, { properties?: { title: string }; range?: { sheetId: number; startIndex: number; endIndex: number } }>[]).map((r) => {
        if (r.addSheet) {
          const title = r.addSheet.properties!.title;
          if (sheet.tabs.some((t) => t.title === title)) throw apiError(400, "INVALID_ARGUMENT", `Invalid requests[0].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`);
          const tab = { sheetId: Math.max(...sheet.tabs.map((t) => t.sheetId)) + 1, title, rows: [] };
          sheet.tabs.push(tab);
          return { addSheet: { properties: { sheetId: tab.sheetId, title, index: sheet.tabs.length - 1 } } };
        }
        if (r.deleteDimension) {
          const { sheetId, startIndex, endIndex } = r.deleteDimension.range!;
          const tab = sheet.tabs.find((t) => t.sheetId === sheetId);
          if (!tab) throw apiError(400, "INVALID_ARGUMENT", `No grid with id: ${sheetId}`);
          tab.rows.splice(startIndex, endIndex - startIndex);
          return {};
        }
        throw apiError(400, "INVALID_ARGUMENT", "Unsupported request in this fake");
      });
      return { spreadsheetId: sheet.id, replies };
    }
    if (!range) {
      calls.push("GET spreadsheet");
      return { spreadsheetId: sheet.id, properties: { title: sheet.title, locale: "en_US" }, sheets: sheet.tabs.map((t, index) => ({ properties: { sheetId: t.sheetId, title: t.title, index } })) };
    }
    const tab = tabOf(sheet, range);
    if (req.method === "GET") {
      calls.push("GET values");
      const byColumns = query.get("majorDimension") === "COLUMNS";
      const values = byColumns ? (tab.rows.length ? [tab.rows.map((r) => String(r[0] ?? ""))] : []) : tab.rows.map((r) => r.map(String));
      return { range, majorDimension: byColumns ? "COLUMNS" : "ROWS", ...(values.length ? { values } : {}) };
    }
    const values = (body.values ?? []) as Cell[][];
    if (append) {
      calls.push("POST values:append");
      const from = tab.rows.length;
      tab.rows.push(...values.map((r) => [...r]));
      return { spreadsheetId: sheet.id, tableRange: a1(tab, 0, tab.rows), updates: { spreadsheetId: sheet.id, updatedRange: a1(tab, from, values), updatedRows: values.length, updatedCells: values.flat().length } };
    }
    calls.push("PUT values");
    values.forEach((row, i) => (tab.rows[i] = [...row]));
    return { spreadsheetId: sheet.id, updatedRange: a1(tab, 0, values), updatedRows: values.length };
  }



  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const path = decodeURIComponent(url.pathname);
      const text = await readBody(req);
      try {
        if (req.method === "POST" && path === "/token") return sendJson(res, 200, token(new URLSearchParams(text)));
        const json = text && req.headers["content-type"]?.includes("json") ? (JSON.parse(text) as Record<string, unknown>) : {};
        if (path.startsWith("/_fake/")) {
          if (req.method === "POST" && path === "/_fake/keys") return sendJson(res, 201, JSON.parse(serviceAccountKey(String(json.email))));
          if (req.method === "POST" && path === "/_fake/spreadsheets") return sendJson(res, 201, createSpreadsheet(String(json.title ?? "Go Coffee"), (json.shareWith as string[]) ?? []));
          if (req.method === "GET" && path.startsWith("/_fake/spreadsheets/")) {
            const sheet = spreadsheets.get(path.slice("/_fake/spreadsheets/".length));
            return sheet ? sendJson(res, 200, sheet) : sendJson(res, 404, { error: "no such spreadsheet" });
          }
          if (req.method === "POST" && path === "/_fake/revoke") return (accounts.delete(String(json.email)), sendJson(res, 204, {}));
          if (req.method === "POST" && path === "/_fake/fail") return ((failures = { status: Number(json.status), left: Number(json.times ?? 1) }), sendJson(res, 204, {}));
          return sendJson(res, 404, { error: "unknown fake control" });
        }
        if (failures && failures.left > 0) {
          failures.left--;
          calls.push(`failed ${failures.status}`);
          return sendJson(res, failures.status, { error: { code: failures.status, message: failures.status === 429 ? "Quota exceeded for quota metric 'Write requests'" : "Internal error encountered.", status: failures.status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL" } }, failures.status === 429 ? { "retry-after": "1" } : {});
        }
        return sendJson(res, 200, sheetsCall(req, path, url.searchParams, json));
      } catch (error) {
        if (error instanceof HttpError) return sendJson(res, error.status, error.body);
        return sendJson(res, 500, { error: { code: 500, message: String(error), status: "INTERNAL" } });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as { port: number };
  base = `http://${host}:${address.port}`;
  return {
    url: `${base}/`,
    tokenUrl: `${base}/token`,
    serviceAccountKey,
    createSpreadsheet,
    spreadsheet: (id) => spreadsheets.get(id),
    revoke: (email) => void accounts.delete(email),
    failNext: (status, times) => void (failures = { status, left: times }),
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
