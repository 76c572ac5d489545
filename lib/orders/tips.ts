import { z } from "zod";
import type { OrderTotals } from "./pricing";

/**
 * Tips: none, 10 / 15 / 20 % or a custom amount. A percentage applies to the subtotal before
 * discounts (a free drink does not shrink the barista's tip), rounded half up to whole cents.
 * Tips are not taxed; they are paid with the order (total = subtotal − discount + tax + tip) and
 * kept apart from revenue everywhere else. Pure.
 */

export const TIP_PERCENTS = [10, 15, 20] as const;
export type TipPercent = (typeof TIP_PERCENTS)[number];
/** A custom tip above this is almost certainly a typo ($50). */
export const MAX_TIP_CENTS = 5_000;

export const tipInput = z.union(
  [
    z.strictObject({ percent: z.union(TIP_PERCENTS.map((p) => z.literal(p)), { error: "a tip percentage is 10, 15 or 20" }) }),
    z.strictObject({
      cents: z
        .number({ error: "a custom tip is a number of cents" })
        .int("a custom tip is a whole number of cents")
        .min(0, "a tip cannot be negative")
        .max(MAX_TIP_CENTS, `a tip is at most ${MAX_TIP_CENTS / 100} in the shop's currency`),
    }),
  ],
  { error: "tip is { percent: 10 | 15 | 20 } or { cents: n }" },
);
export type TipChoice = z.output<typeof tipInput>;

export function tipCentsFor(subtotalCents: number, tip: TipChoice | null | undefined): number {
  if (!Number.isSafeInteger(subtotalCents) || subtotalCents < 0) throw new RangeError(`subtotalCents must be a non-negative integer, got ${String(subtotalCents)}`);
  if (!tip) return 0;
  if ("cents" in tip) return tip.cents;
  return Number((BigInt(subtotalCents) * BigInt(tip.percent) + 50n) / 100n);
}

export type TippedTotals = OrderTotals & { tipCents: number };

/** The order's totals with the tip added to what is paid. */
export function withTip(totals: OrderTotals, tip: TipChoice | null | undefined): TippedTotals {
  const tipCents = tipCentsFor(totals.subtotalCents, tip);
  return { ...totals, tipCents, totalCents: totals.totalCents + tipCents };
}
