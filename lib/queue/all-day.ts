import type { Station } from "@/lib/catalog/types";
import type { Ticket } from "./tickets";

/**
 * All-day counts, as kitchen displays show them: what is still to make across the open tickets
 * (queued or in preparation, items not yet done), per item and option, for one station or all.
 * An option carried by every unit of its item ("Hot" on all lattes) says nothing and is left out.
 * Pure: the queue screen recomputes it from its live tickets on every change.
 */
export type AllDayCount = { item: string; quantity: number; options: { name: string; quantity: number }[] };

const byCount = <T extends { quantity: number }>(name: (x: T) => string) => (a: T, b: T) => b.quantity - a.quantity || name(a).localeCompare(name(b));

export function allDayCounts(tickets: readonly Pick<Ticket, "status" | "items">[], station: Station | "ALL"): AllDayCount[] {
  const items = new Map<string, { quantity: number; options: Map<string, number> }>();
  for (const ticket of tickets) {
    if (ticket.status !== "QUEUED" && ticket.status !== "PREPARING") continue;
    for (const item of ticket.items) {
      if (item.done || (station !== "ALL" && item.station !== station)) continue;
      const entry = items.get(item.productName) ?? { quantity: 0, options: new Map<string, number>() };
      entry.quantity += item.quantity;
      for (const option of new Set(item.options)) entry.options.set(option, (entry.options.get(option) ?? 0) + item.quantity);
      items.set(item.productName, entry);
    }
  }
  return [...items]
    .map(([item, { quantity, options }]) => ({
      item,
      quantity,
      options: [...options]
        .filter(([, n]) => n < quantity)
        .map(([name, n]) => ({ name, quantity: n }))
        .sort(byCount((o) => o.name)),
    }))
    .sort(byCount((c) => c.item));
}
