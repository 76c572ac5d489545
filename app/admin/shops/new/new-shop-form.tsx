"use client";

import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { parsePercentBps } from "@/lib/ui/money";
import { createShopAction } from "../../actions";
import { fieldMessages } from "@/lib/actions/field-messages";
import { ClientForm } from "@/components/ui/client-form";

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^go-coffee-/, "")
    .slice(0, 40);

export function NewShopForm({ timeZones }: { timeZones: string[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);

  function submit(form: FormData) {
    const text = (key: string) => String(form.get(key) ?? "");
    startTransition(async () => {
      const result = await createShopAction({
        name,
        slug: slug ?? slugOf(name),
        addressLine: text("addressLine"),
        city: text("city"),
        postalCode: text("postalCode"),
        country: text("country"),
        timezone: text("timezone"),
        taxRateBps: parsePercentBps(text("taxRate")) ?? Number.NaN,
      });
      if (result.ok) return router.push(`/manager/${result.data.slug}/settings`);
      setError(result.error.message);
      setIssues(fieldMessages(result.error));
    });
  }

  return (
    <ClientForm onSubmit={keepInputOnSubmit(submit)} className="mt-6 grid gap-4 sm:grid-cols-2" noValidate>
      <FormError message={error} />
      <Field id="name" name="name" label="Shop name" className="sm:col-span-2" value={name} onChange={(e) => setName(e.target.value)} error={issues.name} />
      <Field id="slug" name="slug" label="Web address" className="sm:col-span-2" hint={`gocoffee/shops/${slug ?? slugOf(name)}`} value={slug ?? slugOf(name)} onChange={(e) => setSlug(e.target.value)} error={issues.slug} />
      <Field id="addressLine" name="addressLine" label="Street address" className="sm:col-span-2" error={issues.addressLine} />
      <Field id="city" name="city" label="City" error={issues.city} />
      <Field id="postalCode" name="postalCode" label="Postal code" error={issues.postalCode} />
      <Field id="country" name="country" label="Country code" defaultValue="US" maxLength={2} error={issues.country} />
      <Field id="taxRate" name="taxRate" label="Sales tax (%)" inputMode="decimal" defaultValue="0" error={issues.taxRateBps} />
      <div className="grid gap-1.5 sm:col-span-2">
        <label htmlFor="timezone" className="text-sm font-semibold">
          Time zone
        </label>
        <select id="timezone" name="timezone" defaultValue="America/New_York" className="h-11 rounded-xl bg-white px-3 ring-1 ring-espresso/15">
          {timeZones.map((tz) => (
            <option key={tz}>{tz}</option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Opening…" : "Open shop"}
      </Button>
    </ClientForm>
  );
}
