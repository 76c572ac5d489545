import type { DashboardData } from "@/lib/analytics/dashboard";
import { formatCount } from "./format";
import { EmptyNote, Panel } from "./panel";

/** Orders for later: the share ready by the time promised at checkout, against the previous period. */
export function PromisePanel({ data }: { data: DashboardData }) {
  const { scheduledReady: ready, scheduledOnTimePct: share } = data.kpis;
  const onTime = Math.round((share.current * ready.current) / 100);
  return (
    <Panel title="Orders for later">
      {ready.current === 0 ? (
        <EmptyNote>No orders for later were made in this period.</EmptyNote>
      ) : (
        <dl className="grid grid-cols-2 gap-3">
          <div>
            <dt className="text-sm font-semibold text-espresso/75">Ready by the promised time</dt>
            <dd className="mt-1 text-2xl font-bold tabular-nums">{share.current}%</dd>
            {ready.previous > 0 ? <dd className="text-xs text-espresso/75">{share.previous}% the period before</dd> : null}
          </div>
          <div>
            <dt className="text-sm font-semibold text-espresso/75">Orders for later made</dt>
            <dd className="mt-1 text-2xl font-bold tabular-nums">{formatCount(ready.current)}</dd>
            <dd className="text-xs text-espresso/75">{formatCount(onTime)} on time</dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}
