import { hasEnded } from "@/lib/orders/state-machine";
import type { OrderView } from "@/lib/orders/view";
import { cn } from "@/lib/ui/cn";
import type { Connection } from "./use-live-order";
import { OrderEta } from "./order-eta";
import { STATUS_TITLES } from "./status-labels";
import { StatusStepper } from "./status-stepper";

/** Where the order is: the announced status, the ETA, the steps, and a banner when it matters. */
export function StatusPanel({ order, connection }: { order: OrderView; connection: Connection }) {
  const { status } = order;
  const ended = hasEnded(status);
  return (
    <section aria-labelledby="status-title" className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8 sm:p-6">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id="status-title" className="sr-only">
            Order status
          </h2>
          <p aria-live="polite" aria-atomic="true" className="text-2xl font-bold tracking-tight sm:text-3xl">
            <span className="sr-only">Status: </span>
            {STATUS_TITLES[status]}
          </p>
          <div className="mt-1">
            <OrderEta order={order} />
          </div>
        </div>
        <LiveDot connection={connection} />
      </div>

      {status === "READY" ? (
        <div className="mt-5 rounded-2xl bg-emerald-600 px-5 py-4 text-white shadow-sm">
          <p className="text-lg font-bold">Your order is ready</p>
          <p className="text-sm text-white/90">Head to the counter and show your pickup code.</p>
        </div>
      ) : null}
      {status === "CLAIMED" ? (
        <div className="mt-5 rounded-2xl bg-espresso px-5 py-4 text-foam">
          <p className="text-lg font-bold">Collected</p>
          <p className="text-sm text-foam/80">Enjoy! Thanks for ordering with Go Coffee.</p>
        </div>
      ) : null}
      {ended ? (
        <div className="mt-5 rounded-2xl bg-red-50 px-5 py-4 text-red-900 ring-1 ring-red-700/15">
          <p className="font-bold">{cancelTitle(order.cancelReason)}</p>
          <p className="text-sm text-red-900/75">{status === "REFUNDED" ? "Your payment has been refunded." : status === "REFUNDING" ? "Your refund is on its way to your wallet." : order.paymentMethod === "PAY_AT_PICKUP" ? "You have not been charged." : "Your payment will be refunded to your wallet."}</p>
        </div>
      ) : null}
      {status === "PENDING_PAYMENT" ? <p className="mt-4 text-sm text-espresso/70">We start on your order as soon as your payment arrives.</p> : null}

      {ended ? null : (
        <div className="mt-6">
          <StatusStepper status={status} />
        </div>
      )}
    </section>
  );
}

function LiveDot({ connection }: { connection: Connection }) {
  const live = connection === "live";
  return (
    <p className={cn("inline-flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold", live ? "bg-emerald-50 text-emerald-800" : "bg-espresso/6 text-espresso/75")}>
      <span aria-hidden className={cn("size-1.5 rounded-full", live ? "bg-emerald-600" : "bg-espresso/40")} />
      {live ? "Live" : connection === "connecting" ? "Connecting" : "Reconnecting"}
    </p>
  );
}

/** "Cancelled: Out of oat milk"; a reason that already says "Cancelled…" is shown as it is. */
function cancelTitle(reason: string | null): string {
  if (!reason) return "Cancelled";
  return /^cancel/i.test(reason) ? reason : `Cancelled: ${reason}`;
}
