import { formatTokenAmount } from "@/lib/chain/token-amount";

/**
 * The treasury's lending policy. Pure: given the wallet and what is supplied (base units), the move
 * to propose, or none when the wallet is within the minimum move of its target (no churn of gas for
 * pennies).
 * - USDC, the cash: keep `cashDays` days of operating cash in the wallet, lend the rest.
 * - WETH, crypto revenue: when an admin sets `wethToKeep`, keep that much in the wallet (what the
 *   bots sell from between two decisions), lend the rest; when it is null, WETH is not lent (and
 *   what still is, after lending was turned off, is brought back).
 * A wallet below its target brings back the shortfall, at most what is lent.
 */

export type CashPolicy = { cashDays: number; dailyCashUsdCents: number };
export type LendingPolicy = CashPolicy & { wethToKeep: bigint | null };
export type Position = { wallet: bigint; supplied: bigint };
export type ProposedMove = { action: "SUPPLY" | "WITHDRAW"; amount: bigint; reason: string };

/** Moves smaller than these are not worth a proposal (and an admin's attention). */
export const MIN_MOVE_USDC = 100_000_000n; // $100
export const MIN_MOVE_WETH = 50_000_000_000_000_000n; // 0.05 WETH (~$150 at $3,000)
const USDC_PER_CENT = 10_000n;

export const usdcDollars = (amount: bigint) => `$${(Number(amount / USDC_PER_CENT) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function cashToKeep(p: CashPolicy): bigint {
  return BigInt(p.cashDays) * BigInt(p.dailyCashUsdCents) * USDC_PER_CENT;
}

type Target = { keep: bigint; minMove: bigint; format: (amount: bigint) => string; kept: string };

function moveToward(t: Target, { wallet, supplied }: Position): ProposedMove | null {
  if (wallet - t.keep >= t.minMove) {
    return { action: "SUPPLY", amount: wallet - t.keep, reason: `the wallet holds ${t.format(wallet)}, more than ${t.kept}: lend the rest` };
  }
  const short = t.keep - wallet;
  if (short >= t.minMove && supplied >= t.minMove) {
    const amount = short < supplied ? short : supplied;
    return { action: "WITHDRAW", amount, reason: `the wallet holds ${t.format(wallet)}, less than ${t.kept}: bring ${t.format(amount)} back from lending` };
  }
  return null;
}

export function proposeMove(p: CashPolicy, wallet: bigint, supplied: bigint): ProposedMove | null {
  const keep = cashToKeep(p);
  return moveToward({ keep, minMove: MIN_MOVE_USDC, format: usdcDollars, kept: `${p.cashDays} day${p.cashDays === 1 ? "" : "s"} of operating cash (${usdcDollars(keep)})` }, { wallet, supplied });
}

/** With no amount to keep (WETH lending turned off), what is still lent is brought back. */
export function proposeWethMove(wethToKeep: bigint | null, position: Position): ProposedMove | null {
  const format = (amount: bigint) => formatTokenAmount(amount, "WETH");
  if (wethToKeep === null) {
    return position.supplied >= MIN_MOVE_WETH ? { action: "WITHDRAW", amount: position.supplied, reason: `WETH is no longer lent: bring ${format(position.supplied)} back` } : null;
  }
  return moveToward({ keep: wethToKeep, minMove: MIN_MOVE_WETH, format, kept: `the ${format(wethToKeep)} to keep` }, position);
}

/** Every move the policy wants, the cash first (operating cash matters more than a yield on WETH). */
export function proposeMoves(p: LendingPolicy, positions: { USDC?: Position; WETH?: Position }): { symbol: "USDC" | "WETH"; move: ProposedMove }[] {
  const wanted: { symbol: "USDC" | "WETH"; move: ProposedMove | null }[] = [
    { symbol: "USDC", move: positions.USDC ? proposeMove(p, positions.USDC.wallet, positions.USDC.supplied) : null },
    { symbol: "WETH", move: positions.WETH ? proposeWethMove(p.wethToKeep, positions.WETH) : null },
  ];
  return wanted.filter((w): w is { symbol: "USDC" | "WETH"; move: ProposedMove } => w.move !== null);
}
