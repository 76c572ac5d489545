import type { Metadata } from "next";
import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { db } from "@/lib/db";
import { statusLabel } from "@/lib/orders/state-machine";
import { listShopOrders } from "@/lib/payments/refund-view";
import { formatMoney } from "@/lib/ui/money";
import { cn } from "@/lib/ui/cn";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { MoneyCell } from "./money-cell";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Orders · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }>; searchParams: Promise<{ show?: string }> };

const PAYMENT = { CRYPTO: "Crypto", PAY_AT_PICKUP: "At pickup" } as const;

/** /manager/:shop/orders — the shop's newest orders; cancelled ones say where their money stands and offer the refund. */
export default async function ManagerOrdersPage({ params, searchParams }: Props) {
  const access = await managerAccess((await params).shop, "order:refund", "orders");
  if (!access.ok) return access.page;
  const cancelledOnly = (await searchParams).show === "cancelled";
  const orders = await listShopOrders(db(), access.shop.id, { cancelledOnly });
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: access.shop.timezone });
  const base = `/manager/${access.shop.slug}/orders`;

  return (
    <ManagerFrame shop={access.shop} tab="orders">
      <h2 className="text-xl font-bold">Orders</h2>
      <p className="mt-1 text-sm text-espresso/75">The newest 50 orders. A cancelled order paid with a wallet is refunded from the shop’s wallet. Times in {access.shop.timezone}.</p>
      <nav aria-label="Which orders" className="mt-3 flex gap-2 text-sm">
        {[
          { href: base, label: "All", current: !cancelledOnly },
          { href: `${base}?show=cancelled`, label: "Cancelled", current: cancelledOnly },
        ].map((l) => (
          <Link key={l.label} href={l.href} aria-current={l.current ? "page" : undefined} className={cn("rounded-full px-3 py-1 font-semibold", l.current ? "bg-espresso text-foam" : "ring-1 ring-espresso/15 hover:bg-foam")}>
            {l.label}
          </Link>
        ))}
      </nav>
      {orders.length === 0 ? (
        <p className="mt-6 text-espresso/75">No orders here yet.</p>
      ) : (
        <ScrollRegion label="Orders table" className="mt-4 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Orders of {access.shop.name}, newest first</caption>
            <thead>
              <tr className="text-left text-xs text-espresso/75">
                <th className="py-1 pr-3 font-semibold">Order</th>
                <th className="py-1 pr-3 font-semibold">Placed</th>
                <th className="py-1 pr-3 font-semibold">Items</th>
                <th className="py-1 pr-3 text-right font-semibold">Total</th>
                <th className="py-1 pr-3 font-semibold">Payment</th>
                <th className="py-1 pr-3 font-semibold">Status</th>
                <th className="py-1 font-semibold">Money</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => {
                const href = `${base}/${o.id}`;
                return (
                  <tr key={o.id} aria-label={`Order ${o.pickupCode} for ${o.customerName}`} className="border-t border-espresso/8 align-top">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <Link href={href} className="font-mono font-semibold underline-offset-2 hover:underline">
                        {o.pickupCode}
                      </Link>{" "}
                      {o.customerName}
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <time dateTime={o.placedAt.toISOString()}>{when.format(o.placedAt)}</time>
                    </td>
                    <td className="py-2 pr-3">{o.items.map((i) => `${i.quantity} × ${i.productName}`).join(", ")}</td>
                    <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{formatMoney(o.totalCents, o.currency)}</td>
                    <td className="py-2 pr-3">{PAYMENT[o.paymentMethod]}</td>
                    <td className="py-2 pr-3">{capitalized(statusLabel(o.status))}</td>
                    <td className="py-2">
                      <MoneyCell refund={o.refund} href={href} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </ManagerFrame>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
