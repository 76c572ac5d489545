"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { DashboardData } from "@/lib/analytics/dashboard";
import { coalesced } from "@/lib/realtime/coalesce";
import { useEventStream } from "@/components/live/use-event-stream";
import { CancellationsPanel } from "./cancellations-panel";
import { CsvButton } from "./csv-button";
import { FiltersBar } from "./filters-bar";
import { toQueryString, type Filters } from "./filters";
import { HourHeatmap } from "./hour-heatmap";
import { KpiCards } from "./kpi-cards";
import { TipsPanel } from "./tips-panel";
import { PromisePanel } from "./promise-panel";
import { Panel } from "./panel";
import { PaymentMix } from "./payment-mix";
import { ProductsPanel } from "./products-panel";
import { RevenueChart } from "./revenue-chart";
import { StockPanel } from "./stock-panel";
import { TimingsPanel } from "./timings-panel";

type Props = { shops: { slug: string; name: string }[]; initialFilters: Filters; initialData: DashboardData };

async function fetchDashboard(qs: string, signal: AbortSignal): Promise<DashboardData> {
  const response = await fetch(`/api/dashboard?${qs}`, { signal, cache: "no-store" });
  const body = (await response.json().catch(() => null)) as (DashboardData & { error?: { message: string } }) | null;
  if (!response.ok || !body || body.error) throw new Error(body?.error?.message ?? "The figures could not be loaded.");
  return body;
}

/**
 * The live dashboard. Figures come from GET /api/dashboard (TanStack Query); an SSE stream says
 * when the analytics worker has changed them, and the page re-reads at once (bursts coalesce into
 * one read in flight plus one after). No polling: an idle shop costs nothing.
 */
export function DashboardScreen({ shops, initialFilters, initialData }: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const qs = toQueryString(filters);
  const [initialQs] = useState(() => toQueryString(initialFilters));
  const query = useQuery({
    queryKey: ["dashboard", qs],
    queryFn: ({ signal }) => fetchDashboard(qs, signal),
    initialData: qs === initialQs ? initialData : undefined,
    placeholderData: keepPreviousData,
  });
  const data = query.data ?? initialData;

  useEffect(() => {
    window.history.replaceState(null, "", `/manager${qs ? `?${qs}` : ""}`);
  }, [qs]);

  const client = useQueryClient();
  const refresh = useMemo(() => coalesced(() => client.refetchQueries({ queryKey: ["dashboard", qs], exact: true })), [client, qs]);
  const streamShops = filters.shops.join(",");
  const connection = useEventStream(`/api/dashboard/events${streamShops ? `?shops=${encodeURIComponent(streamShops)}` : ""}`, { changed: refresh });

  const periodText = data.period.from === data.period.to ? data.period.from : `${data.period.from} – ${data.period.to}`;
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Dashboard</h1>
          <p className="text-espresso/70">
            {filters.shops.length === 0 ? (shops.length === 1 ? shops[0]?.name : `All ${shops.length} shops`) : data.shops.map((s) => s.name).join(", ")} · {periodText}
            {data.shops.length > 1 && " (each shop’s local dates)"}
          </p>
        </div>
        <p className="flex items-center gap-2 text-sm text-espresso/70" aria-live="polite">
          <span aria-hidden className={connection === "live" ? "size-2 rounded-full bg-emerald-600" : "size-2 rounded-full bg-amber-500"} />
          {connection === "live" ? "Live" : connection === "connecting" ? "Connecting…" : "Reconnecting…"}
          {query.isFetching && <span className="sr-only">Updating</span>}
        </p>
      </div>

      <FiltersBar shops={shops} filters={filters} shownFrom={data.period.from} shownTo={data.period.to} onChange={setFilters} />
      {query.isError && (
        <p role="alert" className="rounded-2xl bg-red-50 p-3 text-sm text-red-800">
          {query.error.message} Showing the last figures.
        </p>
      )}
      {data.mixedCurrencies && <p className="rounded-2xl bg-amber-50 p-3 text-sm text-amber-900">These shops use different currencies; money totals add them up unconverted, in {data.currency}.</p>}

      <KpiCards data={data} />

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel
          title="Revenue over time"
          className="lg:col-span-2"
          actions={
            <CsvButton
              label="revenue over time"
              filename="revenue.csv"
              rows={data.series}
              columns={[
                { header: data.seriesBy === "day" ? "Date" : "Hour", value: (s) => s.label },
                { header: "Orders", value: (s) => s.orders },
                { header: "Net revenue (cents)", value: (s) => s.netRevenueCents },
                { header: "Tips (cents)", value: (s) => s.tipsCents },
              ]}
            />
          }
        >
          <RevenueChart data={data} />
        </Panel>
        <PaymentMix data={data} />
      </div>

      <Panel
        title="Orders by weekday and hour"
        actions={
          <CsvButton
            label="orders by weekday and hour"
            filename="orders-by-hour.csv"
            rows={data.heatmap}
            columns={[
              { header: "Weekday (0 = Sunday)", value: (c) => c.weekday },
              { header: "Hour", value: (c) => c.hour },
              { header: "Orders", value: (c) => c.orders },
            ]}
          />
        }
      >
        <HourHeatmap data={data} />
      </Panel>

      <ProductsPanel data={data} />
      <div className="grid gap-4 lg:grid-cols-2">
        <TimingsPanel data={data} />
        <CancellationsPanel data={data} />
      </div>
      <PromisePanel data={data} />
      <TipsPanel data={data} />
      <StockPanel data={data} />
    </main>
  );
}
