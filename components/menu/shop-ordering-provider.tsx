"use client";

import { createContext, use, useCallback, useMemo, useState, type ReactNode } from "react";
import type { ShopMenu } from "@/lib/catalog/types";
import { CartDrawer } from "@/components/cart/cart-drawer";
import { AddedToast } from "@/components/cart/added-toast";
import { priceCart, productIndex, type PricedCart } from "@/components/cart/price-cart";
import { useCart, type CartApi, type LineChoice } from "@/components/cart/use-cart";
import { ProductDialog } from "./product-dialog";
import { PRODUCT_PARAM } from "./product-param";
import { closedLabel } from "./shop-header";

type Editing = { slug: string; lineId?: string; initial?: LineChoice };

type ShopOrdering = {
  menu: ShopMenu;
  cart: CartApi;
  priced: PricedCart;
  /** Null while the shop takes orders; otherwise a sentence saying why not. */
  orderingBlocked: string | null;
  openProduct: (slug: string) => void;
  editLine: (lineId: string) => void;
  openCart: () => void;
};

const ShopOrderingContext = createContext<ShopOrdering | null>(null);

export function useShopOrdering(): ShopOrdering {
  const value = use(ShopOrderingContext);
  if (!value) throw new Error("useShopOrdering must be used inside <ShopOrderingProvider>");
  return value;
}

/**
 * Everything interactive on a shop's menu page: the cart (priced against this menu), the product
 * dialog (adding and editing lines) and the cart drawer. The menu itself stays server-rendered.
 */
export function ShopOrderingProvider({ menu, initialProduct, children }: { menu: ShopMenu; initialProduct?: string; children: ReactNode }) {
  const cart = useCart(menu.shop.slug);
  const priced = useMemo(() => priceCart(menu, cart.lines), [menu, cart.lines]);
  const products = useMemo(() => productIndex(menu), [menu]);
  const [editing, setEditing] = useState<Editing | null>(() => (initialProduct && products.has(initialProduct) ? { slug: initialProduct } : null));
  const [cartOpen, setCartOpen] = useState(false);
  const [added, setAdded] = useState<{ name: string; at: number } | null>(null);
  const orderingBlocked = menu.shop.opening.open ? null : `${closedLabel(menu.shop.openingLabel)}. Ordering opens when the shop does.`;

  const { lines } = cart;
  const openProduct = useCallback((slug: string) => setEditing({ slug }), []);
  const editLine = useCallback(
    (lineId: string) => {
      const line = lines.find((l) => l.id === lineId);
      if (line) setEditing({ slug: line.product, lineId, initial: { product: line.product, options: line.options, quantity: line.quantity, notes: line.notes } });
    },
    [lines],
  );
  const closeProduct = useCallback(() => {
    setEditing(null);
    // Opened from a ?product= link: drop it, so a reload shows the menu.
    const url = new URL(window.location.href);
    if (url.searchParams.has(PRODUCT_PARAM)) {
      url.searchParams.delete(PRODUCT_PARAM);
      window.history.replaceState(null, "", url);
    }
  }, []);
  const openCart = useCallback(() => {
    setAdded(null);
    setCartOpen(true);
  }, []);
  const clearAdded = useCallback(() => setAdded(null), []);

  const value = useMemo(() => ({ menu, cart, priced, orderingBlocked, openProduct, editLine, openCart }), [menu, cart, priced, orderingBlocked, openProduct, editLine, openCart]);
  const product = editing ? products.get(editing.slug) : undefined;

  return (
    <ShopOrderingContext value={value}>
      {children}
      {editing && product ? (
        <ProductDialog
          key={`${editing.slug}:${editing.lineId ?? "new"}`}
          product={product}
          currency={menu.shop.currency}
          initial={editing.initial}
          orderingBlocked={orderingBlocked}
          onClose={closeProduct}
          onSubmit={(choice) => {
            if (editing.lineId) cart.replace(editing.lineId, choice);
            else {
              cart.add(choice);
              setAdded({ name: product.name, at: Date.now() });
            }
            closeProduct();
          }}
        />
      ) : null}
      <CartDrawer
        open={cartOpen}
        onClose={() => setCartOpen(false)}
        shop={menu.shop}
        cart={cart}
        priced={priced}
        orderingBlocked={orderingBlocked}
        onEdit={editLine}
      />
      <AddedToast added={added} onOpenCart={openCart} onDone={clearAdded} />
    </ShopOrderingContext>
  );
}
