import Link from "next/link";
import { MENU_FILTERS, type MenuFilter } from "@/lib/catalog/dietary";
import { cn } from "@/lib/ui/cn";

/**
 * "No nuts" / "Vegan": links that toggle the filter in the address, so they work before
 * hydration, with the keyboard, and can be shared. A product stays when it can be made to fit.
 */
export function MenuFilters({ shopSlug, active }: { shopSlug: string; active: readonly MenuFilter[] }) {
  const hrefWith = (filters: readonly MenuFilter[]) => {
    const params = new URLSearchParams(filters.map((f) => ["diet", f]));
    return `/shops/${shopSlug}${filters.length ? `?${params}` : ""}`;
  };
  return (
    <nav aria-label="Dietary filters" className="flex flex-wrap items-center gap-2">
      {(Object.keys(MENU_FILTERS) as MenuFilter[]).map((filter) => {
        const on = active.includes(filter);
        return (
          <Link
            key={filter}
            href={hrefWith(on ? active.filter((f) => f !== filter) : [...active, filter])}
            aria-pressed={on}
            role="button"
            scroll={false}
            className={cn(
              "inline-flex min-h-10 items-center gap-1.5 rounded-full px-4 text-sm font-semibold ring-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-espresso",
              on ? "bg-espresso text-foam ring-espresso" : "bg-white text-espresso ring-espresso/20 hover:ring-espresso/40",
            )}
          >
            {on ? <span aria-hidden>✓</span> : null}
            {MENU_FILTERS[filter].label}
          </Link>
        );
      })}
      {active.length > 0 ? (
        <Link href={hrefWith([])} scroll={false} className="text-sm font-semibold text-espresso/80 underline underline-offset-4">
          Show everything
        </Link>
      ) : null}
    </nav>
  );
}
