/**
 * Pickup codes: the short code a customer shows at the counter. Drawn from an alphabet without
 * look-alikes (no 0/O, no 1/I), so it can be read out loud and typed back without mistakes.
 * Pure: the caller injects the random source (`crypto.randomInt` in the order path, a seeded PRNG
 * in the seed). Codes are unique only among a shop's open orders (a unique index on the DB side),
 * so the order path retries on a collision.
 */

/** 32 symbols: A–Z without I and O, and 2–9. */
export const PICKUP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const PICKUP_CODE_LENGTH = 5;
export const PICKUP_CODE_MIN_LENGTH = 4;
export const PICKUP_CODE_MAX_LENGTH = 6;

/** Returns an integer in [0, maxExclusive), like `crypto.randomInt(maxExclusive)`. */
export type RandomInt = (maxExclusive: number) => number;

export function generatePickupCode(randomInt: RandomInt, length: number = PICKUP_CODE_LENGTH): string {
  if (!Number.isInteger(length) || length < PICKUP_CODE_MIN_LENGTH || length > PICKUP_CODE_MAX_LENGTH) {
    throw new RangeError(`pickup code length must be ${PICKUP_CODE_MIN_LENGTH}–${PICKUP_CODE_MAX_LENGTH}, got ${String(length)}`);
  }
  const n = PICKUP_CODE_ALPHABET.length;
  let code = "";
  for (let i = 0; i < length; i++) {
    const index = randomInt(n);
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`random source returned ${String(index)}, expected an integer in [0, ${n})`);
    }
    code += PICKUP_CODE_ALPHABET[index];
  }
  return code;
}

/** Upper-cases and strips spaces and dashes from what a barista typed; null if it cannot be a code. */
export function normalizePickupCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, "");
  return isPickupCode(code) ? code : null;
}

export function isPickupCode(code: string): boolean {
  if (code.length < PICKUP_CODE_MIN_LENGTH || code.length > PICKUP_CODE_MAX_LENGTH) return false;
  for (const ch of code) if (!PICKUP_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/**
 * The QR code on a customer's tracking page, scanned at the counter:
 * `gocoffee:pickup:<shopSlug>:<code>`. One format, written and read here.
 */
export function pickupQrPayload(shopSlug: string, pickupCode: string): string {
  return `gocoffee:pickup:${shopSlug}:${pickupCode}`;
}

/** The shop and code in a scanned value; null when it is not a Go Coffee pickup code. */
export function parsePickupQrPayload(value: string): { shopSlug: string; code: string } | null {
  const match = /^gocoffee:pickup:([a-z0-9-]+):([A-Za-z0-9-]{4,12})$/.exec(value.trim());
  return match?.[1] && match[2] ? { shopSlug: match[1], code: match[2] } : null;
}
