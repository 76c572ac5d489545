import type { DashboardData, Kpi } from "@/lib/analytics/dashboard";
import { cn } from "@/lib/ui/cn";
import { formatChange, formatCount, formatMoney } from "./format";

type Card = { label: string; kpi: Kpi; format: (n: number) => string; /** A rise is bad news (cancellations, refunds). */ inverse?: boolean };

/** The period's headline figures with their change against the previous period. */
export function KpiCards({ data }: { data: DashboardData }) {
  const money = (n: number) => formatMoney(n, data.currency);
  const cards: Card[] = [
    { label: "Orders", kpi: data.kpis.orders, format: formatCount },
    { label: "Revenue", kpi: data.kpis.netRevenueCents, format: money },
    { label: "Average ticket", kpi: data.kpis.averageTicketCents, format: money },
    { label: "Items sold", kpi: data.kpis.itemsSold, format: formatCount },
    { label: "Cancellations", kpi: data.kpis.cancelled, format: formatCount, inverse: true },
    { label: "Refunds", kpi: data.kpis.refundedCents, format: money, inverse: true },
    { label: "Tips", kpi: data.kpis.tipsCents, format: money },
  ];
  const previous = data.period.days === 1 ? "the day before" : `the previous ${data.period.days} days`;
  return (
    <section aria-label="Key figures" className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
      {cards.map(({ label, kpi, format, inverse }) => {
        const id = `kpi-${label.toLowerCase().replaceAll(" ", "-")}`;
        const good = kpi.change === null ? kpi.current > 0 : inverse ? kpi.change < 0 : kpi.change > 0;
        const flat = kpi.change === 0;
        return (
          <article key={label} aria-labelledby={id} className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-espresso/8">
            <h3 id={id} className="text-sm font-semibold text-espresso/70">
              {label}
            </h3>
            <output className="mt-1 block text-2xl font-bold tabular-nums">{format(kpi.current)}</output>
            <p className={cn("mt-1 text-xs font-semibold", flat ? "text-espresso/70" : good ? "text-emerald-800" : "text-red-700")} title={`${format(kpi.previous)} in ${previous}`}>
              {formatChange(kpi.change)} <span className="font-normal text-espresso/70">vs {previous}</span>
            </p>
          </article>
        );
      })}
    </section>
  );
}
