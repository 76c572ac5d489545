import type { DashboardData } from "@/lib/analytics/dashboard";
import { CsvButton } from "./csv-button";
import { formatCount, formatMoney } from "./format";
import { DataTable, EmptyNote, Panel } from "./panel";

export function CancellationsPanel({ data }: { data: DashboardData }) {
  const total = data.cancellations.reduce((n, c) => n + c.count, 0);
  return (
    <Panel
      title="Cancellation reasons"
      actions={
        <CsvButton
          label="cancellation reasons"
          filename="cancellations.csv"
          rows={data.cancellations}
          columns={[
            { header: "Reason", value: (c) => c.reason },
            { header: "Orders", value: (c) => c.count },
            { header: "Value (cents)", value: (c) => c.cents },
          ]}
        />
      }
    >
      {data.cancellations.length === 0 ? (
        <EmptyNote>No cancellations in this period.</EmptyNote>
      ) : (
        <DataTable caption="Cancelled orders by reason" head={["Reason", "Orders", "Share", "Value"]}>
          {data.cancellations.map((c) => (
            <tr key={c.reason}>
              <td>{c.reason}</td>
              <td>{formatCount(c.count)}</td>
              <td>{Math.round((100 * c.count) / Math.max(1, total))} %</td>
              <td>{formatMoney(c.cents, data.currency)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}
