"use client";

import Link from "next/link";
import { useId } from "react";
import type { MenuShop } from "@/lib/catalog/types";
import { formatMoney } from "@/lib/ui/money";
import { buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CartIcon } from "./cart-icon";
import { CartLineItem } from "./cart-line-item";
import type { PricedCart } from "./price-cart";
import { TotalsList } from "./totals-list";
import type { CartApi } from "./use-cart";

export type CartDrawerProps = {
  open: boolean;
  onClose: () => void;
  shop: MenuShop;
  cart: CartApi;
  priced: PricedCart;
  orderingBlocked: string | null;
  onEdit: (lineId: string) => void;
};

export function checkoutHref(shopSlug: string): string {
  return `/shops/${shopSlug}/checkout`;
}

/** The cart of one shop: lines to adjust, the totals, and the way to checkout. */
export function CartDrawer({ open, onClose, shop, cart, priced, orderingBlocked, onEdit }: CartDrawerProps) {
  const id = useId();
  const empty = priced.lines.length === 0;
  const blocked = orderingBlocked ?? (priced.hasProblems ? "Remove the items that cannot be ordered to check out." : null);

  return (
    <Dialog open={open} onClose={onClose} labelledBy={`${id}-title`} variant="drawer">
      <div className="flex shrink-0 items-center justify-between gap-4 border-b border-espresso/10 px-5 py-4">
        <div>
          <h2 id={`${id}-title`} className="text-xl font-bold tracking-tight">
            Your cart
          </h2>
          <p className="text-sm text-espresso/75">Pickup at {shop.name}</p>
        </div>
        <button type="button" onClick={onClose} aria-label="Close cart" className="grid size-10 place-items-center rounded-full text-xl hover:bg-espresso/6 focus-visible:outline-2 focus-visible:outline-crema">
          <span aria-hidden>×</span>
        </button>
      </div>

      {empty ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-3 px-8 py-16 text-center">
          <span className="grid size-16 place-items-center rounded-full bg-foam">
            <CartIcon className="size-8 text-espresso/75" />
          </span>
          <p className="text-lg font-semibold">Your cart is empty</p>
          <p className="text-sm text-espresso/75">Pick something from the menu and it will wait for you here.</p>
          <button type="button" onClick={onClose} className={buttonClasses({ variant: "secondary", className: "mt-2" })}>
            Browse the menu
          </button>
        </div>
      ) : (
        <>
          <ul className="min-h-0 flex-1 divide-y divide-espresso/8 overflow-y-auto overscroll-contain px-5" aria-label="Items in your cart">
            {priced.lines.map((item) => (
              <CartLineItem
                key={item.line.id}
                item={item}
                currency={shop.currency}
                actions={{ onQuantity: (q) => cart.setQuantity(item.line.id, q), onEdit: () => onEdit(item.line.id), onRemove: () => cart.remove(item.line.id) }}
              />
            ))}
          </ul>
          <div className="shrink-0 border-t border-espresso/10 bg-foam/60 px-5 pt-4 pb-[max(1.25rem,env(safe-area-inset-bottom))]">
            <TotalsList totals={priced.totals} currency={shop.currency} taxRateBps={shop.taxRateBps} />
            {blocked ? (
              <p role="status" className="mt-3 text-sm font-medium text-red-800">
                {blocked}
              </p>
            ) : null}
            {blocked ? (
              <span aria-disabled="true" className={buttonClasses({ size: "lg", className: "mt-4 w-full cursor-not-allowed bg-espresso/35 shadow-none hover:bg-espresso/35" })}>
                Checkout
              </span>
            ) : (
              <Link href={checkoutHref(shop.slug)} className={buttonClasses({ size: "lg", className: "mt-4 w-full justify-between" })}>
                <span>Checkout</span>
                <span className="tabular-nums">{formatMoney(priced.totals.totalCents, shop.currency)}</span>
              </Link>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
