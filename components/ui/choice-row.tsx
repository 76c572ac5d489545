import type { ChangeEvent } from "react";
import { cn } from "@/lib/ui/cn";

export type ChoiceRowProps = {
  id: string;
  type: "radio" | "checkbox";
  name: string;
  value: string;
  label: string;
  /** Shown after the label and part of the accessible name, e.g. "+$0.70". */
  detail?: string;
  /** A line of explanation under the label (described-by, not part of the name). */
  description?: string;
  /** Why the choice is disabled, e.g. "Out of oat milk". */
  note?: string | null;
  checked: boolean;
  disabled?: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
};

/** One radio or checkbox as a full-width, touch-friendly row; the whole row toggles it. */
export function ChoiceRow({ id, type, name, value, label, detail, description, note, checked, disabled, onChange }: ChoiceRowProps) {
  const describedBy = [description ? `${id}-description` : null, note ? `${id}-note` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div
      className={cn(
        "relative flex min-h-12 items-center gap-3 rounded-2xl px-4 py-2.5 transition-colors",
        disabled ? "bg-espresso/[0.03] ring-1 ring-espresso/8" : checked ? "bg-crema/12 ring-2 ring-espresso" : "bg-white ring-1 ring-espresso/12 hover:ring-espresso/30",
      )}
    >
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        aria-describedby={describedBy}
        className={cn("relative z-1 size-5 shrink-0 accent-espresso", description && "self-start mt-0.5", type === "checkbox" && "rounded")}
      />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className={cn("flex items-baseline justify-between gap-3 text-[0.95rem]", disabled ? "text-espresso/75" : "cursor-pointer", "after:absolute after:inset-0 after:rounded-2xl")}>
          <span className="font-medium">{label}</span>
          {detail ? <span className="shrink-0 text-sm tabular-nums text-espresso/70">{detail}</span> : null}
        </label>
        {description ? (
          <p id={`${id}-description`} className={cn("mt-0.5 text-sm", disabled ? "text-espresso/75" : "text-espresso/75")}>
            {description}
          </p>
        ) : null}
      </div>
      {note ? (
        <span id={`${id}-note`} className="shrink-0 text-xs font-medium text-red-800/80">
          {note}
        </span>
      ) : null}
    </div>
  );
}
