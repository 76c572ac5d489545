/**
 * Ingredient costs and the price at the shop's margin, in integers (Money is integer cents).
 * A line's cost is quantity × pack price ÷ pack size, a fraction of a cent; the recipe's cost is
 * the exact sum of those fractions, rounded up to the cent once at the end. The price is the
 * smallest multiple of 5 cents at which (price − cost) ÷ price reaches the target margin.
 */

export type CostedLine = { quantity: number; packSize: number; packPriceCents: number };

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** The recipe's exact cost as a fraction of cents (numerator, denominator), reduced. */
export function exactCost(lines: readonly CostedLine[]): { num: bigint; den: bigint } {
  let num = 0n;
  let den = 1n;
  for (const l of lines) {
    if (!Number.isInteger(l.quantity) || l.quantity < 0) throw new RangeError(`quantity must be a whole number ≥ 0, got ${l.quantity}`);
    if (!Number.isInteger(l.packSize) || l.packSize <= 0) throw new RangeError(`pack size must be a whole number > 0, got ${l.packSize}`);
    if (!Number.isInteger(l.packPriceCents) || l.packPriceCents < 0) throw new RangeError(`pack price must be whole cents ≥ 0, got ${l.packPriceCents}`);
    const size = BigInt(l.packSize);
    num = num * size + BigInt(l.quantity) * BigInt(l.packPriceCents) * den;
    den *= size;
    const g = gcd(num, den) || 1n;
    num /= g;
    den /= g;
  }
  return { num, den };
}

/** The recipe's cost in cents: the exact sum of its lines, rounded up once. */
export function recipeCostCents(lines: readonly CostedLine[]): number {
  const { num, den } = exactCost(lines);
  return Number((num + den - 1n) / den);
}

/** One unit's cost in hundredths of a cent (for display: "0.56¢ per ml" needs the fraction). */
export function unitCostCentiCents(packPriceCents: number, packSize: number): number {
  return Math.round((packPriceCents * 100) / packSize);
}

/** cost ÷ (1 − margin), rounded up to 5 cents: the margin is met on the cost shown, so on the exact cost too. */
export function suggestedPriceCents(costCents: number, marginBps: number): number {
  if (!Number.isInteger(marginBps) || marginBps < 0 || marginBps >= 10_000) throw new RangeError(`margin must be 0–9999 basis points, got ${marginBps}`);
  if (!Number.isInteger(costCents) || costCents < 0) throw new RangeError(`cost must be whole cents ≥ 0, got ${costCents}`);
  const atMargin = Math.ceil((costCents * 10_000) / (10_000 - marginBps));
  return Math.ceil(atMargin / 5) * 5;
}

/** The gross margin a price gives on a cost, in basis points (rounded down: never overstated). */
export function marginBpsOf(costCents: number, priceCents: number): number {
  if (priceCents <= 0) return 0;
  return Math.floor(((priceCents - costCents) * 10_000) / priceCents);
}
