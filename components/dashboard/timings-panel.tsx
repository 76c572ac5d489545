import type { DashboardData } from "@/lib/analytics/dashboard";
import { CsvButton } from "./csv-button";
import { formatCount, formatDuration, METRIC_LABELS } from "./format";
import { DataTable, EmptyNote, Panel } from "./panel";

/** Prep time per station (queued → station ready) and the wait at the counter (ready → collected). */
export function TimingsPanel({ data }: { data: DashboardData }) {
  const label = (metric: string) => METRIC_LABELS[metric] ?? metric;
  return (
    <Panel
      title="Prep time by station"
      actions={
        <CsvButton
          label="prep times"
          filename="prep-times.csv"
          rows={data.timings}
          columns={[
            { header: "Station", value: (t) => label(t.metric) },
            { header: "Orders", value: (t) => t.count },
            { header: "Average (s)", value: (t) => t.averageSeconds },
            { header: "Median (s)", value: (t) => t.p50 },
            { header: "p90 (s)", value: (t) => t.p90 },
            { header: "p95 (s)", value: (t) => t.p95 },
          ]}
        />
      }
    >
      {data.timings.length === 0 ? (
        <EmptyNote>No finished orders in this period.</EmptyNote>
      ) : (
        <DataTable caption="Prep time by station and time waiting at the counter" head={["Station", "Orders", "Average", "Median", "p90", "p95"]}>
          {data.timings.map((t) => (
            <tr key={t.metric}>
              <td>{label(t.metric)}</td>
              <td>{formatCount(t.count)}</td>
              <td>{formatDuration(t.averageSeconds)}</td>
              <td>{formatDuration(t.p50)}</td>
              <td>{formatDuration(t.p90)}</td>
              <td>{formatDuration(t.p95)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="mt-2 text-xs text-espresso/70">Percentiles come from 15-second buckets (30 s past 5 minutes).</p>
    </Panel>
  );
}
