import { cn } from "@/lib/ui/cn";
import { formatMoney } from "@/lib/ui/money";
import { CartIcon } from "./cart-icon";
import { ClientButton } from "@/components/ui/client-button";

/**
 * The cart button: a pill in the sticky bar, and on phones, once something is in the cart, a
 * full-width bar at the bottom of the screen within thumb's reach.
 */
export function CartButton({ count, totalCents, currency, onClick }: { count: number; totalCents: number; currency: string; onClick: () => void }) {
  const filled = count > 0;
  return (
    <ClientButton
      type="button"
      onClick={onClick}
      aria-haspopup="dialog"
      className={cn(
        "inline-flex h-10 shrink-0 items-center gap-2 rounded-full pr-2 pl-3.5 text-sm font-semibold transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-crema",
        filled ? "bg-espresso text-foam shadow-sm hover:bg-espresso/90" : "bg-white text-espresso ring-1 ring-espresso/15 hover:ring-espresso/30",
        filled &&
          "max-sm:fixed max-sm:inset-x-4 max-sm:bottom-[max(1rem,env(safe-area-inset-bottom))] max-sm:z-30 max-sm:h-14 max-sm:justify-between max-sm:px-5 max-sm:text-base max-sm:shadow-[0_10px_30px_-8px_rgb(59_36_24/0.55)]",
      )}
    >
      <span className="inline-flex items-center gap-2">
        <CartIcon className="size-5" />
        {/* The name is the one sr-only sentence ("Cart, 2 items, $9.40"; no aria-label, whose words
            would differ from what is seen); the word, count and total drawn for the eye are hidden from it. */}
        <span aria-hidden className={cn(!filled && "max-sm:sr-only")}>
          Cart
        </span>
        <span className="sr-only">{`Cart, ${count} ${count === 1 ? "item" : "items"}${filled ? `, ${formatMoney(totalCents, currency)}` : ""}`}</span>
      </span>
      <span className="inline-flex items-center gap-2">
        {filled ? <span aria-hidden className="tabular-nums sm:hidden">{formatMoney(totalCents, currency)}</span> : null}
        <span aria-hidden className={cn("grid h-6 min-w-6 place-items-center rounded-full px-1.5 text-xs tabular-nums", filled ? "bg-crema text-espresso" : "bg-espresso/8")}>
          {count}
        </span>
      </span>
    </ClientButton>
  );
}
