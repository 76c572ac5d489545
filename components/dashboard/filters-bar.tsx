"use client";

import { useState } from "react";
import { PRESETS, type Preset } from "@/lib/analytics/period";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/ui/cn";
import type { Filters } from "./filters";
import { ClientForm } from "@/components/ui/client-form";
import { ClientInput } from "@/components/ui/client-input";

const PRESET_LABELS: Record<Preset, string> = { today: "Today", "7d": "7 days", "30d": "30 days", "90d": "90 days" };

type Props = {
  shops: { slug: string; name: string }[];
  filters: Filters;
  /** The period the figures cover now (the first shop's local dates), shown in the date inputs. */
  shownFrom: string;
  shownTo: string;
  onChange(next: Filters): void;
};

/** Shop and period choices. Every change applies at once, except custom dates (Apply). */
export function FiltersBar({ shops, filters, shownFrom, shownTo, onChange }: Props) {
  const [from, setFrom] = useState(filters.from || shownFrom);
  const [to, setTo] = useState(filters.to || shownTo);
  const selected = filters.shops.length === 0 ? shops.map((s) => s.slug) : filters.shops;
  const toggleShop = (slug: string) => {
    const next = selected.includes(slug) ? selected.filter((s) => s !== slug) : [...selected, slug];
    if (next.length === 0) return; // at least one shop
    onChange({ ...filters, shops: next.length === shops.length ? [] : shops.map((s) => s.slug).filter((s) => next.includes(s)) });
  };
  const datesValid = from !== "" && to !== "" && from <= to;

  return (
    <div className="flex flex-col gap-4 rounded-3xl bg-white p-4 shadow-sm ring-1 ring-espresso/8 lg:flex-row lg:flex-wrap lg:items-end">
      {shops.length > 1 && (
        <fieldset className="min-w-0">
          <legend className="mb-1.5 text-sm font-semibold text-espresso/70">Shops</legend>
          <div className="flex flex-wrap gap-2">
            {shops.map((shop) => {
              const on = selected.includes(shop.slug);
              return (
                <label
                  key={shop.slug}
                  className={cn(
                    "inline-flex h-9 cursor-pointer items-center gap-2 rounded-full px-3.5 text-sm font-semibold ring-1",
                    on ? "bg-espresso text-foam ring-espresso" : "bg-white text-espresso ring-espresso/15 hover:bg-foam",
                  )}
                >
                  <input type="checkbox" className="size-4 accent-crema" checked={on} onChange={() => toggleShop(shop.slug)} />
                  {shop.name}
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      <div role="group" aria-label="Period" className="min-w-0">
        <p aria-hidden className="mb-1.5 text-sm font-semibold text-espresso/70">
          Period
        </p>
        <div className="flex flex-wrap gap-2">
          {(Object.keys(PRESETS) as Preset[]).map((p) => (
            <Button key={p} size="sm" variant={filters.range === p ? "primary" : "secondary"} aria-pressed={filters.range === p} onClick={() => onChange({ ...filters, range: p, from: "", to: "" })}>
              {PRESET_LABELS[p]}
            </Button>
          ))}
        </div>
      </div>
      <ClientForm
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (datesValid) onChange({ ...filters, range: null, from, to });
        }}
      >
        <label className="text-sm font-semibold text-espresso/70">
          From
          <ClientInput type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} className="mt-1 block h-9 rounded-xl bg-foam px-2 font-normal text-espresso ring-1 ring-espresso/15" />
        </label>
        <label className="text-sm font-semibold text-espresso/70">
          To
          <ClientInput type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} className="mt-1 block h-9 rounded-xl bg-foam px-2 font-normal text-espresso ring-1 ring-espresso/15" />
        </label>
        <Button type="submit" size="sm" variant={filters.range === null ? "primary" : "secondary"} disabled={!datesValid}>
          Apply dates
        </Button>
      </ClientForm>
    </div>
  );
}
