"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { formatMoney, parseCents } from "@/lib/ui/money";
import { saveSupplierAction } from "../actions";
import { fieldMessages } from "@/lib/actions/field-messages";
import { ClientForm } from "@/components/ui/client-form";
import { ClientSelect } from "@/components/ui/client-select";

export type SupplierRow = {
  ingredientId: string;
  name: string;
  unitLabel: string;
  hasSupplier: boolean;
  supplierName: string;
  supplierEmail: string | null;
  leadTimeDays: number;
  packSize: number;
  orderDays: number;
  packPriceCents: number | null;
  reorderLevel: number;
};

/** A whole number typed by a person, or NaN (the server's schema then names the field). */
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * How the shop buys one ingredient: pick it, and its current settings fill the fields. Saving
 * tells the inventory agent at once (a new shop's first purchase orders follow).
 */
export function SupplierForm({ shopSlug, currency, rows }: { shopSlug: string; currency: string; rows: SupplierRow[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [ingredientId, setIngredientId] = useState(rows[0]?.ingredientId ?? "");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const row = rows.find((r) => r.ingredientId === ingredientId);

  function submit(form: FormData) {
    if (!row) return;
    const text = (name: string) => String(form.get(name) ?? "");
    const priceText = text("packPrice").trim();
    const packPriceCents = priceText === "" ? null : parseCents(priceText);
    setError(null);
    setNotice(null);
    if (packPriceCents === null && priceText !== "") {
      setIssues({ packPriceCents: "Enter a price like 31.50, or leave it empty if you do not know it." });
      return;
    }
    startTransition(async () => {
      const result = await saveSupplierAction(shopSlug, {
        ingredientId,
        supplierName: text("supplierName"),
        supplierEmail: text("supplierEmail").trim() || null,
        leadTimeDays: whole(text("leadTimeDays")),
        packSize: whole(text("packSize")),
        orderDays: whole(text("orderDays")),
        packPriceCents,
        reorderLevel: whole(text("reorderLevel")),
      });
      if (!result.ok) {
        const fields = fieldMessages(result.error);
        setIssues(fields);
        // A field's own message says it where the field is; the summary is for the rest.
        setError(Object.keys(fields).some((f) => f !== "ingredientId") ? null : result.error.message);
        return;
      }
      setIssues({});
      setNotice(`Saved: the inventory agent looks at ${row.name.toLowerCase()} now.`);
      router.refresh();
    });
  }

  return (
    <ClientForm aria-label="Supplier settings" onSubmit={keepInputOnSubmit(submit)} noValidate className="mt-3 grid max-w-2xl gap-4 rounded-2xl bg-white p-4 ring-1 ring-espresso/10 sm:grid-cols-2">
      <div className="grid gap-1.5 sm:col-span-2">
        <label htmlFor="supplier-ingredient" className="text-sm font-semibold">
          Ingredient
        </label>
        <ClientSelect
          id="supplier-ingredient"
          value={ingredientId}
          onChange={(e) => {
            setIngredientId(e.target.value);
            setIssues({});
            setError(null);
            setNotice(null);
          }}
          className="h-11 rounded-xl bg-white px-3 ring-1 ring-espresso/15"
        >
          {rows.map((r) => (
            <option key={r.ingredientId} value={r.ingredientId}>
              {r.name}
              {r.hasSupplier ? "" : " (no supplier yet)"}
            </option>
          ))}
        </ClientSelect>
      </div>
      {row ? (
        // Keyed by ingredient: choosing another one fills the fields with its settings.
        <fieldset key={row.ingredientId} className="contents">
          <legend className="sr-only">{row.name}</legend>
          <Field id="supplierName" name="supplierName" label="Supplier" defaultValue={row.supplierName} error={issues.supplierName} />
          <Field id="supplierEmail" name="supplierEmail" label="Email for orders" type="email" autoComplete="off" defaultValue={row.supplierEmail ?? ""} error={issues.supplierEmail} hint="Approved purchase orders are mailed here. Empty: you order by phone." />
          <Field id="leadTimeDays" name="leadTimeDays" label="Lead time (days)" inputMode="numeric" defaultValue={String(row.leadTimeDays)} error={issues.leadTimeDays} hint="From ordering to delivery." />
          <Field id="orderDays" name="orderDays" label="Days one order covers" inputMode="numeric" defaultValue={String(row.orderDays)} error={issues.orderDays} />
          <Field id="packSize" name="packSize" label={`Pack size (${row.unitLabel})`} inputMode="numeric" defaultValue={String(row.packSize)} error={issues.packSize} hint="Orders are whole packs." />
          <Field
            id="packPrice"
            name="packPrice"
            label={`Pack price (${currency})`}
            inputMode="decimal"
            defaultValue={row.packPriceCents === null ? "" : (row.packPriceCents / 100).toFixed(2)}
            error={issues.packPriceCents}
            hint={row.packPriceCents === null ? "Unknown: new drinks leave this ingredient out." : `Now ${formatMoney(row.packPriceCents, currency)}; new drinks are costed with it.`}
          />
          <Field id="reorderLevel" name="reorderLevel" label={`Reorder level (${row.unitLabel})`} inputMode="numeric" defaultValue={String(row.reorderLevel)} error={issues.reorderLevel} hint="Below it the agent reorders, even without recent use." />
        </fieldset>
      ) : null}
      <div className="grid gap-2 sm:col-span-2">
        <FormError message={error} />
        {notice ? (
          <p role="status" className="text-sm font-semibold text-emerald-800">
            {notice}
          </p>
        ) : null}
        <Button type="submit" disabled={pending || !row} className="justify-self-start">
          Save supplier
        </Button>
      </div>
    </ClientForm>
  );
}
