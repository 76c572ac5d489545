"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { Selection } from "@/lib/orders/build-order";
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from "@/lib/orders/input";
import { getCart, getServerCart, setCart, subscribeCart, type Cart, type CartLine } from "./cart-store";
import { randomId } from "./random-id";

export type LineChoice = { product: string; options: Selection; quantity: number; notes?: string };

const sameChoice = (a: LineChoice, b: LineChoice) =>
  a.product === b.product && (a.notes ?? "") === (b.notes ?? "") && JSON.stringify(normalise(a.options)) === JSON.stringify(normalise(b.options));

function normalise(options: Selection): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(options)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, slugs]) => [group, [...slugs].sort()]),
  );
}

function toLine(id: string, choice: LineChoice): CartLine {
  const notes = choice.notes?.trim();
  return { id, product: choice.product, options: normalise(choice.options), quantity: Math.min(MAX_LINE_QUANTITY, choice.quantity), ...(notes ? { notes } : {}) };
}

/** Adds a line, or adds to the quantity of an identical one. */
function addLine(cart: Cart, choice: LineChoice): Cart {
  const same = cart.lines.find((l) => sameChoice(l, choice));
  if (same) return { lines: cart.lines.map((l) => (l === same ? { ...l, quantity: Math.min(MAX_LINE_QUANTITY, l.quantity + choice.quantity) } : l)) };
  if (cart.lines.length >= MAX_ORDER_LINES) return cart;
  return { lines: [...cart.lines, toLine(randomId(), choice)] };
}

export type CartApi = {
  lines: readonly CartLine[];
  count: number;
  add: (choice: LineChoice) => void;
  replace: (lineId: string, choice: LineChoice) => void;
  setQuantity: (lineId: string, quantity: number) => void;
  remove: (lineId: string) => void;
  clear: () => void;
};

export function useCart(shop: string): CartApi {
  const subscribe = useCallback((listener: () => void) => subscribeCart(shop, listener), [shop]);
  const cart = useSyncExternalStore(subscribe, () => getCart(shop), getServerCart);

  return useMemo(
    () => ({
      lines: cart.lines,
      count: cart.lines.reduce((n, l) => n + l.quantity, 0),
      add: (choice) => setCart(shop, (c) => addLine(c, choice)),
      replace: (lineId, choice) =>
        setCart(shop, (c) => {
          const others = { lines: c.lines.filter((l) => l.id !== lineId) };
          const same = others.lines.find((l) => sameChoice(l, choice));
          // Editing a line into a copy of another merges the two.
          if (same) return addLine(others, choice);
          return { lines: c.lines.map((l) => (l.id === lineId ? toLine(lineId, choice) : l)) };
        }),
      setQuantity: (lineId, quantity) =>
        setCart(shop, (c) => ({ lines: c.lines.map((l) => (l.id === lineId ? { ...l, quantity: Math.max(1, Math.min(MAX_LINE_QUANTITY, quantity)) } : l)) })),
      remove: (lineId) => setCart(shop, (c) => ({ lines: c.lines.filter((l) => l.id !== lineId) })),
      clear: () => setCart(shop, () => ({ lines: [] })),
    }),
    [cart, shop],
  );
}
