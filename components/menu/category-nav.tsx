"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { categoryAnchor } from "./menu-section";

/**
 * The sticky bar under the shop header: a chip per category (the one in view highlighted) and,
 * at the end, whatever the page puts there (the cart button).
 */
export function CategoryNav({ categories, children }: { categories: { slug: string; name: string }[]; children?: ReactNode }) {
  const [active, setActive] = useState(categories[0]?.slug ?? "");
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const sections = categories.map((c) => document.getElementById(categoryAnchor(c.slug))).filter((el): el is HTMLElement => el !== null);
    const visible = new Map<string, boolean>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) visible.set((entry.target as HTMLElement).dataset.category ?? "", entry.isIntersecting);
        // At a boundary two sections cross the band: the one coming into view wins.
        const current = categories.findLast((c) => visible.get(c.slug));
        if (current) setActive(current.slug);
      },
      // A section counts as current while it crosses a band just under the sticky bar.
      { rootMargin: "-72px 0px -65% 0px" },
    );
    sections.forEach((s) => observer.observe(s));
    return () => observer.disconnect();
  }, [categories]);

  useEffect(() => {
    const list = listRef.current;
    const chip = list?.querySelector<HTMLElement>(`[data-chip="${active}"]`);
    if (!list || !chip) return;
    list.scrollTo({ left: chip.offsetLeft - list.clientWidth / 2 + chip.clientWidth / 2, behavior: "smooth" });
  }, [active]);

  return (
    <div className="sticky top-0 z-20 border-y border-espresso/8 bg-foam/95 shadow-[0_1px_0_rgb(59_36_24/0.02)]">
      <div className="mx-auto flex h-15 max-w-5xl items-center gap-3 px-4">
        <nav aria-label="Menu categories" className="min-w-0 flex-1">
          <ul ref={listRef} className="-mx-1 flex gap-1.5 overflow-x-auto px-1 py-2 [scrollbar-width:none] max-sm:[mask-image:linear-gradient(to_right,#000_85%,transparent)] [&::-webkit-scrollbar]:hidden">
            {categories.map((c) => (
              <li key={c.slug} className="shrink-0">
                <a
                  href={`#${categoryAnchor(c.slug)}`}
                  data-chip={c.slug}
                  aria-current={active === c.slug ? "true" : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    setActive(c.slug);
                    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
                    document.getElementById(categoryAnchor(c.slug))?.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
                    history.replaceState(null, "", `#${categoryAnchor(c.slug)}`);
                  }}
                  className={cn(
                    "block rounded-full px-3.5 py-1.5 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-crema",
                    active === c.slug ? "bg-espresso text-foam" : "text-espresso/75 hover:bg-espresso/6 hover:text-espresso",
                  )}
                >
                  {c.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {children}
      </div>
    </div>
  );
}
