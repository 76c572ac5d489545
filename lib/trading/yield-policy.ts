/**
 * The treasury's cash policy: keep `cashDays` days of operating cash in the wallet, lend the rest.
 * Pure: given the wallet and what is supplied (USDC base units, 6 decimals), the move to propose,
 * or none when the wallet is within `minMove` of its target (no churn of gas for pennies).
 */

export type CashPolicy = { cashDays: number; dailyCashUsdCents: number };
export type ProposedMove = { action: "SUPPLY" | "WITHDRAW"; amount: bigint; reason: string };

/** Moves smaller than this are not worth a proposal (and an admin's attention). */
export const MIN_MOVE_USDC = 100_000_000n; // $100
const USDC_PER_CENT = 10_000n;

export const usdcDollars = (amount: bigint) => `$${(Number(amount / USDC_PER_CENT) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function cashToKeep(p: CashPolicy): bigint {
  return BigInt(p.cashDays) * BigInt(p.dailyCashUsdCents) * USDC_PER_CENT;
}

export function proposeMove(p: CashPolicy, wallet: bigint, supplied: bigint): ProposedMove | null {
  const keep = cashToKeep(p);
  const days = `${p.cashDays} day${p.cashDays === 1 ? "" : "s"} of operating cash (${usdcDollars(keep)})`;
  if (wallet - keep >= MIN_MOVE_USDC) {
    return { action: "SUPPLY", amount: wallet - keep, reason: `the wallet holds ${usdcDollars(wallet)}, more than ${days}: lend the rest` };
  }
  const short = keep - wallet;
  if (short >= MIN_MOVE_USDC && supplied >= MIN_MOVE_USDC) {
    const amount = short < supplied ? short : supplied;
    return { action: "WITHDRAW", amount, reason: `the wallet holds ${usdcDollars(wallet)}, less than ${days}: bring ${usdcDollars(amount)} back from lending` };
  }
  return null;
}
