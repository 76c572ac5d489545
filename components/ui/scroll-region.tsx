import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A box that scrolls (a wide table on a phone, a long list in a card), reachable with the keyboard:
 * it takes focus (tabIndex 0), so arrow keys scroll it, and is a named region for screen readers
 * (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn("focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-crema", className)}>
      {children}
    </div>
  );
}
