import Link from "next/link";
import type { BeanEntry } from "@/lib/loyalty/ledger";
import { beans, entryLabel, freeDrinkProgress } from "@/lib/loyalty/describe";
import { FREE_DRINK_BEANS } from "@/lib/loyalty/rules";

/** The customer's loyalty beans: balance, the way to the next free drink, and the latest entries. */
export function BeanCard({ balance, history }: { balance: number; history: readonly BeanEntry[] }) {
  const progress = Math.min(100, Math.round((balance / FREE_DRINK_BEANS) * 100));
  return (
    <section aria-labelledby="beans-title" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="beans-title" className="text-lg font-semibold">
          Loyalty beans
        </h2>
        <p className="text-2xl font-bold tabular-nums">{beans(balance)}</p>
      </div>
      <div role="progressbar" aria-label="Beans towards a free drink" aria-valuemin={0} aria-valuemax={FREE_DRINK_BEANS} aria-valuenow={Math.min(balance, FREE_DRINK_BEANS)} className="mt-3 h-2 overflow-hidden rounded-full bg-espresso/10">
        <div className="h-full rounded-full bg-emerald-700" style={{ width: `${progress}%` }} />
      </div>
      <p className="mt-2 text-sm text-espresso/70">{freeDrinkProgress(balance)} You earn beans with every paid order while signed in.</p>
      {history.length > 0 ? (
        <ul aria-label="Latest bean entries" className="mt-4 divide-y divide-espresso/8 border-t border-espresso/8 text-sm">
          {history.map((entry) => (
            <li key={entry.id} className="flex justify-between gap-4 py-2">
              <span>
                {entryLabel(entry.reason)}
                {entry.orderId ? (
                  <>
                    {" · "}
                    <Link href={`/orders/${entry.orderId}`} className="underline underline-offset-2">
                      order
                    </Link>
                  </>
                ) : null}
              </span>
              <span className={entry.beans > 0 ? "font-semibold text-emerald-800 tabular-nums" : "font-semibold tabular-nums"}>
                {entry.beans > 0 ? "+" : "−"}
                {beans(Math.abs(entry.beans))}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
