"use client";

import { useId } from "react";
import type { Station } from "@/lib/catalog/types";
import type { PickupOptions } from "@/lib/orders/schedule/capacity";
import { roomFor } from "@/lib/orders/schedule/slots";
import { cn } from "@/lib/ui/cn";
import { ClientSelect } from "@/components/ui/client-select";

/** "" = as soon as possible; otherwise a slot's start (ISO). */
export type PickupChoice = string;

/**
 * "As soon as possible (about N min)" or a pickup time later today. Slots without room for this
 * order's stations stay in the list, disabled and marked full, so the customer sees why. The
 * server checks the slot again when the order is placed.
 */
export function PickupTimePicker({ options, stations, value, onChange, error }: { options: PickupOptions; stations: readonly Station[]; value: PickupChoice; onChange: (value: PickupChoice) => void; error?: string }) {
  const selectId = useId();
  const later = value !== "";
  const slots = options.slots.map((s) => ({ ...s, full: !roomFor(s.room, stations) }));
  const firstOpen = slots.find((s) => !s.full);
  return (
    <fieldset>
      <legend className="pb-2.5 text-base font-semibold">When</legend>
      <div className="flex flex-wrap gap-2">
        <Choice checked={!later} onChange={() => onChange("")} label={`As soon as possible (about ${options.asapMinutes} min)`} />
        {firstOpen ? <Choice checked={later} onChange={() => onChange(later ? value : firstOpen.at)} label="Later today" /> : null}
      </div>
      {!firstOpen ? <p className="mt-2 text-sm text-espresso/75">{slots.length > 0 ? "Every pickup time left today is full." : "No more pickup times today."}</p> : null}
      {later ? (
        <div className="mt-3">
          <label htmlFor={selectId} className="block pb-1.5 text-sm font-semibold">
            Pickup time
          </label>
          <ClientSelect
            id={selectId}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={cn(`${selectId}-hint`, error && `${selectId}-error`)}
            className={cn("block h-12 w-48 rounded-2xl bg-white px-4 text-base ring-1 ring-espresso/15 focus:ring-2 focus:ring-espresso focus:outline-none", error && "ring-2 ring-red-700")}
          >
            {slots.map((slot) => (
              <option key={slot.at} value={slot.at} disabled={slot.full}>
                {slot.full ? `${slot.label} (full)` : slot.label}
              </option>
            ))}
          </ClientSelect>
          <p id={`${selectId}-hint`} className="mt-1.5 text-sm text-espresso/75">
            Ready by then, in the shop&apos;s time. Full times have no room left for this order.
          </p>
          {error ? (
            <p id={`${selectId}-error`} className="mt-1.5 text-sm font-medium text-red-800">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

function Choice({ checked, onChange, label }: { checked: boolean; onChange: () => void; label: string }) {
  return (
    <label
      className={cn(
        "flex min-h-11 cursor-pointer items-center gap-2 rounded-full px-4 text-sm font-semibold ring-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-espresso",
        checked ? "bg-espresso text-foam ring-espresso" : "bg-white text-espresso ring-espresso/20 hover:ring-espresso/40",
      )}
    >
      <input type="radio" name="pickup-when" checked={checked} onChange={onChange} className="sr-only" />
      {label}
    </label>
  );
}
