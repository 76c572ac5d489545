import type { ZodError } from "zod";
import { type ActionError } from "@/lib/actions/result";
import { issuesOf } from "@/lib/errors";

/** The name a customer ordered under last time, to fill in the next checkout. */
const KEY = "gocoffee:customer-name";

export function savedName(): string {
  try {
    return window.localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberName(name: string): void {
  try {
    window.localStorage.setItem(KEY, name);
  } catch {
    // Only a convenience.
  }
}

/** Client-side validation failures in the shape the server uses. */
export function issuesOfParse(error: ZodError): Pick<ActionError, "message" | "issues"> {
  const issues = issuesOf(error);
  return { message: issues.length === 1 ? (issues[0]?.message ?? "Please check the form") : "Please check the form", issues };
}
