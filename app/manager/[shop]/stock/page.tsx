import type { Metadata } from "next";
import { formatCover, formatQuantity } from "@/lib/agents/inventory/cover";
import { stockOverview, type ExpectedDelivery } from "@/lib/agents/inventory/overview";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { db } from "@/lib/db";
import { shopSupplierSettings } from "@/lib/inventory/suppliers";
import { shopTransfers } from "@/lib/inventory/transfers";
import { cn } from "@/lib/ui/cn";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { CountIn } from "./count-in";
import { ReceiveUnordered } from "./receive-unordered";
import { SupplierForm } from "./supplier-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stock · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

/** /manager/:shop/stock — what the shop has, how long it lasts, deliveries expected and their receipt. */
export default async function ManagerStockPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "inventory:manage", "stock");
  if (!access.ok) return access.page;
  const [{ rows, expected }, transfers, suppliers] = await Promise.all([stockOverview(db(), access.shop.id), shopTransfers(db(), access.shop.id), shopSupplierSettings(db(), access.shop.id)]);
  const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: access.shop.timezone });
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: access.shop.timezone });

  return (
    <ManagerFrame shop={access.shop} tab="stock">
      <section aria-labelledby="expected-heading">
        <h2 id="expected-heading" className="text-xl font-bold">
          Deliveries expected
        </h2>
        {expected.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">No approved purchase orders waiting for delivery. The inventory agent proposes them on the Agents tab.</p>
        ) : (
          <ul className="mt-3 grid gap-3">
            {expected.map((d) => (
              <li key={d.proposalId} className="rounded-2xl bg-white p-4 ring-1 ring-espresso/10">
                <p className="font-semibold">{d.title}</p>
                <p className="text-sm text-espresso/70">Delivery expected{d.dueAt ? ` by ${day.format(d.dueAt)}` : ""}</p>
                <p className={cn("text-sm", d.order?.status === "DEAD" ? "text-red-800" : "text-espresso/70")}>{orderState(d.order)}</p>
                <CountIn kind="delivery" shopSlug={access.shop.slug} proposalId={d.proposalId} ingredientId={d.ingredientId} name={d.name} unitLabel={unitLabel(d.unit)} expected={d.quantity} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="transfers-heading" className="mt-8">
        <h2 id="transfers-heading" className="text-xl font-bold">
          Transfers between shops
        </h2>
        {transfers.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">No transfers proposed or in transit. The coordinator proposes them when a nearby shop can spare what this one runs short of.</p>
        ) : (
          <ul className="mt-3 grid gap-3">
            {transfers.map((t) => (
              <li key={t.proposalId} className="rounded-2xl bg-white p-4 ring-1 ring-espresso/10">
                <p className="font-semibold">{t.title}</p>
                <p className="text-sm text-espresso/70">
                  {t.state === "in transit"
                    ? `In transit ${t.direction === "in" ? `from ${t.otherShop}` : `to ${t.otherShop}`}${t.approvedAt ? `, sent ${when.format(t.approvedAt)}` : ""}${t.direction === "in" && t.dueAt ? `, expected by ${day.format(t.dueAt)}` : ""}`
                    : t.direction === "in"
                      ? `Proposed: waiting for ${t.otherShop} to approve (expires ${when.format(t.expiresAt)})`
                      : `Proposed: waiting for your approval on the Agents tab (expires ${when.format(t.expiresAt)})`}
                </p>
                {t.direction === "in" && t.state === "in transit" ? <CountIn kind="transfer" shopSlug={access.shop.slug} proposalId={t.proposalId} name={t.name} unitLabel={unitLabel(t.unit)} expected={t.quantity} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="unordered-heading" className="mt-8">
        <h2 id="unordered-heading" className="text-xl font-bold">
          A delivery without an order
        </h2>
        <p className="mt-1 text-sm text-espresso/70">A new shop’s first stock, or anything delivered that no purchase order here covers.</p>
        <ReceiveUnordered shopSlug={access.shop.slug} ingredients={rows.map((r) => ({ id: r.ingredientId, name: r.name, unitLabel: unitLabel(r.unit) }))} />
      </section>

      <section aria-labelledby="stock-heading" className="mt-8">
        <h2 id="stock-heading" className="text-xl font-bold">
          Stock
        </h2>
        <p className="mt-1 text-sm text-espresso/70">Available is on hand minus what waiting orders hold. Cover uses the last 14 days of the stock ledger.</p>
        <ScrollRegion label="Stock of each ingredient" className="mt-3 overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-espresso/70">
                <th className="py-1 pr-3 font-semibold">Ingredient</th>
                <th className="py-1 pr-3 font-semibold">Available</th>
                <th className="py-1 pr-3 font-semibold">Cover</th>
                <th className="py-1 pr-3 font-semibold">Supplier</th>
                <th className="py-1 font-semibold">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ingredientId} className="border-t border-espresso/8">
                  <th scope="row" className="py-2 pr-3 text-left font-semibold">
                    {r.name}
                  </th>
                  <td className="py-2 pr-3 whitespace-nowrap">{formatQuantity(Math.max(0, r.available), r.unit)}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{formatCover(r.daysOfCover)}</td>
                  <td className="py-2 pr-3">{r.supplier ? `${r.supplier.name} · ${r.supplier.leadTimeDays} d · packs of ${formatQuantity(r.supplier.packSize, r.unit)}` : "No supplier set"}</td>
                  <td className={cn("py-2 font-semibold", r.out ? "text-red-700" : r.low ? "text-amber-700" : "text-emerald-700")}>{r.out ? "Out" : r.low ? "Low" : "OK"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="suppliers-heading" className="mt-8">
        <h2 id="suppliers-heading" className="text-xl font-bold">
          Suppliers
        </h2>
        <p className="mt-1 text-sm text-espresso/70">Where each ingredient comes from and how it is bought. The inventory agent proposes purchase orders only for ingredients with a supplier.</p>
        <SupplierForm shopSlug={access.shop.slug} currency={suppliers.currency} rows={suppliers.rows.map((s) => ({ ...s, unitLabel: unitLabel(s.unit) }))} />
      </section>
    </ManagerFrame>
  );
}

/** How the approved order reached the supplier, in a sentence. */
function orderState(order: ExpectedDelivery["order"]): string {
  if (!order) return "No email address for this supplier: order it by phone.";
  if (order.status === "DEAD") return `The order could not be mailed to ${order.mailedTo}${order.error ? ` (${order.error})` : ""}: order it by phone.`;
  return order.status === "DELIVERED" ? `Order mailed to ${order.mailedTo}.` : `Order being mailed to ${order.mailedTo}.`;
}

function unitLabel(unit: "GRAM" | "MILLILITER" | "PIECE"): string {
  return unit === "GRAM" ? "g" : unit === "MILLILITER" ? "ml" : "pieces";
}
