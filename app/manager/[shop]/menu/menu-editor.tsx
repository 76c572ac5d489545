"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { EditableProduct } from "@/lib/catalog/edit-menu";
import { formatMoney, parseCents } from "@/lib/ui/money";
import { updateProductAction } from "../actions";
import { InlineStatus, type RowStatus } from "./inline-status";
import { ClientInput } from "@/components/ui/client-input";

type Product = Omit<EditableProduct, "optionGroups">;

/** The product table: one row per product with its price here, availability and a Save button. */
export function MenuEditor({ shopSlug, products }: { shopSlug: string; products: Product[] }) {
  const byCategory = new Map<string, Product[]>();
  for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  return (
    <div className="mt-4 grid gap-6">
      {[...byCategory].map(([category, rows]) => (
        <table key={category} className="w-full text-sm">
          <caption className="pb-2 text-left text-base font-semibold">{category}</caption>
          <thead className="sr-only sm:not-sr-only">
            <tr className="text-left text-xs text-espresso/70">
              <th className="py-1 font-semibold">Product</th>
              <th className="py-1 font-semibold">Price</th>
              <th className="py-1 font-semibold">Available</th>
              <th className="py-1">
                <span className="sr-only">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <ProductRow key={p.id} shopSlug={shopSlug} product={p} />
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

function ProductRow({ shopSlug, product }: { shopSlug: string; product: Product }) {
  const [saved, setSaved] = useState(product);
  const [price, setPrice] = useState((product.priceCents / 100).toFixed(2));
  const [available, setAvailable] = useState(product.available);
  const [status, setStatus] = useState<RowStatus>(null);
  const [pending, startTransition] = useTransition();

  const cents = parseCents(price);
  const dirty = cents !== saved.priceCents || available !== saved.available;
  const inputId = `price-${product.id}`;

  function save() {
    if (cents === null) return setStatus({ error: "Enter a price like 4.75." });
    startTransition(async () => {
      const result = await updateProductAction(shopSlug, { productId: product.id, priceCents: cents, available });
      if (!result.ok) return setStatus({ error: result.error.message });
      setSaved(result.data);
      setPrice((result.data.priceCents / 100).toFixed(2));
      setStatus("saved");
    });
  }

  return (
    <tr className="border-t border-espresso/8 align-top">
      <th scope="row" className="py-2 pr-3 text-left font-medium">
        {product.name}
        {saved.overridden ? <span className="block text-xs font-normal text-espresso/70">Catalog price {formatMoney(product.basePriceCents)}</span> : null}
      </th>
      <td className="py-2 pr-3">
        <label htmlFor={inputId} className="sr-only">
          Price of {product.name}
        </label>
        <span className="inline-flex items-center rounded-lg bg-white ring-1 ring-espresso/15 focus-within:ring-2 focus-within:ring-crema">
          <span aria-hidden className="pl-2 text-espresso/70">
            $
          </span>
          <ClientInput
            id={inputId}
            inputMode="decimal"
            value={price}
            aria-invalid={cents === null ? true : undefined}
            onChange={(e) => {
              setPrice(e.target.value);
              setStatus(null);
            }}
            className="h-9 w-20 rounded-lg bg-transparent px-1.5 outline-none"
          />
        </span>
      </td>
      <td className="py-2 pr-3">
        <label className="inline-flex h-9 items-center gap-2">
          <input
            type="checkbox"
            checked={available}
            onChange={(e) => {
              setAvailable(e.target.checked);
              setStatus(null);
            }}
            className="size-4 accent-espresso"
          />
          <span className="sr-only">{product.name} is available</span>
          <span aria-hidden>{available ? "Yes" : "No"}</span>
        </label>
      </td>
      <td className="py-2 text-right">
        <Button size="sm" variant="secondary" disabled={!dirty || pending} onClick={save} aria-label={`Save ${product.name}`}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <InlineStatus status={status} />
      </td>
    </tr>
  );
}
