import type { BoardEntry } from "@/lib/queue/board";
import { cn } from "@/lib/ui/cn";

/** One column of the board: a big heading and the names with their codes; the newest ready one stands out. */
export function BoardList({ title, entries, tone, empty }: { title: string; entries: BoardEntry[]; tone: "preparing" | "ready"; empty: string }) {
  const ready = tone === "ready";
  const headingId = `board-${tone}`;
  return (
    <section aria-labelledby={headingId} className={cn("flex min-h-0 flex-col overflow-hidden rounded-3xl p-8", ready ? "bg-emerald-600 text-white" : "bg-black/25")}>
      <h2 id={headingId} className={cn("text-4xl font-black tracking-tight uppercase", ready ? "text-white" : "text-crema")}>
        {title}
      </h2>
      {entries.length === 0 ? (
        <p className={cn("mt-8 text-2xl", ready ? "text-white/80" : "text-foam/55")}>{empty}</p>
      ) : ready ? (
        <ul aria-live="polite" className="mt-6 grid grid-cols-2 content-start gap-3">
          {entries.map((entry, index) => (
            <li key={entry.id} className={cn("flex items-baseline justify-between gap-4 rounded-2xl px-5 py-3", index === 0 ? "bg-white text-emerald-900 shadow-xl" : "bg-white/15")}>
              <span className="truncate text-4xl font-extrabold">{entry.name}</span>
              <span className="shrink-0 font-mono text-2xl font-bold tracking-[0.15em]">{entry.code}</span>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="mt-6 flex flex-wrap content-start gap-3">
          {entries.map((entry) => (
            <li key={entry.id} className="flex max-w-full min-w-36 flex-col rounded-2xl bg-white/8 px-4 py-2.5">
              <span className="truncate text-3xl font-extrabold">{entry.name}</span>
              <span className="font-mono text-lg font-bold tracking-[0.15em] text-foam/65">{entry.code}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
