import type { MenuOptionGroup } from "@/lib/catalog/types";
import { formatDelta } from "@/lib/ui/money";
import { Badge } from "@/components/ui/badge";
import { ChoiceRow } from "@/components/ui/choice-row";

/**
 * One option group: radios when one choice is allowed (with "None" when the group is optional),
 * checkboxes when several are. Unavailable options stay visible, disabled, with their reason.
 */
export function OptionGroupField({ idPrefix, group, value, currency, onChange }: { idPrefix: string; group: MenuOptionGroup; value: readonly string[]; currency: string; onChange: (value: string[]) => void }) {
  const required = group.minSelect > 0;
  const multiple = group.maxSelect > 1;
  const full = multiple && value.length >= group.maxSelect;
  const name = `${idPrefix}-${group.slug}`;
  const hint = multiple ? `Choose up to ${group.maxSelect}` : required ? null : "Optional";

  return (
    <fieldset className="mt-6">
      <legend className="flex w-full items-center justify-between gap-3 pb-2.5">
        <span className="text-base font-semibold">{group.name}</span>
        {required ? <Badge tone="accent">Required</Badge> : hint ? <span className="text-xs font-medium text-espresso/75">{hint}</span> : null}
      </legend>
      <div className="space-y-2">
        {!multiple && !required ? (
          <ChoiceRow id={`${name}-none`} type="radio" name={name} value="" label="None" checked={value.length === 0} onChange={() => onChange([])} />
        ) : null}
        {group.options.map((option) => {
          const checked = value.includes(option.slug);
          return (
            <ChoiceRow
              key={option.id}
              id={`${name}-${option.slug}`}
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={option.slug}
              label={option.name}
              detail={formatDelta(option.priceDeltaCents, currency)}
              note={option.available ? null : option.unavailableReason ?? "Not available"}
              checked={checked}
              // A chosen option that has since run out stays enabled, so it can be unchosen.
              disabled={!checked && (!option.available || full)}
              onChange={(event) => {
                if (!multiple) onChange([option.slug]);
                else onChange(event.target.checked ? [...value, option.slug] : value.filter((s) => s !== option.slug));
              }}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
