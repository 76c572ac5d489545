import type { ZodError } from "zod";

/**
 * The errors domain code throws for failures the caller can act on (bad input, closed shop, sold
 * out, refused access), with a stable code, a sentence for people and, for validation errors,
 * where the problem is. Route handlers turn them into 4xx responses (lib/http/responses.ts),
 * server actions into `{ ok: false }` results (lib/actions/result.ts), workers into dead letters
 * or retries. Anything else thrown is a bug.
 */

export type ErrorCode = "invalid" | "not_found" | "closed" | "unavailable" | "conflict" | "forbidden" | "unauthenticated" | "rate_limited" | "internal";

export type Issue = { path: string; message: string };

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

/** A zod validation failure as a DomainError("invalid"), its first issue as the sentence. */
export function invalid(error: ZodError): DomainError {
  const issues = issuesOf(error);
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "invalid input";
  return new DomainError("invalid", issues.length > 1 ? `${message} (and ${issues.length - 1} more)` : message, issues);
}
