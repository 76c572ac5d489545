import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fieldMessages } from "@/lib/actions/field-messages";
import type { ActionResult } from "@/lib/actions/result";

/** A button's server action: pending while it runs, its refusal's message, the page refreshed on success. */
export function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? null : result.error.message);
      if (result.ok) router.refresh();
    });
  return { pending, error, run };
}

/**
 * A settings form's save (the guard's limits, the cash policy): field errors from a refusal, or a
 * status line saying what changed ("No change." when nothing did), and the page refreshed.
 */
export function useSettingsForm<T>(save: (values: T) => Promise<ActionResult<{ summary: string | null }>>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const submit = (values: T) =>
    startTransition(async () => {
      const r = await save(values);
      if (!r.ok) {
        setErrors(fieldMessages(r.error));
        setStatus(r.error.issues?.length ? null : r.error.message);
        return;
      }
      setErrors({});
      setStatus(r.data.summary ? `Saved. ${r.data.summary}.` : "No change.");
      router.refresh();
    });
  return { pending, errors, status, submit };
}
