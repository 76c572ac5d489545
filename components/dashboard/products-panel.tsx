import type { DashboardData } from "@/lib/analytics/dashboard";
import { CsvButton } from "./csv-button";
import { formatCount, formatMoney } from "./format";
import { DataTable, EmptyNote, Panel } from "./panel";

const SHOWN = 5;

/** Best and worst sellers by units; the CSV has every product on the menu. */
export function ProductsPanel({ data }: { data: DashboardData }) {
  const products = data.products;
  const top = products.slice(0, SHOWN);
  const bottom = products.length > SHOWN ? products.slice(Math.max(SHOWN, products.length - SHOWN)).reverse() : [];
  const money = (c: number) => formatMoney(c, data.currency);
  const table = (caption: string, rows: typeof products) => (
    <DataTable caption={caption} head={["Product", "Units", "Revenue"]}>
      {rows.map((p) => (
        <tr key={p.productId}>
          <td>{p.name}</td>
          <td>{formatCount(p.quantity)}</td>
          <td>{money(p.revenueCents)}</td>
        </tr>
      ))}
    </DataTable>
  );
  return (
    <Panel
      title="Products"
      actions={
        <CsvButton
          label="products"
          filename="products.csv"
          rows={products}
          columns={[
            { header: "Product", value: (p) => p.name },
            { header: "Units", value: (p) => p.quantity },
            { header: "Revenue before tax (cents)", value: (p) => p.revenueCents },
          ]}
        />
      }
    >
      {products.length === 0 ? (
        <EmptyNote>No products on these menus.</EmptyNote>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <div>
            <h3 className="text-sm font-semibold text-espresso/70">Top sellers</h3>
            {table("Top sellers", top)}
          </div>
          {bottom.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold text-espresso/70">Slowest sellers</h3>
              {table("Slowest sellers", bottom)}
            </div>
          )}
        </div>
      )}
    </Panel>
  );
}
