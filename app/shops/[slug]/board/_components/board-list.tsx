import type { BoardEntry } from "@/lib/queue/board";
import { cn } from "@/lib/ui/cn";

/** One column of the board: a big heading and the names; the newest ready one stands out; "and N more" when the list is longer than the screen. */
export function BoardList({ title, entries, more, tone, empty }: { title: string; entries: BoardEntry[]; more: number; tone: "preparing" | "ready"; empty: string }) {
  const ready = tone === "ready";
  const headingId = `board-${tone}`;
  return (
    <section aria-labelledby={headingId} className={cn("flex min-h-0 flex-col overflow-hidden rounded-3xl p-8", ready ? "bg-emerald-600 text-white" : "bg-black/25")}>
      <h2 id={headingId} className={cn("text-4xl font-black tracking-tight uppercase", ready ? "text-white" : "text-crema")}>
        {title}
      </h2>
      {entries.length === 0 ? (
        <p className={cn("mt-8 text-2xl", ready ? "text-white" : "text-foam/70")}>{empty}</p>
      ) : ready ? (
        <ul aria-live="polite" className="mt-6 grid grid-cols-2 content-start gap-3">
          {entries.map((entry, index) => (
            <li key={entry.key} className={cn("flex items-baseline rounded-2xl px-5 py-3", index === 0 ? "bg-white text-emerald-900 shadow-xl" : "bg-white/15")}>
              <span className="truncate text-4xl font-extrabold">{entry.name}</span>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="mt-6 flex flex-wrap content-start gap-3">
          {entries.map((entry) => (
            <li key={entry.key} className="flex max-w-full min-w-36 flex-col rounded-2xl bg-white/8 px-4 py-2.5">
              <span className="truncate text-3xl font-extrabold">{entry.name}</span>
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? <p className={cn("mt-4 text-2xl font-bold", ready ? "text-white" : "text-foam/70")}>and {more} more</p> : null}
    </section>
  );
}
