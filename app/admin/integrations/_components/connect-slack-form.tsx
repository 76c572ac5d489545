"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { connectSlackAction } from "../actions";
import { ShopPicker } from "./shop-picker";
import { useConnect } from "./use-connect";
import { ClientForm } from "@/components/ui/client-form";

type Option = { value: string; label: string };

export function ConnectSlackForm({ shops, events }: { shops: { id: string; name: string }[]; events: Option[] }) {
  const { pending, error, issues, done, connect } = useConnect<{ id: string }>();

  function submit(form: FormData) {
    connect(
      () =>
        connectSlackAction({
          name: String(form.get("name") ?? ""),
          token: String(form.get("token") ?? ""),
          channel: String(form.get("channel") ?? ""),
          shopIds: form.getAll("shopIds").map(String),
          events: form.getAll("events").map(String),
        }),
      () => "Slack connected.",
    );
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect Slack">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <Field id="slack-name" name="name" label="Name" defaultValue="Operations" error={issues.name} />
      <Field id="slack-channel" name="channel" label="Channel" placeholder="#coffee-ops" error={issues.channel} />
      <Field id="slack-token" name="token" label="Bot token" type="password" autoComplete="off" placeholder="xoxb-…" className="sm:col-span-2" error={issues.token} />
      <fieldset className="grid gap-1.5">
        <legend className="text-sm font-semibold">Messages</legend>
        {events.map((e) => (
          <label key={e.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="events" value={e.value} defaultChecked />
            {e.label}
          </label>
        ))}
        {issues.events && <p className="text-sm text-red-700">{issues.events}</p>}
      </fieldset>
      <ShopPicker shops={shops} />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Checking the token…" : "Connect Slack"}
      </Button>
    </ClientForm>
  );
}
