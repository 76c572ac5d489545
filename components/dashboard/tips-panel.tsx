import type { DashboardData } from "@/lib/analytics/dashboard";
import { CsvButton } from "./csv-button";
import { formatMoney } from "./format";
import { DataTable, EmptyNote, Panel } from "./panel";

/** Tips per shop and per day (or hour): paid with orders, kept out of every revenue figure. */
export function TipsPanel({ data }: { data: DashboardData }) {
  const money = (c: number) => formatMoney(c, data.currency);
  const days = data.series.filter((s) => s.tipsCents !== 0);
  const unit = data.seriesBy === "day" ? "Date" : "Hour";
  return (
    <Panel
      title="Tips"
      actions={
        <CsvButton
          label="tips"
          filename="tips.csv"
          rows={data.series}
          columns={[
            { header: unit, value: (s) => s.label },
            { header: "Tips (cents)", value: (s) => s.tipsCents },
          ]}
        />
      }
    >
      {data.kpis.tipsCents.current === 0 ? (
        <EmptyNote>No tips in this period.</EmptyNote>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <DataTable caption="Tips per shop" head={["Shop", "Tips"]}>
            {data.tipsByShop.map((s) => (
              <tr key={s.shopId}>
                <td>{s.name}</td>
                <td>{money(s.tipsCents)}</td>
              </tr>
            ))}
          </DataTable>
          <DataTable caption={`Tips per ${unit.toLowerCase()}`} head={[unit, "Tips"]}>
            {days.map((s) => (
              <tr key={s.label}>
                <td>{s.label}</td>
                <td>{money(s.tipsCents)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </Panel>
  );
}
