"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { connectAirtableAction } from "../actions";
import { ShopPicker } from "./shop-picker";
import { useConnect } from "./use-connect";
import { ClientForm } from "@/components/ui/client-form";

/** Connect an Airtable base: its address, a personal access token (checked with Airtable, the tables made), and which shops' menus it mirrors. */
export function ConnectAirtableForm({ shops }: { shops: { id: string; name: string }[] }) {
  const { pending, error, issues, done, connect } = useConnect<{ id: string; prepared: string[] }>();

  function submit(form: FormData) {
    connect(
      () =>
        connectAirtableAction({
          name: String(form.get("name") ?? ""),
          base: String(form.get("base") ?? ""),
          token: String(form.get("token") ?? ""),
          shopIds: form.getAll("shopIds").map(String),
        }),
      (result) => `Airtable connected${result.prepared.length > 0 ? ` (${result.prepared.join("; ")})` : ""}: the menu is being mirrored, and every menu change follows.`,
    );
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect Airtable">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <Field id="airtable-name" name="name" label="Label" defaultValue="Menu and recipes" error={issues.name} />
      <Field id="airtable-base" name="base" label="Base address" placeholder="https://airtable.com/app…" error={issues.base} />
      <Field id="airtable-token" name="token" label="Personal access token" type="password" autoComplete="off" placeholder="pat…" className="sm:col-span-2" hint="Scopes data.records:read, data.records:write, schema.bases:read, schema.bases:write, with access to this base." error={issues.token} />
      <ShopPicker shops={shops} legend="Mirror the menus of (none ticked: every shop)" className="sm:col-span-2" />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Checking with Airtable…" : "Connect Airtable"}
      </Button>
    </ClientForm>
  );
}
