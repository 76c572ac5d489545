import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "accent";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-espresso/8 text-espresso/80",
  success: "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-700/15",
  warning: "bg-amber-50 text-amber-900 ring-1 ring-amber-700/20",
  danger: "bg-red-50 text-red-800 ring-1 ring-red-700/15",
  accent: "bg-crema/25 text-espresso",
};

export function Badge({ tone = "neutral", className, children }: { tone?: BadgeTone; className?: string; children: ReactNode }) {
  return <span className={cn("inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold", TONES[tone], className)}>{children}</span>;
}
