import { minOut } from "@/lib/defi/slippage";

/**
 * The one SOL/USDC market the fake Solana APIs (fake-jupiter.ts, fake-raydium.ts) quote from:
 * Solana cannot run here, so instead of a chain there is a constant-product pool of their own, with
 * a Raydium AMM-like 0.25 % fee taken off the input. 20,000 SOL (9 decimals) against 3,000,000 USDC
 * (6 decimals): 150 USDC per SOL. It never moves (the fakes hand back transactions nobody lands).
 */

export const SOL_MINT = "So11111111111111111111111111111111111111112";
export const USDC_MINT = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
export const BOOK_POOL_ID = "58oQChx4yWmvKdwLLZzBi4ChoCc2fqCUWBkwMihLYQo2";
export const BOOK_FEE_BPS = 25n;
const RESERVES: Record<string, bigint> = { [SOL_MINT]: 20_000n * 10n ** 9n, [USDC_MINT]: 3_000_000n * 10n ** 6n };

export const isBookMint = (mint: string) => mint in RESERVES;

export type BookFill = { outAmount: bigint; feeAmount: bigint; minOut: bigint; priceImpact: number };

/** `amountIn` of one mint into the pool: what comes out, the fee (in the input mint), the least out at `slippageBps`, and the price impact as a fraction. */
export function fillFromBook(inputMint: string, outputMint: string, amountIn: bigint, slippageBps: number): BookFill {
  const reserveIn = RESERVES[inputMint]!;
  const reserveOut = RESERVES[outputMint]!;
  const feeAmount = (amountIn * BOOK_FEE_BPS + 9_999n) / 10_000n;
  const afterFee = amountIn - feeAmount;
  const outAmount = (afterFee * reserveOut) / (reserveIn + afterFee);
  // How far the fill's price is below the pool's mid: afterFee / (reserveIn + afterFee).
  const priceImpact = Number((afterFee * 10n ** 12n) / (reserveIn + afterFee)) / 1e12;
  return { outAmount, feeAmount, minOut: minOut(outAmount, slippageBps), priceImpact };
}
