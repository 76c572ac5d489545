import { ZodError } from "zod";
import { DomainError, HTTP_STATUS, invalid, RateLimited } from "@/lib/errors";
import { childLogger } from "@/lib/log";

/**
 * JSON responses for route handlers. Errors are `{ error: { code, message, issues? } }` with a
 * 4xx status that matches the code; an unexpected error is logged and answered with a 500 that
 * reveals nothing.
 */

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) error = invalid(error);
  if (error instanceof DomainError) {
    const headers: Record<string, string> = error instanceof RateLimited ? { "retry-after": String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) } : {};
    return json({ error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } }, HTTP_STATUS[error.code], headers);
  }
  childLogger("http").error({ err: error }, "unhandled error in route handler");
  return json({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } }, 500);
}

/** The request's JSON body, or a 400-worthy DomainError for a body that is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new DomainError("invalid", "Send the body as JSON with Content-Type: application/json.");
  try {
    return await request.json();
  } catch {
    throw new MalformedJson();
  }
}

export class MalformedJson extends DomainError {
  constructor() {
    super("invalid", "The request body is not valid JSON.");
  }
}

/** 400 for unparseable bodies, else as errorResponse. */
export function requestErrorResponse(error: unknown): Response {
  if (error instanceof MalformedJson) return json({ error: { code: "invalid", message: error.message } }, 400);
  return errorResponse(error);
}
