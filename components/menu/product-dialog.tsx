"use client";

import { useId, useState } from "react";
import type { MenuProduct } from "@/lib/catalog/types";
import { defaultSelection, resolveLine, type Selection } from "@/lib/orders/build-order";
import { MAX_LINE_QUANTITY } from "@/lib/orders/input";
import { cn } from "@/lib/ui/cn";
import { formatMoney } from "@/lib/ui/money";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { QuantityStepper } from "@/components/ui/quantity-stepper";
import { sentence } from "@/components/ui/sentence";
import type { LineChoice } from "@/components/cart/use-cart";
import { OptionGroupField } from "./option-group-field";
import { ProductImage } from "./product-image";
import { ChosenDietaryLabels } from "./dietary-labels";
import { productTags } from "@/lib/catalog/dietary";
import { ClientForm } from "@/components/ui/client-form";

export type ProductDialogProps = {
  product: MenuProduct;
  currency: string;
  /** The line being edited, or nothing to add a new one. */
  initial?: LineChoice;
  /** Null while the shop takes orders; otherwise why it does not ("Closed — opens 07:00"). */
  orderingBlocked: string | null;
  onSubmit: (choice: LineChoice) => void;
  onClose: () => void;
};

/** Choose options, quantity and a note for one product; the price follows every choice. */
export function ProductDialog({ product, currency, initial, orderingBlocked, onSubmit, onClose }: ProductDialogProps) {
  const id = useId();
  const [selection, setSelection] = useState<Selection>(() => ({ ...defaultSelection(product), ...initial?.options }));
  const [quantity, setQuantity] = useState(initial?.quantity ?? 1);
  const [notes, setNotes] = useState(initial?.notes ?? "");

  const result = resolveLine(product, selection, quantity, notes.trim() || undefined);
  const totalCents = result.line ? result.line.lineTotalCents : fallbackTotal(product, selection, quantity);
  const problem = result.line ? null : result.problems[0]?.message;
  const verb = initial ? "Update item" : "Add to cart";
  const chosenIds = new Set(product.optionGroups.flatMap((g) => g.options.filter((o) => (selection[g.slug] ?? []).includes(o.slug)).map((o) => o.id)));
  const tags = productTags(product, chosenIds);

  return (
    <Dialog open onClose={onClose} labelledBy={`${id}-title`} describedBy={`${id}-description`} variant="sheet">
      <ClientForm
        className="flex min-h-0 flex-1 flex-col"
        onSubmit={(event) => {
          event.preventDefault();
          if (!result.line || orderingBlocked) return;
          onSubmit({ product: product.slug, options: selection, quantity, notes: notes.trim() || undefined });
        }}
      >
        <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
          <div className="relative flex h-44 items-end justify-center bg-[#F5EBDD] sm:h-48">
            <ProductImage product={product} className="size-40 rounded-none sm:size-44" />
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="absolute top-3 right-3 grid size-10 place-items-center rounded-full bg-white/90 text-xl text-espresso shadow-sm ring-1 ring-espresso/10 hover:bg-white focus-visible:outline-2 focus-visible:outline-crema"
            >
              <span aria-hidden>×</span>
            </button>
          </div>
          <div className="px-5 pt-5 pb-6">
            <h2 id={`${id}-title`} className="text-2xl leading-tight font-bold tracking-tight">
              {product.name}
            </h2>
            <p id={`${id}-description`} className="mt-2 text-[0.95rem] leading-relaxed text-espresso/70">
              {product.description}
            </p>
            <ChosenDietaryLabels tags={tags} />
            {!product.available && product.unavailableReason ? (
              <p className="mt-4 rounded-2xl bg-red-50 px-4 py-3 text-sm font-medium text-red-900 ring-1 ring-red-700/15">{product.unavailableReason}</p>
            ) : null}

            {product.optionGroups.map((group) => (
              <OptionGroupField
                key={group.id}
                idPrefix={id}
                group={group}
                value={selection[group.slug] ?? []}
                currency={currency}
                onChange={(value) => setSelection((s) => ({ ...s, [group.slug]: value }))}
              />
            ))}

            <div className="mt-6">
              <label htmlFor={`${id}-notes`} className="flex items-baseline justify-between gap-3 pb-2.5">
                <span className="text-base font-semibold">Item note</span>
                <span className="text-xs font-medium text-espresso/75">Optional</span>
              </label>
              <textarea
                id={`${id}-notes`}
                value={notes}
                onChange={(event) => setNotes(event.target.value)}
                maxLength={140}
                rows={2}
                placeholder="Extra hot, no lid…"
                className="block w-full resize-none rounded-2xl bg-white px-4 py-3 text-[0.95rem] ring-1 ring-espresso/15 placeholder:text-espresso/35 focus:ring-2 focus:ring-espresso focus:outline-none"
              />
            </div>
          </div>
        </div>

        <div className="shrink-0 border-t border-espresso/10 bg-white px-5 pt-3 pb-[max(1rem,env(safe-area-inset-bottom))]">
          {problem || orderingBlocked ? (
            <p role="status" className={cn("mb-2 text-sm font-medium", orderingBlocked ? "text-espresso/75" : "text-red-800")}>
              {orderingBlocked ?? sentence(problem ?? "")}
            </p>
          ) : null}
          <div className="flex items-center gap-3">
            <QuantityStepper value={quantity} onChange={setQuantity} max={MAX_LINE_QUANTITY} />
            <Button type="submit" size="lg" className="flex-1" disabled={!result.line || orderingBlocked !== null}>
              {verb} — <span className="tabular-nums">{formatMoney(totalCents, currency)}</span>
            </Button>
          </div>
        </div>
      </ClientForm>
    </Dialog>
  );
}

/** The price to show while the choice cannot be ordered (so the button never says $0.00). */
function fallbackTotal(product: MenuProduct, selection: Selection, quantity: number): number {
  let unit = product.priceCents;
  for (const group of product.optionGroups) {
    for (const slug of selection[group.slug] ?? []) unit += group.options.find((o) => o.slug === slug)?.priceDeltaCents ?? 0;
  }
  return unit * quantity;
}
