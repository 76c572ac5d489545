"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { fieldMessages } from "@/lib/actions/field-messages";

/** A connect form's round trip: the action's sentence and per-field issues on refusal, a note and a refresh on success. */
export function useConnect<T>() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  function connect(action: () => Promise<ActionResult<T>>, note: (data: T) => string) {
    startTransition(async () => {
      setDone(null);
      const result = await action();
      if (result.ok) {
        setError(null);
        setIssues({});
        setDone(note(result.data));
        router.refresh();
        return;
      }
      setError(result.error.message);
      setIssues(fieldMessages(result.error));
    });
  }

  return { pending, error, issues, done, connect };
}
