import { randomId } from "@/components/cart/random-id";

/**
 * One Idempotency-Key per checkout attempt, kept in sessionStorage: a double click, a retry after
 * a network error or a reload re-sends the same key (so the server places the order once), while
 * a changed order (another name, another item) is a new attempt with a new key.
 */

type Attempt = { fingerprint: string; key: string };

const storageKey = (shop: string) => `gocoffee:checkout-key:v1:${shop}`;
/** For browsers that refuse sessionStorage: retries within this page view still match. */
const memory = new Map<string, Attempt>();

function saved(shop: string): Attempt | null {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(storageKey(shop)) ?? "null") as Partial<Attempt> | null;
    if (value && typeof value.fingerprint === "string" && typeof value.key === "string") return { fingerprint: value.fingerprint, key: value.key };
  } catch {
    // Unreadable or unavailable: fall back to memory.
  }
  return memory.get(shop) ?? null;
}

export function checkoutKey(shop: string, fingerprint: string): string {
  const previous = saved(shop);
  if (previous?.fingerprint === fingerprint) return previous.key;
  const attempt = { fingerprint, key: randomId() };
  memory.set(shop, attempt);
  try {
    window.sessionStorage.setItem(storageKey(shop), JSON.stringify(attempt));
  } catch {
    // Memory keeps it for this page view.
  }
  return attempt.key;
}

export function forgetCheckoutKey(shop: string): void {
  memory.delete(shop);
  try {
    window.sessionStorage.removeItem(storageKey(shop));
  } catch {
    // Nothing to forget.
  }
}
