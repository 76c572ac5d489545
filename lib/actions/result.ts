import { ZodError } from "zod";

/**
 * The typed outcome of a server action or a domain operation: data, or an error with a stable
 * code, a sentence for people and, for validation errors, where the problem is.
 */

export type ErrorCode = "invalid" | "not_found" | "closed" | "unavailable" | "conflict" | "forbidden" | "unauthenticated" | "rate_limited" | "internal";

export type Issue = { path: string; message: string };
export type ActionError = { code: ErrorCode; message: string; issues?: Issue[] };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** A failure the caller can act on (bad input, closed shop, sold out…), never a crash. */
export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

/** Refused by a rate limit: says when to come back (route handlers send it as Retry-After). */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super("rate_limited", message);
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 422,
  not_found: 404,
  closed: 409,
  unavailable: 409,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  internal: 500,
};

export function issuesOf(error: ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

export function invalid(error: ZodError): DomainError {
  const issues = issuesOf(error);
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "invalid input";
  return new DomainError("invalid", issues.length > 1 ? `${message} (and ${issues.length - 1} more)` : message, issues);
}

/** Turns a thrown DomainError or ZodError into a result; anything else is a bug and rethrown. */
export function toResult<T>(error: unknown): ActionResult<T> {
  if (error instanceof ZodError) error = invalid(error);
  if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
  throw error;
}

/**
 * The one wrapper for server actions: runs the operation and returns a typed result; domain and
 * validation errors become `{ ok: false }`, anything else is a bug and propagates (logged by Next).
 */
export async function runAction<T>(operation: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await operation() };
  } catch (error) {
    return toResult(error);
  }
}
