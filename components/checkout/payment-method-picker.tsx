import { ChoiceRow } from "@/components/ui/choice-row";
import { PAYMENT_METHODS, type PaymentMethodId } from "./payment-methods";

export function PaymentMethodPicker({ value, onChange }: { value: PaymentMethodId; onChange: (value: PaymentMethodId) => void }) {
  return (
    <fieldset>
      <legend className="pb-2.5 text-base font-semibold">Payment</legend>
      <div className="space-y-2">
        {PAYMENT_METHODS.map((method) => (
          <ChoiceRow
            key={method.id}
            id={`payment-${method.id}`}
            type="radio"
            name="payment-method"
            value={method.id}
            label={method.label}
            description={method.description}
            checked={value === method.id}
            disabled={!method.available}
            onChange={() => onChange(method.id)}
          />
        ))}
      </div>
    </fieldset>
  );
}
