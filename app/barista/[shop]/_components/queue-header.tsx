"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useNow } from "@/components/live/use-now";
import type { StationFilter as Filter } from "./queue-state";
import { StationFilter } from "./station-filter";
import { shopTime } from "@/lib/shops/local-time";

/** The top bar: back to the shops, the shop and the time there, the station filter, then `children`. */
export function QueueHeader({ shop, station, onStation, children }: { shop: { name: string; timezone: string }; station: Filter; onStation: (value: Filter) => void; children: ReactNode }) {
  const now = useNow(1_000);
  return (
    <header className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b border-white/10 bg-black/35 px-4 py-3 md:h-16 md:flex-nowrap md:py-0">
      <Link href="/barista" className="rounded-lg px-2 py-1 text-base font-semibold text-foam/70 hover:text-foam focus-visible:outline-4 focus-visible:outline-sky-400">
        <span aria-hidden>←</span> Shops
      </Link>
      <div className="min-w-0">
        <h1 className="truncate text-xl leading-tight font-black">{shop.name}</h1>
        <p className="text-sm leading-tight text-foam/60">
          Queue
          {now === null ? null : (
            <>
              {" · "}
              <time className="tabular-nums">{shopTime(now, shop.timezone)}</time>
            </>
          )}
        </p>
      </div>
      <StationFilter value={station} onChange={onStation} />
      <div className="ml-auto flex items-center gap-3">{children}</div>
    </header>
  );
}
