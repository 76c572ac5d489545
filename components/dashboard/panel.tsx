import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { cn } from "@/lib/ui/cn";

/** A titled dashboard card; `actions` sit right of the title (CSV export). */
export function Panel({ title, actions, children, className }: { title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  const id = `panel-${title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className={cn("min-w-0 rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8", className)}>
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 id={id} className="text-lg font-bold tracking-tight">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="py-6 text-center text-sm text-espresso/70">{children}</p>;
}

/** A compact table with a caption for screen readers. */
export function DataTable({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <ScrollRegion label={caption} className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-espresso/10 text-left text-espresso/70">
            {head.map((h, i) => (
              <th key={h} scope="col" className={cn("py-2 pr-3 font-semibold", i > 0 && "text-right")}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="[&_td]:py-1.5 [&_td]:pr-3 [&_td:not(:first-child)]:text-right [&_td:not(:first-child)]:tabular-nums [&_tr]:border-b [&_tr]:border-espresso/5">{children}</tbody>
      </table>
    </ScrollRegion>
  );
}
