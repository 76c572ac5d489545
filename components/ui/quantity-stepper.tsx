import { cn } from "@/lib/ui/cn";

/** − 2 + : a quantity between min and max, announced as it changes. */
export function QuantityStepper({ value, onChange, min = 1, max, label = "Quantity", size = "md", disabled }: { value: number; onChange: (value: number) => void; min?: number; max: number; label?: string; size?: "sm" | "md"; disabled?: boolean }) {
  const step = size === "sm" ? "size-8 text-base" : "size-11 text-xl";
  const button = cn(step, "grid place-items-center rounded-full font-semibold text-espresso transition-colors hover:bg-espresso/8 disabled:text-espresso/25 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-crema");
  return (
    <div role="group" aria-label={label} className="inline-flex items-center rounded-full bg-white ring-1 ring-espresso/15">
      <button type="button" className={button} aria-label={`Decrease ${label.toLowerCase()}`} disabled={disabled || value <= min} onClick={() => onChange(Math.max(min, value - 1))}>
        −
      </button>
      <output aria-live="polite" aria-label={label} className={cn("min-w-8 text-center font-semibold tabular-nums", size === "sm" ? "text-sm" : "text-base")}>
        {value}
      </output>
      <button type="button" className={button} aria-label={`Increase ${label.toLowerCase()}`} disabled={disabled || value >= max} onClick={() => onChange(Math.min(max, value + 1))}>
        +
      </button>
    </div>
  );
}
