import { z } from "zod";
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from "@/lib/orders/input";

/**
 * The cart of one shop, kept in localStorage under `gocoffee:cart:v1:<shop slug>` so it survives
 * reloads, and shared by every component (and tab) through a tiny external store for
 * useSyncExternalStore. It stores what the customer chose, never prices: those come from the
 * current menu each time the cart is shown.
 */

const cartLine = z.object({
  id: z.string().min(1),
  product: z.string().min(1),
  options: z.record(z.string(), z.array(z.string())),
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
  notes: z.string().max(140).optional(),
});
const storedCart = z.object({ lines: z.array(cartLine).max(MAX_ORDER_LINES) });

export type CartLine = z.infer<typeof cartLine>;
export type Cart = z.infer<typeof storedCart>;

export const EMPTY_CART: Cart = Object.freeze({ lines: Object.freeze([]) as unknown as CartLine[] });

const storageKey = (shop: string) => `gocoffee:cart:v1:${shop}`;

const snapshots = new Map<string, Cart>();
const listeners = new Map<string, Set<() => void>>();

function read(shop: string): Cart {
  try {
    const raw = window.localStorage.getItem(storageKey(shop));
    if (!raw) return EMPTY_CART;
    const parsed = storedCart.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMPTY_CART;
  } catch {
    // Storage disabled or corrupt: start empty rather than fail the page.
    return EMPTY_CART;
  }
}

function emit(shop: string): void {
  for (const listener of listeners.get(shop) ?? []) listener();
}

export function getCart(shop: string): Cart {
  let cart = snapshots.get(shop);
  if (!cart) {
    cart = read(shop);
    snapshots.set(shop, cart);
  }
  return cart;
}

export function getServerCart(): Cart {
  return EMPTY_CART;
}

export function setCart(shop: string, update: (cart: Cart) => Cart): void {
  const next = update(getCart(shop));
  snapshots.set(shop, next);
  try {
    if (next.lines.length === 0) window.localStorage.removeItem(storageKey(shop));
    else window.localStorage.setItem(storageKey(shop), JSON.stringify(next));
  } catch {
    // Private mode or a full quota: the cart still works for this page view.
  }
  emit(shop);
}

/** Subscribes to one shop's cart, including changes made in other tabs. */
export function subscribeCart(shop: string, listener: () => void): () => void {
  let set = listeners.get(shop);
  if (!set) listeners.set(shop, (set = new Set()));
  set.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== null && event.key !== storageKey(shop)) return;
    snapshots.delete(shop);
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    set.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}
