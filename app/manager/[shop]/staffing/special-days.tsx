"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { fieldMessages } from "@/lib/actions/field-messages";
import { addSpecialDayAction, removeSpecialDayAction } from "./actions";
import { ClientForm } from "@/components/ui/client-form";

export type SpecialDayItem = { id: string; date: string; name: string; closed: boolean; levelPct: number | null };

/** A whole number typed by a person, or NaN (the server's schema then names the field). */
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
const dayLabel = new Intl.DateTimeFormat("en-US", { weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const formatDate = (date: string) => dayLabel.format(new Date(`${date}T12:00:00Z`));

/**
 * The shop's calendar of special days: add a day (closed, or an expected level as a percentage of
 * a normal day) and remove one. The scheduler plans again at once; past days are what it learns
 * a coming day's level from (last year's Thanksgiving for this year's).
 */
export function SpecialDays({ shopSlug, today, days }: { shopSlug: string; today: string; days: SpecialDayItem[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [kind, setKind] = useState<"closed" | "level">("level");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const replannedNote = (replanned: boolean) => (replanned ? " The staffing plan has been made again." : " The plan will follow at the scheduler’s next run.");

  function add(form: FormData) {
    const text = (name: string) => String(form.get(name) ?? "");
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await addSpecialDayAction(shopSlug, { date: text("date"), name: text("name"), kind, levelPct: kind === "level" ? whole(text("levelPct")) : null });
      if (!result.ok) {
        const fields = fieldMessages(result.error);
        setIssues(fields);
        setError(Object.keys(fields).length > 0 ? null : result.error.message);
        return;
      }
      setIssues({});
      setNotice(`Added ${result.data.day.name} on ${formatDate(result.data.day.date)}.${replannedNote(result.data.replanned)}`);
      router.refresh();
    });
  }

  function remove(day: SpecialDayItem) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await removeSpecialDayAction(shopSlug, { id: day.id });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setNotice(`Removed ${day.name} on ${formatDate(day.date)}.${replannedNote(result.data.replanned)}`);
      router.refresh();
    });
  }

  const coming = days.filter((d) => d.date >= today);
  const past = days.filter((d) => d.date < today).reverse();

  return (
    <div className="mt-2">
      <p className="text-sm text-espresso/80">
        Public holidays and events that make a day unlike a normal one. Past ones are left out of the weekday pattern and the trend (for staffing and for stock); coming ones are
        forecast at their level, and a closed day gets no orders, no staff and no ingredient use. When a past day has the same name (last year’s Thanksgiving), its level is learned
        from what the shop really sold that day, in preference to the one entered.
      </p>
      {days.length === 0 ? (
        <p className="mt-2 text-sm text-espresso/80">No special days yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Special days</caption>
            <thead>
              <tr className="text-left text-xs text-espresso/80">
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Date
                </th>
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Name
                </th>
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Expected
                </th>
                <th scope="col" className="py-1 font-semibold">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...coming, ...past].map((d) => (
                <tr key={d.id} className="border-t border-espresso/8">
                  <th scope="row" className="py-1.5 pr-3 text-left font-semibold">
                    {formatDate(d.date)}
                    {d.date < today ? <span className="ml-1 font-normal text-espresso/70">(past)</span> : null}
                  </th>
                  <td className="py-1.5 pr-3">{d.name}</td>
                  <td className="py-1.5 pr-3">{d.closed ? "Closed" : `${d.levelPct} % of a normal day`}</td>
                  <td className="py-1.5">
                    <Button type="button" variant="danger" size="sm" disabled={pending} onClick={() => remove(d)} aria-label={`Remove ${d.name} on ${formatDate(d.date)}`}>
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ClientForm aria-label="Add a special day" onSubmit={keepInputOnSubmit(add)} noValidate className="mt-4 grid max-w-2xl gap-4 rounded-2xl bg-white p-4 ring-1 ring-espresso/10 sm:grid-cols-2">
        <Field id="special-date" name="date" label="Date" type="date" defaultValue={today} error={issues.date} />
        <Field id="special-name" name="name" label="Name" placeholder="Thanksgiving, Street market…" maxLength={60} error={issues.name} />
        <fieldset className="grid gap-1.5 sm:col-span-2">
          <legend className="text-sm font-semibold">Expected</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="kind" value="closed" checked={kind === "closed"} onChange={() => setKind("closed")} />
            Closed all day
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="kind" value="level" checked={kind === "level"} onChange={() => setKind("level")} />
            Open, at a level of a normal day
          </label>
          {issues.kind ? <p className="text-sm text-red-700">{issues.kind}</p> : null}
        </fieldset>
        {kind === "level" ? (
          <Field id="special-level" name="levelPct" label="Level (% of a normal day)" inputMode="numeric" defaultValue="100" error={issues.levelPct} hint="40 for a quiet holiday, 180 for a street market that nearly doubles trade." />
        ) : null}
        <div className="grid gap-2 sm:col-span-2">
          <FormError message={error} />
          {notice ? (
            <p role="status" className="text-sm font-semibold text-emerald-800">
              {notice}
            </p>
          ) : null}
          <Button type="submit" disabled={pending} className="justify-self-start">
            Add special day
          </Button>
        </div>
      </ClientForm>
    </div>
  );
}
