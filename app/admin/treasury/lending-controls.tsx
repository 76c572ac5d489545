"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { decideLendingMoveAction, saveCashPolicyAction } from "./actions";
import { useAction, useSettingsForm } from "./action-hooks";
import { ClientForm } from "@/components/ui/client-form";

/** Approve or reject the open lending proposal. */
export function LendingDecision({ id }: { id: string }) {
  const { pending, error, run } = useAction();
  const decide = (approve: boolean) => run(() => decideLendingMoveAction(id, approve));
  return (
    <div className="mt-2 flex gap-2">
      <Button size="sm" disabled={pending} onClick={() => decide(true)}>Approve move</Button>
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => decide(false)}>Reject move</Button>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

/**
 * Days of operating cash kept in the wallet and what a day costs, and the WETH kept (blank: WETH is
 * not lent); the rest of each is proposed for lending.
 */
export function CashPolicyForm({ cashDays, dailyCashUsd, wethToKeep }: { cashDays: number; dailyCashUsd: number; wethToKeep: string }) {
  const { pending, errors, status, submit } = useSettingsForm(saveCashPolicyAction);
  const [values, setValues] = useState({ cashDays: String(cashDays), dailyCashUsd: String(dailyCashUsd), wethToKeep });
  return (
    <ClientForm
      aria-label="Cash policy"
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit(values);
      }}
    >
      <Field id="cash-days" name="cashDays" label="Days of cash to keep" inputMode="numeric" value={values.cashDays} error={errors.cashDays} onChange={(e) => setValues((v) => ({ ...v, cashDays: e.target.value }))} />
      <Field id="cash-daily" name="dailyCashUsd" label="Operating cash per day (USD)" inputMode="numeric" value={values.dailyCashUsd} error={errors.dailyCashUsd} onChange={(e) => setValues((v) => ({ ...v, dailyCashUsd: e.target.value }))} />
      <Field id="weth-keep" name="wethToKeep" label="WETH to keep (blank: lend no WETH)" inputMode="decimal" value={values.wethToKeep} error={errors.wethToKeep} onChange={(e) => setValues((v) => ({ ...v, wethToKeep: e.target.value }))} />
      <Button type="submit" disabled={pending}>Save cash policy</Button>
      {status && <p role="status" className="w-full text-sm">{status}</p>}
    </ClientForm>
  );
}
