"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { receiveDeliveryAction } from "../actions";
import { ClientSelect } from "@/components/ui/client-select";
import { ClientInput } from "@/components/ui/client-input";

/** A delivery without a purchase order (a new shop's first stock, a delivery booked by phone): one ingredient and its counted quantity. */
export function ReceiveUnordered({ shopSlug, ingredients }: { shopSlug: string; ingredients: { id: string; name: string; unitLabel: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [ingredientId, setIngredientId] = useState(ingredients[0]?.id ?? "");
  const [counted, setCounted] = useState("");
  const unit = ingredients.find((i) => i.id === ingredientId)?.unitLabel ?? "";

  function submit() {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const quantity = Number(counted);
      const result = await receiveDeliveryAction(shopSlug, { proposalId: null, lines: [{ ingredientId, quantity: counted.trim() !== "" && Number.isInteger(quantity) ? quantity : -1 }] });
      if (!result.ok) return setError(result.error.message);
      setNotice("Counted into stock.");
      setCounted("");
      router.refresh();
    });
  }

  return (
    <form action={submit} className="mt-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="unordered-ingredient" className="block text-xs font-semibold text-espresso/70">
          Ingredient
        </label>
        <ClientSelect id="unordered-ingredient" value={ingredientId} onChange={(e) => setIngredientId(e.target.value)} className="mt-1 rounded-lg px-2 py-1.5 ring-1 ring-espresso/20">
          {ingredients.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </ClientSelect>
      </div>
      <div>
        <label htmlFor="unordered-count" className="block text-xs font-semibold text-espresso/70">
          Counted ({unit})
        </label>
        <ClientInput id="unordered-count" inputMode="numeric" value={counted} onChange={(e) => setCounted(e.target.value)} className="mt-1 w-32 rounded-lg px-2 py-1.5 ring-1 ring-espresso/20" />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        Receive without an order
      </Button>
      <div className="basis-full">
        <FormError message={error} />
        {notice ? (
          <p role="status" className="text-sm text-emerald-800">
            {notice}
          </p>
        ) : null}
      </div>
    </form>
  );
}
