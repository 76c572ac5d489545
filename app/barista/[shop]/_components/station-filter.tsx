import { cn } from "@/lib/ui/cn";
import { STATIONS } from "./labels";
import type { StationFilter as Filter } from "./queue-state";
import { ClientButton } from "@/components/ui/client-button";

const OPTIONS: readonly { value: Filter; label: string }[] = [{ value: "ALL", label: "All" }, ...STATIONS];

/** All / Espresso bar / Brew / Food: a ticket shows when any of its items is for the station. */
export function StationFilter({ value, onChange }: { value: Filter; onChange: (value: Filter) => void }) {
  return (
    <div role="group" aria-label="Station" className="flex rounded-xl bg-black/30 p-1">
      {OPTIONS.map((option) => (
        <ClientButton
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            "h-10 rounded-lg px-3.5 text-base font-bold whitespace-nowrap transition-colors focus-visible:outline-4 focus-visible:outline-sky-400",
            value === option.value ? "bg-foam text-espresso" : "text-foam/75 hover:bg-white/10 hover:text-foam",
          )}
        >
          {option.label}
        </ClientButton>
      ))}
    </div>
  );
}
