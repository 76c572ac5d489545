import { cn } from "@/lib/ui/cn";

/** The shops a connection covers, as `shopIds` checkboxes (`checked` ticked at first); none ticked means every shop. */
export function ShopPicker({ shops, legend = "Shops (none ticked: every shop)", className, checked = [] }: { shops: { id: string; name: string }[]; legend?: string; className?: string; checked?: string[] }) {
  return (
    <fieldset className={cn("grid gap-1.5", className)}>
      <legend className="text-sm font-semibold">{legend}</legend>
      <div className="grid max-h-48 gap-1.5 overflow-y-auto">
        {shops.map((s) => (
          <label key={s.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="shopIds" value={s.id} defaultChecked={checked.includes(s.id)} />
            {s.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
