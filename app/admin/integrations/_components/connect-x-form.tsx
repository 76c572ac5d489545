"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { connectXAction } from "../actions";
import { ShopPicker } from "./shop-picker";
import { useConnect } from "./use-connect";
import { ClientForm } from "@/components/ui/client-form";

/** Connect an X account: the API's address (X's own, or a local stand-in), an OAuth 2.0 user access token (checked with GET /2/users/me), and which shops' posts it publishes. */
export function ConnectXForm({ shops, defaultApiUrl }: { shops: { id: string; name: string }[]; defaultApiUrl: string }) {
  const { pending, error, issues, done, connect } = useConnect<{ id: string }>();

  function submit(form: FormData) {
    connect(
      () =>
        connectXAction({
          name: String(form.get("name") ?? ""),
          apiUrl: String(form.get("apiUrl") ?? ""),
          token: String(form.get("token") ?? ""),
          shopIds: form.getAll("shopIds").map(String),
        }),
      () => "X connected.",
    );
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect X">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <Field id="x-name" name="name" label="Label" defaultValue="Go Coffee on X" error={issues.name} />
      <Field id="x-api" name="apiUrl" label="API base URL" defaultValue={defaultApiUrl} error={issues.apiUrl} />
      <Field id="x-token" name="token" label="Access token" type="password" autoComplete="off" className="sm:col-span-2" error={issues.token} />
      <ShopPicker shops={shops} legend="Publish posts of (none ticked: every shop)" className="sm:col-span-2" />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Checking the token…" : "Connect X"}
      </Button>
    </ClientForm>
  );
}
