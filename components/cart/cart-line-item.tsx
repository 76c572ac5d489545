import { MAX_LINE_QUANTITY } from "@/lib/orders/input";
import { cn } from "@/lib/ui/cn";
import { formatMoney } from "@/lib/ui/money";
import { QuantityStepper } from "@/components/ui/quantity-stepper";
import { ProductImage } from "@/components/menu/product-image";
import { describeSelection } from "@/components/menu/product-price";
import type { PricedCartLine } from "./price-cart";

export type CartLineActions = {
  onQuantity: (quantity: number) => void;
  onEdit: () => void;
  onRemove: () => void;
};

/** One cart line: what was chosen, its price (or why it cannot be ordered now) and, when editable, the controls. */
export function CartLineItem({ item, currency, actions }: { item: PricedCartLine; currency: string; actions?: CartLineActions }) {
  const { line, product, resolved, problem } = item;
  const name = product?.name ?? line.product;
  const options = product ? describeSelection(product, line.options) : "";
  return (
    <li className="flex gap-3 py-4">
      {product ? <ProductImage product={product} className={cn("size-14 shrink-0", problem && "opacity-50 grayscale")} /> : null}
      <div className="min-w-0 flex-1">
        <div className="flex items-start justify-between gap-3">
          <p className={cn("leading-snug font-semibold", problem && "text-espresso/75")}>
            {actions ? null : <span className="tabular-nums">{line.quantity} × </span>}
            {name}
          </p>
          <p className="shrink-0 font-semibold tabular-nums">{resolved ? formatMoney(resolved.lineTotalCents, currency) : "—"}</p>
        </div>
        {options ? <p className="mt-0.5 text-sm text-espresso/75">{options}</p> : null}
        {line.notes ? <p className="mt-0.5 text-sm text-espresso/75 italic">“{line.notes}”</p> : null}
        {problem ? (
          <p className="mt-1.5 inline-flex rounded-lg bg-red-50 px-2 py-1 text-xs font-semibold text-red-800 ring-1 ring-red-700/15">
            {problem} {actions ? "Remove it to check out." : ""}
          </p>
        ) : null}
        {actions ? (
          <div className="mt-2.5 flex items-center gap-1">
            <QuantityStepper value={line.quantity} onChange={actions.onQuantity} max={MAX_LINE_QUANTITY} size="sm" label={`Quantity of ${name}`} />
            {product ? (
              <button type="button" onClick={actions.onEdit} className="ml-2 rounded-full px-3 py-1.5 text-sm font-semibold text-espresso/80 hover:bg-espresso/6 focus-visible:outline-2 focus-visible:outline-crema" aria-label={`Edit ${name}`}>
                Edit
              </button>
            ) : null}
            <button type="button" onClick={actions.onRemove} className="rounded-full px-3 py-1.5 text-sm font-semibold text-red-800/85 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-crema" aria-label={`Remove ${name}`}>
              Remove
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
