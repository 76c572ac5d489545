import { ZodError } from "zod";
import { DomainError, invalid, type ErrorCode, type Issue } from "@/lib/errors";

/**
 * The typed outcome of a server action: data, or an error with a stable code, a sentence for
 * people and, for validation errors, where the problem is (lib/errors).
 */

export type ActionError = { code: ErrorCode; message: string; issues?: Issue[] };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

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
