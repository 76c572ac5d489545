import { cn } from "@/lib/ui/cn";

export type KdsVariant = "go" | "done" | "plain" | "danger" | "destroy";

const VARIANTS: Record<KdsVariant, string> = {
  go: "bg-espresso text-white hover:bg-black",
  done: "bg-emerald-700 text-white hover:bg-emerald-800",
  plain: "bg-white text-espresso ring-2 ring-espresso/25 hover:bg-foam",
  danger: "bg-white text-red-800 ring-2 ring-red-800/30 hover:bg-red-50",
  destroy: "bg-red-700 text-white hover:bg-red-800",
};

/** Big, high-contrast touch targets for the queue screen (read at arm's length, hit with a wet thumb). */
export function kdsButton(variant: KdsVariant, className?: string): string {
  return cn(
    "inline-flex h-12 min-w-12 items-center justify-center rounded-xl px-4 text-lg font-bold whitespace-nowrap transition-colors select-none",
    "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:opacity-40",
    VARIANTS[variant],
    className,
  );
}
