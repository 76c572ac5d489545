import { allDayCounts } from "@/lib/queue/all-day";
import type { Ticket } from "@/lib/queue/tickets";
import type { StationFilter } from "./queue-state";

/** "Caffè latte 7 · Oat milk 3 · Large 4": what is still to make, for the station shown, live. */
export function AllDayStrip({ tickets, station }: { tickets: readonly Ticket[]; station: StationFilter }) {
  const counts = allDayCounts(tickets, station);
  return (
    // tabIndex: on a narrow screen the strip scrolls sideways, and keyboard users must reach it too.
    <section aria-label="All day" tabIndex={0} className="focus-visible:outline-4 focus-visible:outline-sky-400 mx-3 mt-3 flex items-center gap-3 overflow-x-auto rounded-xl bg-black/30 px-4 py-2 text-base">
      <h2 className="shrink-0 text-sm font-black tracking-wide text-foam/85 uppercase">All day</h2>
      {counts.length === 0 ? (
        <p className="text-foam/85">Nothing to make.</p>
      ) : (
        <ul className="flex gap-2">
          {counts.map((c) => (
            <li key={c.item} className="shrink-0 rounded-lg bg-white/10 px-3 py-1 whitespace-nowrap">
              <span className="font-extrabold">
                {c.item} {c.quantity}
              </span>
              {c.options.map((o) => (
                <span key={o.name} className="text-foam/90">
                  {" · "}
                  {o.name} {o.quantity}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
