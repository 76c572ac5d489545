import type { Ticket } from "@/lib/queue/tickets";
import { cn } from "@/lib/ui/cn";
import { STATIONS } from "./labels";
import type { StationFilter } from "./queue-state";

/** The lines to make: quantity, name, options in bold, notes; items of other stations dimmed. */
export function TicketItems({ ticket, station, checkable, onDone }: { ticket: Ticket; station: StationFilter; checkable: boolean; onDone: (itemId: string) => void }) {
  return (
    <ul className="divide-y divide-espresso/10 px-4">
      {ticket.items.map((item) => {
        const nameId = `item-${item.id}`;
        const other = station !== "ALL" && item.station !== station;
        return (
          <li key={item.id} className={cn("flex items-start gap-3 py-2.5", other && "opacity-35")}>
            {checkable ? (
              <input
                type="checkbox"
                aria-labelledby={nameId}
                checked={item.done}
                disabled={item.done}
                onChange={() => onDone(item.id)}
                className="mt-0.5 size-7 shrink-0 cursor-pointer accent-emerald-700 disabled:cursor-default"
              />
            ) : null}
            <div className={cn("min-w-0 flex-1", item.done && "text-espresso/70")}>
              <p className="text-xl leading-snug">
                <span className="font-black tabular-nums">{item.quantity}×</span>{" "}
                <span id={nameId} className={cn("font-semibold", item.done && "line-through decoration-2")}>
                  {item.productName}
                </span>
              </p>
              {item.options.length > 0 ? <p className="text-lg leading-snug font-extrabold">{item.options.join(" · ")}</p> : null}
              {item.notes ? <p className="mt-0.5 text-base font-medium text-red-800 italic">“{item.notes}”</p> : null}
            </div>
            {station === "ALL" ? <span className="mt-1 shrink-0 rounded-md bg-espresso/8 px-1.5 py-0.5 text-xs font-bold tracking-wide text-espresso/70 uppercase">{STATIONS.find((s) => s.value === item.station)?.short}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
