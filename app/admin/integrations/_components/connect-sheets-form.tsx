"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { connectSheetsAction } from "../actions";
import { ShopPicker } from "./shop-picker";
import { useConnect } from "./use-connect";
import { ClientForm } from "@/components/ui/client-form";

/** Connect a Google spreadsheet: its address, a service account key (checked with Google), and which shops' days it receives. */
export function ConnectSheetsForm({ shops }: { shops: { id: string; name: string }[] }) {
  const { pending, error, issues, done, connect } = useConnect<{ id: string }>();

  function submit(form: FormData) {
    connect(
      () =>
        connectSheetsAction({
          name: String(form.get("name") ?? ""),
          spreadsheet: String(form.get("spreadsheet") ?? ""),
          key: String(form.get("key") ?? ""),
          shopIds: form.getAll("shopIds").map(String),
        }),
      () => "Google Sheets connected: each shop's day is written after its midnight.",
    );
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect Google Sheets">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <Field id="sheets-name" name="name" label="Label" defaultValue="Daily sales and stock" error={issues.name} />
      <Field id="sheets-spreadsheet" name="spreadsheet" label="Spreadsheet address" placeholder="https://docs.google.com/spreadsheets/d/…" error={issues.spreadsheet} />
      <Field id="sheets-key" name="key" label="Service account key (JSON)" type="password" autoComplete="off" className="sm:col-span-2" hint="Paste the whole key file; share the spreadsheet with the account's client_email as an Editor." error={issues.key} />
      <ShopPicker shops={shops} legend="Write the days of (none ticked: every shop)" className="sm:col-span-2" />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Checking with Google…" : "Connect Google Sheets"}
      </Button>
    </ClientForm>
  );
}
