import type { DashboardData } from "@/lib/analytics/dashboard";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatCount, WEEKDAYS } from "./format";

const ORDER = [1, 2, 3, 4, 5, 6, 0]; // Monday first

/** Orders by local weekday and hour: a table whose cells are shaded by volume. */
export function HourHeatmap({ data }: { data: DashboardData }) {
  const cells = new Map(data.heatmap.map((c) => [`${c.weekday}|${c.hour}`, c.orders]));
  const max = Math.max(1, ...data.heatmap.map((c) => c.orders));
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return (
    <ScrollRegion label="Orders by weekday and hour" className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-0.5 text-[0.7rem]">
        <caption className="sr-only">Orders by weekday and hour of day, in each shop’s local time</caption>
        <thead>
          <tr>
            <th scope="col" className="w-10" />
            {hours.map((h) => (
              <th key={h} scope="col" className="font-normal text-espresso/70">
                {h % 3 === 0 ? h : <span className="sr-only">{h}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER.map((d) => (
            <tr key={d}>
              <th scope="row" className="pr-1 text-left font-semibold text-espresso/70">
                {WEEKDAYS[d]!.slice(0, 3)}
              </th>
              {hours.map((h) => {
                const n = cells.get(`${d}|${h}`) ?? 0;
                return (
                  <td key={h} title={`${WEEKDAYS[d]} ${h}:00 – ${formatCount(n)} orders`} className="h-6 min-w-4 rounded-sm" style={{ background: n === 0 ? "#3b241808" : `rgba(59, 36, 24, ${0.12 + 0.88 * (n / max)})` }}>
                    <span className="sr-only">{formatCount(n)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
