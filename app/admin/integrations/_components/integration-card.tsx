"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import type { ActionResult } from "@/lib/actions/result";
import { KIND_LABEL } from "@/lib/integrations/kinds";
import type { IntegrationView } from "@/lib/integrations/store";
import { changeClickUpStatusesAction, configureIntegrationAction, reauthorizeXAction, reconnectAction, removeIntegrationAction, sendTestAction, setPausedAction } from "../actions";
import { CLICKUP_STATUSES } from "./connect-clickup-form";
import { ShopPicker } from "./shop-picker";
import { ClientForm } from "@/components/ui/client-form";

/** What a broken connection asks for again, by kind. */
const RECONNECT_LABEL = { SLACK: "New bot token", CLICKUP: "New API token", MASTODON: "New access token", GOOGLE_SHEETS: "New service account key (JSON)", AIRTABLE: "New personal access token", X: "New access token" } as const;
const RECONNECT_PLACEHOLDER = { SLACK: "xoxb-…", CLICKUP: "pk_…", MASTODON: "", GOOGLE_SHEETS: "{ \"type\": \"service_account\", … }", AIRTABLE: "pat…", X: "" } as const;

type Option = { value: string; label: string };

type Props = { integration: IntegrationView & { shopNames: string[]; eventLabels: string[] }; shops: { id: string; name: string }[]; events: Option[] };

const TONE = { ACTIVE: "success", PAUSED: "neutral", BROKEN: "danger" } as const;
const LABEL = { ACTIVE: "Active", PAUSED: "Paused", BROKEN: "Needs a new token" } as const;

export function IntegrationCard({ integration: i, shops, events }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const clickUpStatuses = i.statuses ?? null;

  const run = (action: () => Promise<ActionResult<unknown>>, done: string) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? null : result.error.message);
      setNote(result.ok ? done : null);
      router.refresh();
    });

  return (
    <article className="rounded-2xl bg-white p-5 ring-1 ring-espresso/10" aria-label={`${KIND_LABEL[i.kind]}: ${i.name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-lg font-semibold">
          {KIND_LABEL[i.kind]} · {i.name}
        </h3>
        <Badge tone={TONE[i.status]}>{LABEL[i.status]}</Badge>
      </div>
      <p className="mt-1 text-sm text-espresso/70">
        {i.channel}
        {i.connectedAs ? ` · ${i.connectedAs}` : ""} · {i.shopNames.length === 0 ? "every shop" : i.shopNames.join(", ")}
      </p>
      <p className="text-sm text-espresso/70">{i.eventLabels.join(" · ")}</p>
      <p className="text-sm text-espresso/70">
        {i.pending} waiting · {i.dead} failed for good
      </p>
      {i.statusReason && (
        <p role="alert" className="mt-2 rounded-xl bg-red-50 p-3 text-sm text-red-800">
          {i.statusReason}
        </p>
      )}
      <FormError message={error} />
      {note && (
        <p role="status" className="mt-2 text-sm font-semibold text-emerald-800">
          {note}
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={pending || i.status !== "ACTIVE"} onClick={() => run(() => sendTestAction(i.id), "Test queued: watch the delivery log.")}>
          Send a test
        </Button>
        {i.status !== "BROKEN" && (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => setPausedAction(i.id, i.status === "ACTIVE"), i.status === "ACTIVE" ? "Paused." : "Resumed.")}>
            {i.status === "ACTIVE" ? "Pause" : "Resume"}
          </Button>
        )}
        <Button size="sm" variant="danger" disabled={pending} onClick={() => confirm(`Remove "${i.name}" and its delivery log?`) && run(() => removeIntegrationAction(i.id), "Removed.")}>
          Remove
        </Button>
      </div>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-semibold">Change label, shops{i.kind === "SLACK" ? " and messages" : ""}</summary>
        <ClientForm
          aria-label={`Change ${i.name}`}
          className="mt-2 grid gap-3"
          noValidate
          onSubmit={keepInputOnSubmit((form) =>
            run(
              () => configureIntegrationAction(i.id, { name: String(form.get("name") ?? ""), shopIds: form.getAll("shopIds").map(String), ...(i.kind === "SLACK" ? { channel: String(form.get("channel") ?? ""), events: form.getAll("events").map(String) } : {}) }),
              "Saved: it applies to what happens from now on.",
            ),
          )}
        >
          <Field id={`label-${i.id}`} name="name" label="Label" defaultValue={i.name} />
          {i.kind === "SLACK" && <Field id={`channel-${i.id}`} name="channel" label="Channel" defaultValue={i.channel} hint="New posts go here; the bot must be in the channel." />}
          {i.kind === "SLACK" && (
            <fieldset className="grid gap-1.5">
              <legend className="text-sm font-semibold">Messages</legend>
              {events.map((e) => (
                <label key={e.value} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="events" value={e.value} defaultChecked={i.events.includes(e.value)} />
                  {e.label}
                </label>
              ))}
            </fieldset>
          )}
          <ShopPicker shops={shops} checked={i.shopIds} />
          <Button size="sm" type="submit" disabled={pending} className="justify-self-start">
            Save changes
          </Button>
        </ClientForm>
      </details>
      {clickUpStatuses && (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-semibold">Change statuses in ClickUp</summary>
          <ClientForm
            aria-label={`Statuses of ${i.name}`}
            className="mt-2 grid gap-3 sm:grid-cols-4"
            noValidate
            onSubmit={keepInputOnSubmit((form) =>
              run(
                () => changeClickUpStatusesAction(i.id, Object.fromEntries(CLICKUP_STATUSES.map((s) => [s.key, String(form.get(`status-${s.key}`) ?? "")]))),
                "Saved: the open tasks move to these statuses in ClickUp.",
              ),
            )}
          >
            {CLICKUP_STATUSES.map((s) => (
              <Field key={s.key} id={`status-${s.key}-${i.id}`} name={`status-${s.key}`} label={s.label} defaultValue={clickUpStatuses[s.key]} />
            ))}
            <Button size="sm" type="submit" disabled={pending} className="justify-self-start">
              Save statuses
            </Button>
          </ClientForm>
        </details>
      )}
      {i.status === "BROKEN" && i.renewable && (
        <Button
          size="sm"
          type="button"
          className="mt-3"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await reauthorizeXAction(i.id);
              if (result.ok) window.location.assign(result.data.url);
              else setError(result.error.message);
            })
          }
        >
          Connect with X again
        </Button>
      )}
      {i.status === "BROKEN" && (
        <ClientForm className="mt-3 flex flex-wrap items-end gap-2" onSubmit={keepInputOnSubmit((form) => run(() => reconnectAction(i.id, String(form.get("token") ?? "")), "Reconnected: held messages are on their way."))}>
          <Field id={`reconnect-${i.id}`} name="token" label={RECONNECT_LABEL[i.kind]} type="password" autoComplete="off" placeholder={RECONNECT_PLACEHOLDER[i.kind]} />
          <Button size="sm" type="submit" disabled={pending}>
            Reconnect
          </Button>
        </ClientForm>
      )}
    </article>
  );
}
