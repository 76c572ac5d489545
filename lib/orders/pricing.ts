/**
 * Order pricing in integer minor units (cents). Pure and exact: every input must be an integer,
 * anything else throws, so a float never leaks into a stored amount.
 *
 *   unit  = (shop price override ?? product base price) + sum of chosen options' price deltas
 *   line  = unit × quantity
 *   sub   = sum of lines
 *   disc  = a reward paid for with loyalty beans (0 to sub), taken off before tax
 *   tax   = round-half-up((sub − disc) × taxRateBps / 10 000)
 *   total = sub − disc + tax
 */

export type LineInput = {
  basePriceCents: number;
  /** The shop's ShopProduct.priceOverrideCents; replaces the base price when set. */
  priceOverrideCents?: number | null;
  /** Price deltas of the chosen options (may be negative, e.g. "no milk"). */
  optionDeltasCents?: readonly number[];
  quantity: number;
};

export type PricedLine = { unitPriceCents: number; lineTotalCents: number };

export type OrderTotals = { subtotalCents: number; discountCents: number; taxCents: number; totalCents: number };

/** Sales tax above this is certainly a bug (100 %). */
export const MAX_TAX_RATE_BPS = 10_000;
export const MAX_QUANTITY = 99;

function assertInt(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of cents, got ${String(value)}`);
}

export function priceLine(input: LineInput): PricedLine {
  assertInt(input.basePriceCents, "basePriceCents");
  if (input.basePriceCents < 0) throw new RangeError(`basePriceCents must not be negative, got ${input.basePriceCents}`);
  const override = input.priceOverrideCents ?? null;
  if (override !== null) {
    assertInt(override, "priceOverrideCents");
    if (override < 0) throw new RangeError(`priceOverrideCents must not be negative, got ${override}`);
  }
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_QUANTITY) {
    throw new RangeError(`quantity must be an integer from 1 to ${MAX_QUANTITY}, got ${String(input.quantity)}`);
  }
  let unit = override ?? input.basePriceCents;
  for (const delta of input.optionDeltasCents ?? []) {
    assertInt(delta, "priceDeltaCents");
    unit += delta;
  }
  if (unit < 0) throw new RangeError(`unit price must not be negative, got ${unit}`);
  const line = unit * input.quantity;
  assertInt(line, "lineTotalCents");
  return { unitPriceCents: unit, lineTotalCents: line };
}

/** round-half-up(subtotal × bps / 10 000), computed exactly in bigint. */
export function taxCents(subtotalCents: number, taxRateBps: number): number {
  assertInt(subtotalCents, "subtotalCents");
  if (subtotalCents < 0) throw new RangeError(`subtotalCents must not be negative, got ${subtotalCents}`);
  if (!Number.isSafeInteger(taxRateBps) || taxRateBps < 0 || taxRateBps > MAX_TAX_RATE_BPS) {
    throw new RangeError(`taxRateBps must be an integer from 0 to ${MAX_TAX_RATE_BPS}, got ${String(taxRateBps)}`);
  }
  const tax = (BigInt(subtotalCents) * BigInt(taxRateBps) + 5_000n) / 10_000n;
  return Number(tax);
}

/** Totals of already priced lines, less a discount (taxed after it). */
export function totalsFor(lineTotalsCents: readonly number[], taxRateBps: number, discountCents = 0): OrderTotals {
  let subtotal = 0;
  for (const line of lineTotalsCents) {
    assertInt(line, "lineTotalCents");
    if (line < 0) throw new RangeError(`lineTotalCents must not be negative, got ${line}`);
    subtotal += line;
  }
  assertInt(subtotal, "subtotalCents");
  assertInt(discountCents, "discountCents");
  if (discountCents < 0 || discountCents > subtotal) throw new RangeError(`discountCents must be from 0 to the subtotal ${subtotal}, got ${discountCents}`);
  const tax = taxCents(subtotal - discountCents, taxRateBps);
  return { subtotalCents: subtotal, discountCents, taxCents: tax, totalCents: subtotal - discountCents + tax };
}

/** Prices every line and the order. An order needs at least one line. */
export function priceOrder(lines: readonly LineInput[], taxRateBps: number): OrderTotals & { lines: PricedLine[] } {
  if (lines.length === 0) throw new RangeError("an order needs at least one line");
  const priced = lines.map(priceLine);
  return { lines: priced, ...totalsFor(priced.map((l) => l.lineTotalCents), taxRateBps) };
}
