import type { DashboardData } from "@/lib/analytics/dashboard";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { cn } from "@/lib/ui/cn";
import { CsvButton } from "./csv-button";
import { formatCount } from "./format";
import { DataTable, EmptyNote, Panel } from "./panel";

const cover = (days: number | null) => (days === null ? "—" : days >= 100 ? "99+ days" : `${days.toFixed(days < 10 ? 1 : 0)} days`);

/** Stock now (not filtered by period), low items first; days of cover from the last 14 days' use. */
export function StockPanel({ data }: { data: DashboardData }) {
  const rows = [...data.stock].sort((a, b) => Number(b.low) - Number(a.low) || (a.daysOfCover ?? Infinity) - (b.daysOfCover ?? Infinity));
  const multiShop = new Set(data.stock.map((s) => s.shop)).size > 1;
  const low = rows.filter((r) => r.low).length;
  return (
    <Panel
      title="Stock levels"
      actions={
        <CsvButton
          label="stock levels"
          filename="stock.csv"
          rows={rows}
          columns={[
            { header: "Shop", value: (s) => s.shop },
            { header: "Ingredient", value: (s) => s.ingredient },
            { header: "Unit", value: (s) => s.unit },
            { header: "On hand", value: (s) => s.onHand },
            { header: "Reserved", value: (s) => s.reserved },
            { header: "Available", value: (s) => s.available },
            { header: "Reorder level", value: (s) => s.reorderLevel },
            { header: "Daily use", value: (s) => (s.dailyUse === null ? "" : s.dailyUse.toFixed(1)) },
            { header: "Days of cover", value: (s) => (s.daysOfCover === null ? "" : s.daysOfCover.toFixed(1)) },
            { header: "Low", value: (s) => (s.low ? "yes" : "no") },
          ]}
        />
      }
    >
      {rows.length === 0 ? (
        <EmptyNote>No stock recorded for these shops.</EmptyNote>
      ) : (
        <>
          <p className="mb-2 text-sm text-espresso/70">{low === 0 ? "Nothing is running low." : `${low} ${low === 1 ? "item is" : "items are"} running low.`}</p>
          <ScrollRegion label="Stock levels, scrollable" className="max-h-96 overflow-y-auto">
            <DataTable caption="Stock levels with days of cover" head={[multiShop ? "Shop · ingredient" : "Ingredient", "Available", "Reorder at", "Daily use", "Cover"]}>
              {rows.map((s) => (
                <tr key={`${s.shop}-${s.ingredient}`} className={cn(s.low && "bg-red-50")}>
                  <td>
                    {multiShop && <span className="text-espresso/70">{s.shop} · </span>}
                    {s.ingredient}
                    {s.low && <span className="ml-2 rounded-full bg-red-700 px-2 py-0.5 text-[0.65rem] font-bold text-white">Low</span>}
                  </td>
                  <td>
                    {formatCount(s.available)} {s.unit}
                  </td>
                  <td>{formatCount(s.reorderLevel)}</td>
                  <td>{s.dailyUse === null ? "—" : `${formatCount(Math.round(s.dailyUse))} ${s.unit}`}</td>
                  <td>{cover(s.daysOfCover)}</td>
                </tr>
              ))}
            </DataTable>
          </ScrollRegion>
        </>
      )}
    </Panel>
  );
}
