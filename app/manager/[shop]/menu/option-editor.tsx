"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { EditableOption } from "@/lib/catalog/edit-menu";
import { formatDelta, parseSignedCents } from "@/lib/ui/money";
import { updateOptionAction } from "../actions";
import { InlineStatus, type RowStatus } from "./inline-status";
import { ClientInput } from "@/components/ui/client-input";

export type OptionGroupRow = { id: string; name: string; options: EditableOption[] };

/** Every option group once, each option with its availability and price difference here. */
export function OptionEditor({ shopSlug, groups }: { shopSlug: string; groups: OptionGroupRow[] }) {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2">
      {groups.map((g) => (
        <fieldset key={g.id} className="rounded-2xl bg-white p-4 ring-1 ring-espresso/10">
          <legend className="px-1 text-sm font-semibold">{g.name}</legend>
          <ul className="grid gap-2">
            {g.options.map((o) => (
              <OptionRow key={o.id} shopSlug={shopSlug} option={o} />
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}


function OptionRow({ shopSlug, option }: { shopSlug: string; option: EditableOption }) {
  const [saved, setSaved] = useState({ delta: option.priceDeltaCents, available: option.available });
  const [delta, setDelta] = useState((option.priceDeltaCents / 100).toFixed(2));
  const [available, setAvailable] = useState(option.available);
  const [status, setStatus] = useState<RowStatus>(null);
  const [pending, startTransition] = useTransition();
  const cents = parseSignedCents(delta);
  const dirty = cents !== saved.delta || available !== saved.available;

  function save() {
    if (cents === null) return setStatus({ error: "Enter an amount like 0.70." });
    startTransition(async () => {
      const result = await updateOptionAction(shopSlug, { optionId: option.id, priceDeltaCents: cents, available });
      if (!result.ok) return setStatus({ error: result.error.message });
      setSaved({ delta: cents, available });
      setStatus("saved");
    });
  }

  return (
    <li className="flex flex-wrap items-center gap-2 text-sm">
      <label className="inline-flex min-w-32 flex-1 items-center gap-2">
        <input type="checkbox" checked={available} onChange={(e) => (setAvailable(e.target.checked), setStatus(null))} className="size-4 accent-espresso" />
        {option.name}
        <span className="sr-only"> is available</span>
      </label>
      <label className="sr-only" htmlFor={`delta-${option.id}`}>
        Extra charge for {option.name}
      </label>
      <ClientInput
        id={`delta-${option.id}`}
        inputMode="decimal"
        value={delta}
        title={option.catalogDeltaCents !== saved.delta ? `Catalog: ${formatDelta(option.catalogDeltaCents) || "no extra charge"}` : undefined}
        onChange={(e) => (setDelta(e.target.value), setStatus(null))}
        className="h-8 w-16 rounded-lg bg-white px-1.5 ring-1 ring-espresso/15 outline-none focus:ring-2 focus:ring-crema"
      />
      <Button size="sm" variant="ghost" disabled={!dirty || pending} onClick={save} aria-label={`Save ${option.name}`}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <InlineStatus status={status} />
    </li>
  );
}
