import Link from "next/link";
import { ChoiceRow } from "@/components/ui/choice-row";
import { beans, freeDrinkProgress } from "@/lib/loyalty/describe";
import { FREE_DRINK_BEANS } from "@/lib/loyalty/rules";
import { formatMoney } from "@/lib/ui/money";

export type FreeDrinkChoiceProps = {
  /** The signed-in customer's beans; null for a guest. */
  balance: number | null;
  /** What the free drink would take off (the cart's most expensive drink); null without a drink. */
  discountCents: number | null;
  currency: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Where signing in brings the customer back to. */
  returnTo: string;
};

/** Spending loyalty beans on a free drink, or what it takes to get there. */
export function FreeDrinkChoice({ balance, discountCents, currency, checked, onChange, returnTo }: FreeDrinkChoiceProps) {
  if (balance === null) {
    return (
      <p className="text-sm text-espresso/75">
        <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`} className="font-semibold underline underline-offset-2">
          Sign in
        </Link>{" "}
        to collect loyalty beans: a free drink for every {beans(FREE_DRINK_BEANS)}.
      </p>
    );
  }
  const enough = balance >= FREE_DRINK_BEANS;
  return (
    <fieldset>
      <legend className="pb-2.5 text-base font-semibold">Loyalty beans</legend>
      {enough && discountCents !== null ? (
        <ChoiceRow
          id="free-drink"
          type="checkbox"
          name="free-drink"
          value="yes"
          label={`Use ${beans(FREE_DRINK_BEANS)} for a free drink`}
          detail={`−${formatMoney(discountCents, currency)}`}
          description={`You have ${beans(balance)}. Your most expensive drink is on us, as you ordered it.`}
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
        />
      ) : (
        <p className="text-sm text-espresso/75">
          You have {beans(balance)}. {enough ? `Add a drink to spend ${beans(FREE_DRINK_BEANS)} on it.` : freeDrinkProgress(balance)}
        </p>
      )}
    </fieldset>
  );
}
