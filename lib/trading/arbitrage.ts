import type { PublicClient } from "viem";
import { localDeployment } from "@/lib/chain/deployments.local";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import { getAmountsOut, pairState, amountOutV2 } from "@/lib/defi/uniswap-v2/client";
import { poolState, quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { usdcPerEthAt } from "@/lib/defi/uniswap-v3/math";
import type { PairVenues } from "@/lib/defi/venues";
import { maximiseProfit } from "./optimize";

/**
 * Cross-venue arbitrage on one pair (WETH/USDC) between Uniswap V3 and V2: buy WETH with USDC where
 * it is cheaper, sell it where it is dearer, both legs at the same block. Every size is a real
 * quote (QuoterV2 for V3; V2's own constant-product maths on the pair's reserves at that block,
 * which is exactly what Router02.getAmountsOut computes, and the chosen size is confirmed through
 * getAmountsOut). Net profit = USDC back − USDC in − gas at the block's base fee (priced by the
 * ETH/USD oracle at that block). An oracle answer of zero or less is refused; an old one is not:
 * the opportunity carries the answer's update time and the guard refuses to trade on it
 * (ORACLE_STALE, limit in treasury_control), so a stale feed shows as refusals, not as silence.
 */

export type VenueName = "uniswap-v3" | "uniswap-v2";

export type Opportunity = {
  chainId: number;
  blockNumber: bigint;
  pair: "WETH/USDC";
  buyVenue: VenueName;
  sellVenue: VenueName;
  /** USDC base units in (leg 1) and back (leg 2), WETH base units in between. */
  sizeUsdc: bigint;
  wethOut: bigint;
  usdcOut: bigint;
  gasUnits: bigint;
  gasCostUsdc: bigint;
  netProfitUsdc: bigint;
  /** Mid prices (USDC base units per whole ETH) on each venue at the block. */
  midV3: bigint;
  midV2: bigint;
  /** The ETH/USD oracle answer at the block (used for gas and the guard's deviation check), its decimals and update time. */
  ethUsd: bigint;
  ethUsdDecimals: number;
  ethUsdUpdatedAt: bigint;
  /** The USDC/USD feed at the block: the guard's depeg breaker (and its age, the stale check). */
  usdcUsd: { answer: bigint; decimals: number; updatedAt: bigint };
  blockTimestamp: bigint;
  probes: number;
};

/** Gas of both legs in one transaction: V3 swap ~110k, V2 swap ~90k, transaction base 21k, executor ~30k. */
export const ROUND_TRIP_GAS = 250_000n;

export type DetectOptions = {
  blockNumber: bigint;
  minSizeUsdc?: bigint;
  maxSizeUsdc?: bigint;
  priorityFeeWei?: bigint;
};

/** Both venues and the ETH/USD feed at one block: what the detector and the DCA bots price with. */
export type MarketAt = {
  block: { timestamp: bigint; baseFeePerGas: bigint | null };
  midV3: bigint;
  midV2: bigint;
  /** V2's reserves, WETH and USDC side. */
  v2Weth: bigint;
  v2Usdc: bigint;
  round: { answer: bigint; decimals: number; updatedAt: bigint };
  /** The USDC/USD feed (the desk takes USDC at $1; the guard checks that it still is). */
  usdcUsd: { answer: bigint; decimals: number; updatedAt: bigint };
};

export async function readMarketAt(client: PublicClient, venues: PairVenues, blockNumber: bigint): Promise<MarketAt> {
  const [block, v3, v2, round, usdcUsd] = await Promise.all([
    client.getBlock({ blockNumber }),
    poolState(client, venues.v3.pool, blockNumber),
    pairState(client, venues.v2.pair, blockNumber),
    readFeedAt(client, localDeployment.contracts.ETH_USD, blockNumber),
    readFeedAt(client, localDeployment.contracts.USDC_USD, blockNumber),
  ]);
  if (round.answer <= 0n) throw new Error(`ETH/USD oracle has no usable answer (${round.answer}, updated at ${round.updatedAt})`);
  const v3WethIs0 = v3.token0.toLowerCase() === venues.weth.toLowerCase();
  const midV3 = usdcPerEthAt({ sqrtPriceX96: v3.sqrtPriceX96, token0IsWeth: v3WethIs0 });
  const v2WethIs0 = v2.token0.toLowerCase() === venues.weth.toLowerCase();
  const [v2Weth, v2Usdc] = v2WethIs0 ? [v2.reserve0, v2.reserve1] : [v2.reserve1, v2.reserve0];
  return { block, midV3, midV2: (v2Usdc * 10n ** 18n) / v2Weth, v2Weth, v2Usdc, round, usdcUsd: { answer: usdcUsd.answer, decimals: usdcUsd.decimals, updatedAt: usdcUsd.updatedAt } };
}

export async function detectArbitrage(client: PublicClient, venues: PairVenues, opts: DetectOptions): Promise<Opportunity> {
  const blockNumber = opts.blockNumber;
  const { block, midV3, midV2, v2Weth, v2Usdc, round, usdcUsd } = await readMarketAt(client, venues, blockNumber);

  const feeWei = (block.baseFeePerGas ?? 0n) + (opts.priorityFeeWei ?? 0n);
  // wei × (USD per ETH, oracle decimals) → USDC base units (6 decimals)
  const gasCostUsdc = weiToUsdc(ROUND_TRIP_GAS * feeWei, round.answer, round.decimals);

  const buyOnV3 = midV3 < midV2;
  const v3Quote = (tokenIn: `0x${string}`, tokenOut: `0x${string}`, amountIn: bigint) =>
    quoteExactInputSingle(client, { quoter: venues.v3.quoter, tokenIn, tokenOut, fee: venues.v3.fee, amountIn, blockNumber }).then((q) => q.amountOut);
  const roundTrip = async (sizeUsdc: bigint): Promise<{ wethOut: bigint; usdcOut: bigint }> => {
    if (buyOnV3) {
      const wethOut = await v3Quote(venues.usdc, venues.weth, sizeUsdc);
      return { wethOut, usdcOut: amountOutV2(wethOut, v2Weth, v2Usdc) };
    }
    const wethOut = amountOutV2(sizeUsdc, v2Usdc, v2Weth);
    return { wethOut, usdcOut: wethOut === 0n ? 0n : await v3Quote(venues.weth, venues.usdc, wethOut) };
  };

  const best = await maximiseProfit(async (size) => (await roundTrip(size)).usdcOut - size - gasCostUsdc, {
    minSize: opts.minSizeUsdc ?? 10_000_000n, // 10 USDC
    maxSize: opts.maxSizeUsdc ?? 2_000_000_000_000n, // 2M USDC
  });
  const legs = await roundTrip(best.size);

  // The V2 leg's local maths must agree with the router's own quote at that block.
  const path = buyOnV3 ? [venues.weth, venues.usdc] : [venues.usdc, venues.weth];
  const routerAmounts = await getAmountsOut(client, { router: venues.v2.router, amountIn: buyOnV3 ? legs.wethOut : best.size, path, blockNumber });
  const expectedV2 = buyOnV3 ? legs.usdcOut : legs.wethOut;
  if (routerAmounts.at(-1) !== expectedV2) throw new Error(`V2 quote mismatch: router says ${routerAmounts.at(-1)}, pair maths ${expectedV2}`);

  return {
    chainId: venues.chainId,
    blockNumber,
    pair: venues.pair,
    buyVenue: buyOnV3 ? "uniswap-v3" : "uniswap-v2",
    sellVenue: buyOnV3 ? "uniswap-v2" : "uniswap-v3",
    sizeUsdc: best.size,
    wethOut: legs.wethOut,
    usdcOut: legs.usdcOut,
    gasUnits: ROUND_TRIP_GAS,
    gasCostUsdc,
    netProfitUsdc: legs.usdcOut - best.size - gasCostUsdc,
    midV3,
    midV2,
    ethUsd: round.answer,
    ethUsdDecimals: round.decimals,
    ethUsdUpdatedAt: round.updatedAt,
    usdcUsd,
    blockTimestamp: block.timestamp,
    probes: best.probes,
  };
}

/** wei × (USD per ETH at the oracle's decimals) → USDC base units (6 decimals), rounded down. */
export function weiToUsdc(wei: bigint, ethUsd: bigint, decimals: number): bigint {
  return (wei * ethUsd * 10n ** 6n) / (10n ** 18n * 10n ** BigInt(decimals));
}

/** USDC base units (6 decimals) to whole US cents, rounded toward zero (USDC taken at its 1 USD peg). */
export function usdcToCents(usdc: bigint): number {
  return Number(usdc / 10_000n);
}
