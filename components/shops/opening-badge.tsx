import type { OpeningState } from "@/lib/shops/hours";
import { cn } from "@/lib/ui/cn";

/** "Open 24 hours" / "Open until 19:00" / "Closed, opens 07:00" with a status dot. */
export function OpeningBadge({ opening, label, pulse = false, className }: { opening: OpeningState; label: string; pulse?: boolean; className?: string }) {
  return (
    <p className={cn("inline-flex items-center gap-2 text-sm font-medium", opening.open ? "text-emerald-700" : "text-espresso/75", className)}>
      <span aria-hidden className="relative flex size-2">
        {opening.open && pulse ? <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-500/60 motion-reduce:hidden" /> : null}
        <span className={cn("relative inline-flex size-2 rounded-full", opening.open ? "bg-emerald-600" : "bg-espresso/30")} />
      </span>
      {label}
    </p>
  );
}
