"use client";

import { useId } from "react";
import { TIP_PERCENTS, tipCentsFor, type TipChoice } from "@/lib/orders/tips";
import { cn } from "@/lib/ui/cn";
import { formatMoney, parseCents } from "@/lib/ui/money";
import { ClientInput } from "@/components/ui/client-input";

/** What the picker holds: a preset, or "custom" with the text typed (kept as typed until it parses). */
export type TipState = { kind: "none" } | { kind: "percent"; percent: (typeof TIP_PERCENTS)[number] } | { kind: "custom"; text: string };

/** The tip the order carries for a picker state; undefined for none, null for a custom text that is not an amount. */
export function tipOf(state: TipState): TipChoice | undefined | null {
  if (state.kind === "none") return undefined;
  if (state.kind === "percent") return { percent: state.percent };
  const cents = parseCents(state.text);
  return cents === null ? null : { cents };
}

/** None / 10 / 15 / 20 % / Custom, each preset showing what it comes to on this subtotal. */
export function TipPicker({ value, onChange, subtotalCents, currency, error }: { value: TipState; onChange: (value: TipState) => void; subtotalCents: number; currency: string; error?: string }) {
  const customId = useId();
  const options: { key: string; label: string; state: TipState }[] = [
    { key: "none", label: "No tip", state: { kind: "none" } },
    ...TIP_PERCENTS.map((percent) => ({ key: String(percent), label: `${percent}% · ${formatMoney(tipCentsFor(subtotalCents, { percent }), currency)}`, state: { kind: "percent", percent } as TipState })),
    { key: "custom", label: "Custom", state: { kind: "custom", text: value.kind === "custom" ? value.text : "" } },
  ];
  const selected = value.kind === "percent" ? String(value.percent) : value.kind;
  return (
    <fieldset>
      <legend className="pb-1 text-base font-semibold">Tip for the baristas</legend>
      <p className="pb-2.5 text-sm text-espresso/70">On the subtotal before any discount; all of it goes to the team.</p>
      <div className="flex flex-wrap gap-2">
        {options.map((option) => (
          <label
            key={option.key}
            className={cn(
              "flex min-h-11 cursor-pointer items-center gap-2 rounded-full px-4 text-sm font-semibold ring-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-espresso",
              selected === option.key ? "bg-espresso text-foam ring-espresso" : "bg-white text-espresso ring-espresso/20 hover:ring-espresso/40",
            )}
          >
            <input type="radio" name="tip" value={option.key} checked={selected === option.key} onChange={() => onChange(option.state)} className="sr-only" />
            {option.label}
          </label>
        ))}
      </div>
      {value.kind === "custom" ? (
        <div className="mt-3">
          <label htmlFor={customId} className="block pb-1.5 text-sm font-semibold">
            Custom tip
          </label>
          <ClientInput
            id={customId}
            inputMode="decimal"
            value={value.text}
            onChange={(event) => onChange({ kind: "custom", text: event.target.value })}
            placeholder="2.00"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${customId}-error` : undefined}
            className={cn("block h-12 w-40 rounded-2xl bg-white px-4 text-base ring-1 ring-espresso/15 focus:ring-2 focus:ring-espresso focus:outline-none", error && "ring-2 ring-red-700")}
          />
          {error ? (
            <p id={`${customId}-error`} className="mt-1.5 text-sm font-medium text-red-800">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
