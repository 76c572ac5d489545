"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldMessages } from "@/lib/actions/field-messages";
import { decideLendingMoveAction, saveCashPolicyAction } from "./actions";

/** Approve or reject the open lending proposal. */
export function LendingDecision({ id }: { id: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const decide = (approve: boolean) =>
    startTransition(async () => {
      const r = await decideLendingMoveAction(id, approve);
      setError(r.ok ? null : r.error.message);
      if (r.ok) router.refresh();
    });
  return (
    <div className="mt-2 flex gap-2">
      <Button size="sm" disabled={pending} onClick={() => decide(true)}>Approve move</Button>
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => decide(false)}>Reject move</Button>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

/** Days of operating cash kept in the wallet and what a day costs; the rest is proposed for lending. */
export function CashPolicyForm({ cashDays, dailyCashUsd }: { cashDays: number; dailyCashUsd: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [values, setValues] = useState({ cashDays: String(cashDays), dailyCashUsd: String(dailyCashUsd) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  return (
    <form
      aria-label="Cash policy"
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await saveCashPolicyAction(values);
          if (!r.ok) {
            setErrors(fieldMessages(r.error));
            setStatus(r.error.issues?.length ? null : r.error.message);
            return;
          }
          setErrors({});
          setStatus(r.data.summary ? `Saved. ${r.data.summary}.` : "No change.");
          router.refresh();
        });
      }}
    >
      <Field id="cash-days" name="cashDays" label="Days of cash to keep" inputMode="numeric" value={values.cashDays} error={errors.cashDays} onChange={(e) => setValues((v) => ({ ...v, cashDays: e.target.value }))} />
      <Field id="cash-daily" name="dailyCashUsd" label="Operating cash per day (USD)" inputMode="numeric" value={values.dailyCashUsd} error={errors.dailyCashUsd} onChange={(e) => setValues((v) => ({ ...v, dailyCashUsd: e.target.value }))} />
      <Button type="submit" disabled={pending}>Save cash policy</Button>
      {status && <p role="status" className="w-full text-sm">{status}</p>}
    </form>
  );
}
