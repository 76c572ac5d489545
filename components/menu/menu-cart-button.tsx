"use client";

import { CartButton } from "@/components/cart/cart-button";
import { useShopOrdering } from "./shop-ordering-provider";

export function MenuCartButton() {
  const { priced, menu, openCart } = useShopOrdering();
  return <CartButton count={priced.count} totalCents={priced.totals.totalCents} currency={menu.shop.currency} onClick={openCart} />;
}
