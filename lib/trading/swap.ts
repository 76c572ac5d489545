import type { Address, PublicClient, TransactionReceipt } from "viem";
import { minOut } from "@/lib/defi/slippage";
import { amountOutV2 } from "@/lib/defi/uniswap-v2/client";
import { quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { swapCall, type PairVenues } from "@/lib/defi/venues";
import { readMarketAt, usdcToCents, weiToUsdc, type VenueName } from "./arbitrage";
import type { TradeIntent as GuardedTrade } from "./guard";
import { deadlineFromNow, fundTreasury, signCall, tokenChange, type LiveFill, type Signer } from "./live";
import { deviationBps, oracleAgeSeconds, oracleToUsdc, pegCheck, type PegCheck } from "./market-math";

/**
 * One exact-input swap on the desk's pair, for the scheduled strategies (DCA, rebalancing): "buy"
 * spends USDC for WETH, "sell" spends WETH for USDC. Quoted on both venues at one block, taken
 * whole on the one that gives more; signed (not sent) for a live bot; read back from its receipt.
 */

export type Side = "buy" | "sell";

/** One swap through a router, with the transaction's base: the gas estimate (its limit is higher). */
export const SWAP_GAS = 180_000n;
const SWAP_GAS_LIMIT = 300_000n;

export type SwapQuote = {
  chainId: number;
  blockNumber: bigint;
  side: Side;
  venue: VenueName;
  pool: Address;
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  amountOut: bigint;
  /** What the other venue would have given. */
  otherAmountOut: bigint;
  /** The swap's size in USD cents (a sale's WETH valued at the feed) and its gas at the block's base fee. */
  sizeUsdCents: number;
  gasCostUsdc: bigint;
  /** The chosen pool's mid and the feed at that block, for the guard's circuit breaker. */
  mid: bigint;
  ethUsd: bigint;
  ethUsdDecimals: number;
  oracleAgeSeconds: number;
  /** USDC against $1 on its feed (signed bps) and that answer's age: the guard's depeg breaker. */
  usdcPeg: PegCheck;
};

/** The WETH (base units) worth a USD amount at the feed (USDC base units per whole ETH), rounded down. Pure. */
export function wethForUsdCents(usdCents: number, oracleUsdcPerEth: bigint): bigint {
  return (BigInt(usdCents) * 10_000n * 10n ** 18n) / oracleUsdcPerEth;
}

/** What a sale of WETH fetched over that WETH valued at the feed, in USDC base units (negative: sold under the feed). Pure. */
export function saleAgainstFeedUsdc(wethIn: bigint, usdcOut: bigint, oracleUsdcPerEth: bigint): bigint {
  return usdcOut - (wethIn * oracleUsdcPerEth) / 10n ** 18n;
}

/**
 * A swap's realised P&L in USDC base units: its gas; and for a DCA sale (atFeed), also the USDC it
 * fetched against the WETH sold valued at the feed it was priced with (fee, price impact and the
 * pool's distance from the feed: what selling cost against the market price).
 */
export function swapPnlUsdc(s: { amountIn: bigint; amountOut: bigint; ethUsd: bigint; ethUsdDecimals: number }, gasUsdc: bigint, atFeed = false): bigint {
  return (atFeed ? saleAgainstFeedUsdc(s.amountIn, s.amountOut, oracleToUsdc(s.ethUsd, s.ethUsdDecimals)) : 0n) - gasUsdc;
}

/** The better of two quotes (more out); V3 on a tie. Pure. */
export function betterVenue(v3Out: bigint, v2Out: bigint): VenueName {
  return v2Out > v3Out ? "uniswap-v2" : "uniswap-v3";
}

/** Quotes the swap on both venues at one block (QuoterV2; V2's pair maths, equal to Router02.getAmountsOut). */
export async function quoteSwap(client: PublicClient, venues: PairVenues, side: Side, amountIn: bigint, blockNumber: bigint): Promise<SwapQuote> {
  const [tokenIn, tokenOut] = side === "buy" ? [venues.usdc, venues.weth] : [venues.weth, venues.usdc];
  const [m, v3] = await Promise.all([
    readMarketAt(client, venues, blockNumber),
    quoteExactInputSingle(client, { quoter: venues.v3.quoter, tokenIn, tokenOut, fee: venues.v3.fee, amountIn, blockNumber }),
  ]);
  const v2Out = side === "buy" ? amountOutV2(amountIn, m.v2Usdc, m.v2Weth) : amountOutV2(amountIn, m.v2Weth, m.v2Usdc);
  const venue = betterVenue(v3.amountOut, v2Out);
  const oracle = oracleToUsdc(m.round.answer, m.round.decimals);
  return {
    chainId: venues.chainId,
    blockNumber,
    side,
    venue,
    pool: venue === "uniswap-v3" ? venues.v3.pool : venues.v2.pair,
    tokenIn,
    tokenOut,
    amountIn,
    amountOut: venue === "uniswap-v3" ? v3.amountOut : v2Out,
    otherAmountOut: venue === "uniswap-v3" ? v2Out : v3.amountOut,
    sizeUsdCents: usdcToCents(side === "buy" ? amountIn : (amountIn * oracle) / 10n ** 18n),
    gasCostUsdc: weiToUsdc(SWAP_GAS * (m.block.baseFeePerGas ?? 0n), m.round.answer, m.round.decimals),
    mid: venue === "uniswap-v3" ? m.midV3 : m.midV2,
    ethUsd: m.round.answer,
    ethUsdDecimals: m.round.decimals,
    oracleAgeSeconds: oracleAgeSeconds(m.round.updatedAt, m.block.timestamp),
    usdcPeg: pegCheck("USDC", m.usdcUsd, m.block.timestamp),
  };
}

/** What the guard judges for this swap: the pair's tokens, the chosen pool, its size and expected P&L (gas; a DCA sale's too against the feed). */
export function guardedSwap(venues: PairVenues, q: SwapQuote, slippageBps: number, atFeed = false): GuardedTrade {
  return {
    tokens: [venues.usdc, venues.weth],
    pools: [q.pool],
    sizeUsdCents: q.sizeUsdCents,
    slippageBps,
    expectedPnlUsdCents: usdcToCents(swapPnlUsdc(q, q.gasCostUsdc, atFeed)),
    oracle: { ageSeconds: q.oracleAgeSeconds, pools: [{ pool: q.pool, deviationBps: deviationBps(q.mid, oracleToUsdc(q.ethUsd, q.ethUsdDecimals)) }], pegs: [q.usdcPeg] },
  };
}

/**
 * Signs the swap (not sent): the router allowed to pull the input (and, local chain only, USDC
 * topped up from the test faucet; WETH must already be held), the call simulated so a swap that
 * would revert is refused here, then signed with the treasury's next nonce. Output ≥ the quote less
 * the bot's slippage, or the router reverts; a 120 s deadline.
 */
export async function signSwap(client: PublicClient, signer: Signer, venues: PairVenues, q: SwapQuote, slippageBps: number) {
  await fundTreasury(client, signer, venues, q.tokenIn, q.venue === "uniswap-v3" ? venues.v3.router : venues.v2.router, q.amountIn);
  const deadline = await deadlineFromNow(client);
  const { to, data } = swapCall(venues, q.venue, { tokenIn: q.tokenIn, tokenOut: q.tokenOut, amountIn: q.amountIn, minOut: minOut(q.amountOut, slippageBps), recipient: signer.account.address, deadline });
  await client.call({ account: signer.account, to, data, gas: SWAP_GAS_LIMIT });
  return signCall(client, signer, { to, data, gas: SWAP_GAS_LIMIT, deadline, amountIn: q.amountIn });
}

/** What a mined swap did: the treasury's input out and output in (its Transfer logs), the gas, and its realised P&L (swapPnlUsdc). */
export function swapFromReceipt(receipt: TransactionReceipt, tokens: { tokenIn: Address; tokenOut: Address }, treasury: Address, oracle: { ethUsd: bigint; ethUsdDecimals: number }, atFeed = false): LiveFill & { amountIn: bigint } {
  const gasWei = receipt.gasUsed * receipt.effectiveGasPrice;
  const gasUsdc = weiToUsdc(gasWei, oracle.ethUsd, oracle.ethUsdDecimals);
  const amountIn = -tokenChange(receipt, tokens.tokenIn, treasury);
  const amountOut = tokenChange(receipt, tokens.tokenOut, treasury);
  return {
    txHash: receipt.transactionHash,
    blockNumber: receipt.blockNumber,
    amountIn,
    amountOut,
    pnlUsdc: swapPnlUsdc({ amountIn, amountOut, ...oracle }, gasUsdc, atFeed),
    gasWei,
    gasUsdc,
  };
}
