"use client";

import { Button } from "@/components/ui/button";
import { ClientForm } from "@/components/ui/client-form";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { startXAuthorizationAction } from "../actions";
import { ShopPicker } from "./shop-picker";
import { useConnect } from "./use-connect";

/**
 * Connect an X account through X's consent page (OAuth 2.0 with PKCE): the X app's client ID, then
 * X asks the account's owner and sends them back; the tokens renew themselves from then on.
 */
export function AuthorizeXForm({ shops, defaultApiUrl, callbackUrl }: { shops: { id: string; name: string }[]; defaultApiUrl: string; callbackUrl: string }) {
  const { pending, error, issues, done, connect } = useConnect<{ url: string }>();

  function submit(form: FormData) {
    connect(
      () =>
        startXAuthorizationAction({
          name: String(form.get("name") ?? ""),
          apiUrl: String(form.get("apiUrl") ?? ""),
          clientId: String(form.get("clientId") ?? ""),
          shopIds: form.getAll("shopIds").map(String),
        }),
      ({ url }) => {
        window.location.assign(url);
        return "Opening X…";
      },
    );
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect with X">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <p className="text-sm text-espresso/70 sm:col-span-2">
        In the X app&apos;s settings: type &ldquo;Native App&rdquo; (a public client), callback URI <code className="font-mono break-all">{callbackUrl}</code>.
      </p>
      <Field id="x-auth-name" name="name" label="Label" defaultValue="Go Coffee on X" error={issues.name} />
      <Field id="x-auth-api" name="apiUrl" label="API base URL" defaultValue={defaultApiUrl} error={issues.apiUrl} />
      <Field id="x-client-id" name="clientId" label="Client ID" autoComplete="off" className="sm:col-span-2" error={issues.clientId} />
      <ShopPicker shops={shops} legend="Publish posts of (none ticked: every shop)" className="sm:col-span-2" />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Opening X…" : "Continue to X"}
      </Button>
    </ClientForm>
  );
}
