import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { privateKeyToAccount } from "viem/accounts";
import { RefundLoader } from "@/components/refunds/refund-loader";
import { TxHash } from "@/components/refunds/refund-shared";
import { CHAINS } from "@/lib/chain/config";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { statusLabel } from "@/lib/orders/state-machine";
import { explorerTxBase, getShopOrder, type RefundView } from "@/lib/payments/refund-view";
import { formatMoney } from "@/lib/ui/money";
import { walletSettings } from "@/lib/wallet/settings";
import { managerAccess } from "../../_components/manager-access";
import { ManagerFrame } from "../../_components/manager-frame";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Order · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string; id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /manager/:shop/orders/:id — one order for its manager: what was ordered and, once cancelled, its refund. */
export default async function ManagerOrderPage({ params }: Props) {
  const { shop, id } = await params;
  const access = await managerAccess(shop, "order:refund", `orders/${encodeURIComponent(id)}`);
  if (!access.ok) return access.page;
  const order = UUID.test(id) ? await getShopOrder(db(), access.shop.id, id) : null;
  if (!order) notFound();
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: access.shop.timezone });

  return (
    <ManagerFrame shop={access.shop} tab="orders">
      <p className="text-sm">
        <Link href={`/manager/${access.shop.slug}/orders`} className="font-semibold underline-offset-2 hover:underline">
          ← All orders
        </Link>
      </p>
      <h2 className="mt-2 text-xl font-bold">
        Order <span className="font-mono">{order.pickupCode}</span> for {order.customerName}
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-espresso/75">Placed</dt>
        <dd>{when.format(order.placedAt)}</dd>
        <dt className="text-espresso/75">Items</dt>
        <dd>{order.items.map((i) => `${i.quantity} × ${i.productName}`).join(", ")}</dd>
        <dt className="text-espresso/75">Total</dt>
        <dd>{formatMoney(order.totalCents, order.currency)}</dd>
        <dt className="text-espresso/75">Payment</dt>
        <dd>{order.paymentMethod === "CRYPTO" ? "Crypto wallet" : "At pickup"}</dd>
        <dt className="text-espresso/75">Status</dt>
        <dd>
          Status: {statusLabel(order.status)}
          {order.cancelReason ? ` (${order.cancelReason})` : ""}
        </dd>
      </dl>
      {order.refund.kind === "not-cancelled" ? null : (
        <section aria-labelledby="refund-heading" className="mt-6 rounded-2xl bg-white p-5 ring-1 ring-espresso/10">
          <h3 id="refund-heading" className="text-lg font-bold">
            Refund
          </h3>
          <div className="mt-2">
            <RefundSection orderId={order.id} refund={order.refund} />
          </div>
        </section>
      )}
    </ManagerFrame>
  );
}

function RefundSection({ orderId, refund }: { orderId: string; refund: Exclude<RefundView, { kind: "not-cancelled" }> }) {
  switch (refund.kind) {
    case "no-money":
      return <p className="text-sm">No money taken: nothing to refund.</p>;
    case "confirming":
      return <p className="text-sm">The payment is still confirming on chain. Refund it once it has settled; reload this page in a minute.</p>;
    case "by-hand":
      return <p className="text-sm">{refund.reason}</p>;
    case "sending":
      return (
        <p role="status" className="text-sm">
          A refund is being sent{refund.txHash ? " in " : "."}
          {refund.txHash ? <span className="font-mono break-all">{refund.txHash}</span> : null} Reload this page in a minute.
        </p>
      );
    case "refunded":
      return (
        <div role="status" className="text-sm">
          <p className="font-semibold">Refunded{refund.display ? ` ${refund.display}` : ""}</p>
          {refund.txHash ? (
            <p className="mt-1">
              Transaction <TxHash hash={refund.txHash} explorerTxBase={refund.explorerTxBase} />
            </p>
          ) : null}
        </div>
      );
    case "refundable": {
      const config = env();
      const { target } = refund;
      const settings = walletSettings(config);
      const appKey = (CHAINS[target.chainId]?.local ?? false) && config.REFUND_PRIVATE_KEYS.some((k) => privateKeyToAccount(k as `0x${string}`).address === target.from);
      // In browser tests the Test wallet acts as the shop's wallet (an unlocked anvil account).
      return <RefundLoader orderId={orderId} target={target} appKey={appKey} explorerTxBase={explorerTxBase(target.chainId)} settings={settings.testConnector ? { ...settings, testAccount: target.from } : settings} />;
    }
  }
}
