import type { ActionError } from "./result";

/**
 * A form's field messages from a refused action: field name → message, by the issue's first path
 * segment ("hours.3.opens" → "hours"); the first message per field wins. Browser-safe (types only).
 */
export function fieldMessages(error: ActionError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues ?? []) fields[issue.path.split(".")[0] ?? ""] ??= issue.message;
  return fields;
}
