"use client";

import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import type { ShopSettings } from "@/lib/shops/settings";
import { parseCents, parsePercentBps } from "@/lib/ui/money";
import { updateSettingsAction } from "../actions";
import { fieldMessages } from "@/lib/actions/field-messages";
import { ClientForm } from "@/components/ui/client-form";
import { ClientInput } from "@/components/ui/client-input";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];


const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);

export function SettingsForm({ shopSlug, timezone, initial }: { shopSlug: string; timezone: string; initial: ShopSettings }) {
  const [pending, startTransition] = useTransition();
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [hours, setHours] = useState(initial.hours);

  function submit(form: FormData) {
    const text = (name: string) => String(form.get(name) ?? "");
    const local: Record<string, string> = {};
    const taxRateBps = parsePercentBps(text("taxRate"));
    if (taxRateBps === null) local.taxRateBps = "Enter a percentage like 8.88 (two decimals at most).";
    const targetMarginBps = parsePercentBps(text("targetMargin"));
    if (targetMarginBps === null) local.targetMarginBps = "Enter a percentage like 70 (two decimals at most).";
    const fastLane = parseCents(text("fastLane"));
    if (fastLane === null) local.fastLaneMaxCents = "Enter an amount like 10.00.";
    setIssues(local);
    if (Object.keys(local).length > 0) return;
    startTransition(async () => {
      const result = await updateSettingsAction(shopSlug, {
        taxRateBps,
        receivingWallet: text("receivingWallet").trim() || null,
        requiredConfirmations: int(text("requiredConfirmations")),
        fastLaneMaxCents: fastLane,
        basePrepMinutes: int(text("basePrepMinutes")),
        targetMarginBps,
        hours,
      });
      if (result.ok) {
        setMessage({ ok: true, text: "Settings saved." });
        setIssues({});
      } else {
        setMessage({ ok: false, text: result.error.message });
        setIssues(fieldMessages(result.error));
      }
    });
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="grid max-w-2xl gap-6" noValidate>
      {message?.ok ? (
        <p role="status" className="rounded-xl bg-emerald-50 px-3.5 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-700/15">
          {message.text}
        </p>
      ) : (
        <FormError message={message?.text} />
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-xl font-bold">Prices and preparation</legend>
        <Field id="taxRate" name="taxRate" label="Sales tax (%)" inputMode="decimal" defaultValue={(initial.taxRateBps / 100).toString()} error={issues.taxRateBps} />
        <Field id="basePrepMinutes" name="basePrepMinutes" label="Base prep time (minutes)" inputMode="numeric" defaultValue={String(initial.basePrepMinutes)} error={issues.basePrepMinutes} />
        <Field id="targetMargin" name="targetMargin" label="Target margin for new drinks (%)" inputMode="decimal" defaultValue={(initial.targetMarginBps / 100).toString()} error={issues.targetMarginBps} hint="The beverage inventor prices its proposals so ingredients cost at most the rest." />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-xl font-bold">Crypto payments</legend>
        <Field id="receivingWallet" name="receivingWallet" label="Receiving wallet address" className="sm:col-span-2" placeholder="0x…" spellCheck={false} defaultValue={initial.receivingWallet ?? ""} error={issues.receivingWallet} hint="Payments for this shop are forwarded here. Leave empty to turn crypto off." />
        <Field id="requiredConfirmations" name="requiredConfirmations" label="Required confirmations" inputMode="numeric" defaultValue={String(initial.requiredConfirmations)} error={issues.requiredConfirmations} />
        <Field id="fastLane" name="fastLane" label="Fast lane up to ($)" inputMode="decimal" defaultValue={(initial.fastLaneMaxCents / 100).toFixed(2)} error={issues.fastLaneMaxCents} hint="Smaller orders join the queue as soon as their payment is seen." />
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-xl font-bold">Opening hours</legend>
        <p className="mb-3 text-sm text-espresso/70">In the shop’s time zone ({timezone}). A closing time before the opening time runs past midnight; 00:00 to 00:00 is open all day.</p>
        {issues.hours ? (
          <p role="alert" className="mb-2 text-sm text-red-700">
            {issues.hours}
          </p>
        ) : null}
        <div className="grid gap-2">
          {hours.map((day, index) => {
            const set = (change: Partial<typeof day>) => setHours((all) => all.map((d, i) => (i === index ? { ...d, ...change } : d)));
            const name = WEEKDAYS[day.weekday];
            return (
              <div key={day.weekday} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="w-24 font-semibold">{name}</span>
                <label className="inline-flex items-center gap-1.5">
                  <input type="checkbox" checked={day.closed} onChange={(e) => set({ closed: e.target.checked })} className="size-4 accent-espresso" />
                  Closed<span className="sr-only"> on {name}</span>
                </label>
                <label className="inline-flex items-center gap-1.5">
                  <span className="sr-only">{name} opens at</span>
                  <ClientInput type="time" value={day.opens} disabled={day.closed} onChange={(e) => set({ opens: e.target.value })} className="h-9 rounded-lg bg-white px-2 ring-1 ring-espresso/15 disabled:opacity-40" />
                </label>
                <span aria-hidden>–</span>
                <label className="inline-flex items-center gap-1.5">
                  <span className="sr-only">{name} closes at</span>
                  <ClientInput type="time" value={day.closes} disabled={day.closed} onChange={(e) => set({ closes: e.target.value })} className="h-9 rounded-lg bg-white px-2 ring-1 ring-espresso/15 disabled:opacity-40" />
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </ClientForm>
  );
}
