import { formatBps, formatQuantity, newDrinkPayload } from "@/lib/agents/inventor/compose";
import { formatMoney } from "@/lib/ui/money";

/** A new drink proposal as a manager reads it: description, recipe in real units with each line's cost, the cost, the price and the margin. */
export function NewDrinkDetails({ payload, currency }: { payload: unknown; currency: string }) {
  const parsed = newDrinkPayload.safeParse(payload);
  if (!parsed.success) return <p className="text-sm text-espresso/70">This proposal’s recipe could not be read.</p>;
  const d = parsed.data;
  return (
    <div className="mt-2 text-sm">
      <p>{d.description}</p>
      <table className="mt-2 w-full max-w-md" aria-label={`Recipe of ${d.name}`}>
        <thead>
          <tr className="text-left text-xs text-espresso/70">
            <th className="py-1 pr-3 font-semibold">Ingredient</th>
            <th className="py-1 pr-3 font-semibold">Quantity</th>
            <th className="py-1 font-semibold">Cost</th>
          </tr>
        </thead>
        <tbody>
          {d.lines.map((l) => (
            <tr key={l.ingredientId} className="border-t border-espresso/8">
              <td className="py-1 pr-3">{l.name}</td>
              <td className="py-1 pr-3">{formatQuantity(l.quantity, l.unit)}</td>
              <td className="py-1">{formatMoney(l.costCents, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="mt-2 grid max-w-md grid-cols-3 gap-2">
        <div>
          <dt className="text-xs text-espresso/70">Cost</dt>
          <dd className="font-semibold">{formatMoney(d.costCents, currency)}</dd>
        </div>
        <div>
          <dt className="text-xs text-espresso/70">Suggested price</dt>
          <dd className="font-semibold">{formatMoney(d.priceCents, currency)}</dd>
        </div>
        <div>
          <dt className="text-xs text-espresso/70">Margin</dt>
          <dd className="font-semibold">
            {formatBps(d.actualMarginBps)} <span className="font-normal text-espresso/70">(target {formatBps(d.marginBps)})</span>
          </dd>
        </div>
      </dl>
      <p className="mt-1 text-xs text-espresso/70">Cost from the suppliers’ pack prices (each line rounded up; the total once); the price is cost ÷ (1 − margin), rounded up to 5 cents.</p>
    </div>
  );
}
