import { cn } from "@/lib/ui/cn";
import { formatMoney } from "@/lib/ui/money";
import type { OrderTotals } from "@/lib/orders/pricing";

/** "8.63%" from 863 basis points. */
export function formatRate(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** Subtotal, the free drink paid with beans (when there is one), tax (only when the shop charges it), the tip (when there is one) and total. */
export function TotalsList({ totals, currency, taxRateBps, className }: { totals: OrderTotals & { tipCents?: number }; currency: string; taxRateBps?: number; className?: string }) {
  const showTax = taxRateBps === undefined ? totals.taxCents > 0 : taxRateBps > 0;
  return (
    <dl className={cn("space-y-1.5 text-sm", className)}>
      <div className="flex justify-between gap-4">
        <dt className="text-espresso/70">Subtotal</dt>
        <dd className="tabular-nums">{formatMoney(totals.subtotalCents, currency)}</dd>
      </div>
      {totals.discountCents > 0 ? (
        <div className="flex justify-between gap-4 font-medium text-emerald-800">
          <dt>Free drink (beans)</dt>
          <dd className="tabular-nums">−{formatMoney(totals.discountCents, currency)}</dd>
        </div>
      ) : null}
      {showTax ? (
        <div className="flex justify-between gap-4">
          <dt className="text-espresso/70">Tax{taxRateBps ? ` (${formatRate(taxRateBps)})` : ""}</dt>
          <dd className="tabular-nums">{formatMoney(totals.taxCents, currency)}</dd>
        </div>
      ) : null}
      {totals.tipCents ? (
        <div className="flex justify-between gap-4">
          <dt className="text-espresso/70">Tip</dt>
          <dd className="tabular-nums">{formatMoney(totals.tipCents, currency)}</dd>
        </div>
      ) : null}
      <div className="flex justify-between gap-4 border-t border-espresso/10 pt-2.5 text-base font-bold">
        <dt>Total</dt>
        <dd className="tabular-nums">{formatMoney(totals.totalCents, currency)}</dd>
      </div>
    </dl>
  );
}
