import type { ActionError } from "@/lib/actions/result";
import type { Issue } from "@/lib/errors";
import { sentence } from "@/components/ui/sentence";

/** Fields of the checkout form that show their own message; everything else goes in the summary. */
export type CheckoutField = "customerName" | "notes" | "tip" | "pickupAt" | "receiptEmail";

/** message: "" when the fields say it all. */
export type CheckoutErrors = { message: string; fields: Partial<Record<CheckoutField, string>>; others: string[] };

const FIELDS: readonly CheckoutField[] = ["customerName", "notes", "tip", "pickupAt", "receiptEmail"];

export function checkoutErrors(error: Pick<ActionError, "message" | "issues">): CheckoutErrors {
  const issues: Issue[] = error.issues ?? [];
  const fields: CheckoutErrors["fields"] = {};
  const others: string[] = [];
  for (const issue of issues) {
    const field = FIELDS.find((f) => issue.path === f || issue.path.startsWith(`${f}.`));
    if (field) fields[field] ??= sentence(issue.message);
    else others.push(sentence(issue.message));
  }
  let message = sentence(error.message.replace(/^(customerName|notes): /, ""));
  // A message that a field already shows is not repeated above the form.
  if (Object.values(fields).includes(message)) message = "";
  return { message, fields, others: [...new Set(others)].filter((m) => m !== message) };
}
