"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { connectMastodonAction } from "../actions";
import { ShopPicker } from "./shop-picker";
import { useConnect } from "./use-connect";
import { ClientForm } from "@/components/ui/client-form";

/** Connect a Mastodon account: its instance, an access token (checked with verify_credentials), and which shops' posts it publishes. */
export function ConnectMastodonForm({ shops }: { shops: { id: string; name: string }[] }) {
  const { pending, error, issues, done, connect } = useConnect<{ id: string }>();

  function submit(form: FormData) {
    connect(
      () =>
        connectMastodonAction({
          name: String(form.get("name") ?? ""),
          instanceUrl: String(form.get("instanceUrl") ?? ""),
          token: String(form.get("token") ?? ""),
          shopIds: form.getAll("shopIds").map(String),
        }),
      () => "Mastodon connected.",
    );
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect Mastodon">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <Field id="mastodon-name" name="name" label="Label" defaultValue="Go Coffee on Mastodon" error={issues.name} />
      <Field id="mastodon-instance" name="instanceUrl" label="Instance URL" placeholder="https://mastodon.social" error={issues.instanceUrl} />
      <Field id="mastodon-token" name="token" label="Access token" type="password" autoComplete="off" className="sm:col-span-2" error={issues.token} />
      <ShopPicker shops={shops} legend="Publish posts of (none ticked: every shop)" className="sm:col-span-2" />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Checking the token…" : "Connect Mastodon"}
      </Button>
    </ClientForm>
  );
}
