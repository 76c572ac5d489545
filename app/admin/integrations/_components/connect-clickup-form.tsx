"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { connectClickUpAction } from "../actions";
import { ShopPicker } from "./shop-picker";
import { useConnect } from "./use-connect";
import { ClientForm } from "@/components/ui/client-form";

/** Our task statuses and the ClickUp status each maps to by default (the connect form and a connection's card). */
export const CLICKUP_STATUSES = [
  { key: "OPEN", label: "Open is", fallback: "to do" },
  { key: "IN_PROGRESS", label: "In progress is", fallback: "in progress" },
  { key: "DONE", label: "Done is", fallback: "complete" },
  { key: "CANCELLED", label: "Cancelled is", fallback: "closed" },
] as const;

/** Connects a ClickUp list: the shops' tasks are kept in step with it, both ways for status. */
export function ConnectClickUpForm({ shops }: { shops: { id: string; name: string }[] }) {
  const { pending, error, issues, done, connect } = useConnect<{ id: string; queued: number }>();

  function submit(form: FormData) {
    connect(
      () =>
        connectClickUpAction({
          name: String(form.get("name") ?? ""),
          token: String(form.get("token") ?? ""),
          teamId: String(form.get("teamId") ?? ""),
          listId: String(form.get("listId") ?? ""),
          shopIds: form.getAll("shopIds").map(String),
          statuses: Object.fromEntries(CLICKUP_STATUSES.map((s) => [s.key, String(form.get(`status-${s.key}`) ?? "")])),
        }),
      ({ queued }) => `ClickUp connected: ${queued} open task${queued === 1 ? "" : "s"} on their way to the list.`,
    );
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-4 grid gap-4 rounded-2xl bg-white p-5 ring-1 ring-espresso/10 sm:grid-cols-2" noValidate aria-label="Connect ClickUp">
      <FormError message={error} />
      {done && (
        <p role="status" className="text-sm font-semibold text-emerald-800 sm:col-span-2">
          {done}
        </p>
      )}
      <Field id="clickup-name" name="name" label="Connection name" defaultValue="Shop tasks" error={issues.name} />
      <Field id="clickup-token" name="token" label="API token" type="password" autoComplete="off" placeholder="pk_…" error={issues.token} />
      <Field id="clickup-team" name="teamId" label="Workspace ID" inputMode="numeric" placeholder="9012345678" error={issues.teamId} />
      <Field id="clickup-list" name="listId" label="List ID" inputMode="numeric" placeholder="901234567890" error={issues.listId} />
      <fieldset className="grid gap-2 sm:col-span-2 sm:grid-cols-4">
        <legend className="text-sm font-semibold">Statuses in the list</legend>
        {CLICKUP_STATUSES.map((s) => (
          <Field key={s.key} id={`clickup-status-${s.key}`} name={`status-${s.key}`} label={s.label} defaultValue={s.fallback} error={issues[`statuses.${s.key}`]} />
        ))}
      </fieldset>
      <ShopPicker shops={shops} className="sm:col-span-2" />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Checking the list…" : "Connect ClickUp"}
      </Button>
    </ClientForm>
  );
}
