"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ShopMenu } from "@/lib/catalog/types";
import { buttonClasses } from "@/components/ui/button";
import { CartLineItem } from "@/components/cart/cart-line-item";
import { orderItems, priceCart } from "@/components/cart/price-cart";
import { TotalsList } from "@/components/cart/totals-list";
import { useCart } from "@/components/cart/use-cart";
import { closedLabel } from "@/components/menu/shop-header";
import { FREE_DRINK_BEANS } from "@/lib/loyalty/rules";
import { CheckoutForm, type PlaceOrder } from "./checkout-form";
import { CryptoPaymentLoader } from "./crypto-payment-loader";
import { tipOf, type TipState } from "./tip-picker";
import { withTip } from "@/lib/orders/tips";
import type { CryptoPaymentProps } from "./crypto-payment-props";
import type { PickupOptions } from "@/lib/orders/schedule/capacity";


/**
 * `payment`: a placed CRYPTO order to pay (the page's `?order=`), shown instead of the cart.
 * `beans`: the signed-in customer's loyalty balance (null for a guest).
 */
export function CheckoutView({
  menu,
  placeOrder,
  payment,
  beans,
  pickupOptions,
}: {
  menu: ShopMenu;
  placeOrder: PlaceOrder;
  payment: Omit<CryptoPaymentProps, "shopSlug"> | null;
  beans: number | null;
  /** Today's pickup times (null on the payment step). */
  pickupOptions: PickupOptions | null;
}) {
  const { shop } = menu;
  const hydrated = useHydrated(); // the server cannot see the cart
  const cart = useCart(shop.slug);
  const [freeDrinkChosen, setFreeDrinkChosen] = useState(false);
  const canHaveFreeDrink = beans !== null && beans >= FREE_DRINK_BEANS;
  const priced = useMemo(() => priceCart(menu, cart.lines, { freeDrink: freeDrinkChosen && canHaveFreeDrink }), [menu, cart.lines, freeDrinkChosen, canHaveFreeDrink]);
  const freeDrink = priced.totals.discountCents > 0;
  const [tipState, setTipState] = useState<TipState>({ kind: "none" });
  const tip = tipOf(tipState);
  const totals = withTip(priced.totals, tip ?? undefined);
  const [placed, setPlaced] = useState(false);
  const menuHref = `/shops/${shop.slug}`;

  if (!hydrated) return <CheckoutSkeleton />;
  if (payment) return <CryptoPaymentLoader {...payment} shopSlug={shop.slug} />;
  if (placed) {
    return (
      <div role="status" className="flex flex-col items-center gap-3 py-24 text-center">
        <span aria-hidden className="size-8 animate-spin rounded-full border-3 border-espresso/15 border-t-espresso" />
        <p className="text-lg font-semibold">Order placed. Taking you to it…</p>
      </div>
    );
  }
  if (priced.lines.length === 0) {
    return (
      <div className="flex flex-col items-center gap-3 py-20 text-center">
        <p className="text-lg font-semibold">Your cart is empty</p>
        <p className="text-sm text-espresso/75">Add something from the menu first.</p>
        <Link href={menuHref} className={buttonClasses({ className: "mt-2" })}>
          Back to menu
        </Link>
      </div>
    );
  }

  const blocked = !shop.opening.open
    ? `${closedLabel(shop.openingLabel)}. Ordering opens when the shop does.`
    : priced.hasProblems
      ? "Some items cannot be ordered right now. Go back to the menu to change or remove them."
      : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start lg:gap-10">
      <section aria-labelledby="summary-title" className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8 lg:sticky lg:top-6 lg:order-2">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="summary-title" className="text-lg font-bold">
            Your order
          </h2>
          <Link href={menuHref} className="text-sm font-semibold text-espresso/70 underline-offset-4 hover:text-espresso hover:underline">
            Edit
          </Link>
        </div>
        <ul className="divide-y divide-espresso/8">
          {priced.lines.map((item) => (
            <CartLineItem key={item.line.id} item={item} currency={shop.currency} />
          ))}
        </ul>
        <TotalsList totals={totals} currency={shop.currency} taxRateBps={shop.taxRateBps} className="border-t border-espresso/8 pt-4" />
      </section>
      <div className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8 sm:p-6 lg:order-1">
        <CheckoutForm
          shop={shop}
          items={orderItems(priced)}
          totalCents={totals.totalCents}
          pickup={{ options: pickupOptions ?? { asapMinutes: 0, slots: [] }, stations: [...new Set(priced.lines.flatMap((l) => (l.product ? [l.product.station] : [])))] }}
          tip={{ state: tipState, choice: tip, subtotalCents: priced.totals.subtotalCents, onChange: setTipState }}
          freeDrink={{ balance: beans, discountCents: priced.freeDrinkCents, chosen: freeDrink, onChange: setFreeDrinkChosen }}
          guest={beans === null}
          blocked={blocked}
          placeOrder={placeOrder}
          onPlaced={(method) => {
            // A crypto order stays on this page (?order=) for its payment step.
            if (method === "PAY_AT_PICKUP") setPlaced(true);
            cart.clear();
          }}
        />
      </div>
    </div>
  );
}

function CheckoutSkeleton() {
  return (
    <div aria-hidden className="grid animate-pulse gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-10">
      <div className="h-64 rounded-3xl bg-espresso/6 lg:order-2" />
      <div className="h-96 rounded-3xl bg-espresso/6 lg:order-1" />
    </div>
  );
}
