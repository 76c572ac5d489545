"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { connectMastodonAction } from "../actions";

/** Connect a Mastodon account: its instance, an access token (checked with verify_credentials), and which shops' posts it publishes. */
export function ConnectMastodonForm({ shops }: { shops: { id: string; name: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  function submit(form: FormData) {
    startTransition(async () => {
      setDone(null);
      const result = await connectMastodonAction({
        name: String(form.get("name") ?? ""),
        instanceUrl: String(form.get("instanceUrl") ?? ""),
        token: String(form.get("token") ?? ""),
        shopIds: form.getAll("shopIds").map(String),
      });
      if (result.ok) {
        setError(null);
        setIssues({});
        setDone("Mastodon connected.");
        router.refresh();
        return;
      }
      setError(result.error.message);
      setIssues(Object.fromEntries((result.error.issues ?? []).map((i) => [i.path, i.message])));
    });
  }

  return (
    <form onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect Mastodon">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <Field id="mastodon-name" name="name" label="Label" defaultValue="Go Coffee on Mastodon" error={issues.name} />
      <Field id="mastodon-instance" name="instanceUrl" label="Instance URL" placeholder="https://mastodon.social" error={issues.instanceUrl} />
      <Field id="mastodon-token" name="token" label="Access token" type="password" autoComplete="off" className="sm:col-span-2" error={issues.token} />
      <fieldset className="grid gap-1.5 sm:col-span-2">
        <legend className="text-sm font-semibold">Publish posts of (none ticked: every shop)</legend>
        <div className="grid max-h-48 gap-1.5 overflow-y-auto">
          {shops.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="shopIds" value={s.id} />
              {s.name}
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Checking the token…" : "Connect Mastodon"}
      </Button>
    </form>
  );
}
