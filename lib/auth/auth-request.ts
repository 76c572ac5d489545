/**
 * The door in front of next-auth (`/api/auth/*`): a request next-auth would choke on is refused
 * here with a 4xx and a sentence, before next-auth sees it. next-auth 4 parses a JSON body with
 * `req.json()` and lets the error escape (an empty or broken body was a 500), reads bodies of any
 * size, and answers unknown endpoints in plain text. What passes is what next-auth's own browser
 * client sends (form-encoded sign-in, sign-out and logs; JSON session updates) with the fields the
 * endpoint needs; whether their values are right (CSRF token, password, signature) is still for
 * next-auth and our providers to decide. Pure apart from reading the body.
 */

/** Far above any real form (a SIWE message is under 1 KB; passwords are capped at 256). */
export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

/** Our providers and the fields their sign-in form must carry. */
const PROVIDER_FIELDS: Record<string, readonly string[]> = { credentials: ["email", "password"], siwe: ["message", "signature"] };

// No GET callback: our providers are Credentials ones, whose callback is POSTed (next-auth answers a GET with a 500).
const GET_ACTIONS = new Set(["csrf", "session", "providers", "signin", "signout", "error", "verify-request"]);
const POST_ACTIONS = new Set(["signin", "callback", "signout", "session", "_log"]);

export type AuthRefusal = { status: number; code: string; message: string };
export type AuthRequest = { method: string; segments: readonly string[]; contentType: string | null; body: string | null };

/** Why the request is refused, or null when it may go on to next-auth (`body` already read within the limit). */
export function authRequestRefusal(request: AuthRequest): AuthRefusal | null {
  const [action, provider, ...rest] = request.segments;
  const method = request.method.toUpperCase();
  const known = method === "POST" ? POST_ACTIONS : GET_ACTIONS;
  if (!action || !known.has(action) || rest.length > 0 || (provider !== undefined && action !== "signin" && action !== "callback" && action !== "error")) {
    return { status: 404, code: "not_found", message: `There is no ${method} /api/auth/${request.segments.join("/")}.` };
  }
  if ((action === "signin" || action === "callback") && provider !== undefined && !(provider in PROVIDER_FIELDS)) {
    return { status: 404, code: "not_found", message: `There is no sign-in method "${provider}"; use credentials or siwe.` };
  }
  if (method !== "POST") return null;

  const parsed = parseBody(request.contentType, request.body ?? "");
  if ("status" in parsed) return parsed;
  const fields = parsed.fields;
  if (action === "_log") {
    // next-auth's client error beacon: logged by next-auth at the level it names.
    if (!["error", "warn", "debug"].includes(String(fields.level)) || typeof fields.code !== "string") return { status: 400, code: "invalid", message: "A log entry needs a level (error, warn or debug) and a code." };
    return null;
  }
  if (action !== "session" && typeof fields.csrfToken !== "string") {
    return { status: 400, code: "invalid", message: "csrfToken is missing: get one from GET /api/auth/csrf and send it with the form." };
  }
  if (action === "session" && fields.csrfToken !== undefined && typeof fields.csrfToken !== "string") {
    return { status: 400, code: "invalid", message: "csrfToken must be a string." };
  }
  if ((action === "signin" || action === "callback") && provider === undefined) {
    return { status: 404, code: "not_found", message: "Name the sign-in method: /api/auth/callback/credentials or /api/auth/callback/siwe." };
  }
  if (action === "callback") {
    const missing = PROVIDER_FIELDS[provider!]!.filter((name) => typeof fields[name] !== "string");
    if (missing.length > 0) return { status: 400, code: "invalid", message: `The sign-in form needs ${missing.join(" and ")}.` };
  }
  return null;
}

function parseBody(contentType: string | null, body: string): { fields: Record<string, unknown> } | AuthRefusal {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return { fields: Object.fromEntries(new URLSearchParams(body)) };
  if (type === "application/json") {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return { status: 400, code: "invalid", message: "The request body is not valid JSON." };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { status: 400, code: "invalid", message: "The request body must be a JSON object." };
    return { fields: value as Record<string, unknown> };
  }
  return { status: 415, code: "invalid", message: "Send the form as application/x-www-form-urlencoded (or JSON)." };
}

/**
 * The body as text, reading at most `limit` bytes: null when it is larger (a declared
 * Content-Length over the limit is refused without reading anything).
 */
export async function readBodyWithin(request: Request, limit = AUTH_BODY_LIMIT_BYTES): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
