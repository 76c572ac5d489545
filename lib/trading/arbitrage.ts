import type { Address, PublicClient } from "viem";
import { localDeployment } from "@/lib/chain/deployments.local";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import { getAmountsOut, pairState, amountOutV2 } from "@/lib/defi/uniswap-v2/client";
import { poolState, quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { usdcPerEthAt } from "@/lib/defi/uniswap-v3/math";
import { feeTier, type PairVenues } from "@/lib/defi/venues";
import { maximiseProfit } from "./optimize";

/**
 * Cross-venue arbitrage on one pair (WETH/USDC) between the pair's pools: Uniswap V2 and each
 * Uniswap V3 fee tier (0.05 % and 0.3 % on the local chain). Every pair of pools is a route: buy
 * WETH with USDC where it is cheaper, sell it where it is dearer, both legs at the same block; the
 * route with the highest net profit is the opportunity. Every size is a real quote (QuoterV2 for a
 * V3 leg; V2's own constant-product maths on the pair's reserves at that block, which is exactly
 * what Router02.getAmountsOut computes, and the chosen size is confirmed through getAmountsOut).
 * Net profit = USDC back − USDC in − gas at the block's base fee (priced by the ETH/USD oracle at
 * that block). An oracle answer of zero or less is refused; an old one is not: the opportunity
 * carries the answer's update time and the guard refuses to trade on it (ORACLE_STALE, limit in
 * treasury_control), so a stale feed shows as refusals, not as silence.
 */

export type VenueName = "uniswap-v3" | "uniswap-v2";

/** One side of a round trip: the V2 pair, or the V3 pool of one fee tier. */
export type ArbVenue = {
  name: VenueName;
  pool: Address;
  /** The pool's fee in millionths (500 = 0.05 %; V2's fixed 0.3 % is 3000). */
  fee: number;
};

/** The pair's pools on every venue the detector compares: each V3 fee tier, then V2. */
export function arbVenues(venues: PairVenues): ArbVenue[] {
  return [...venues.v3Pools.map((p): ArbVenue => ({ name: "uniswap-v3", pool: p.pool, fee: p.fee })), { name: "uniswap-v2", pool: venues.v2.pair, fee: venues.v2.feeBps * 100 }];
}

export type Route = { buy: ArbVenue; sell: ArbVenue };

/** "uniswap-v2 0.3 % → uniswap-v3 0.05 %": a route as the screen and the logs name it. */
export function routeLabel(r: { buy: { name: string; fee: number }; sell: { name: string; fee: number } }): string {
  return `${r.buy.name} ${feeTier(r.buy.fee)} → ${r.sell.name} ${feeTier(r.sell.fee)}`;
}

export type Opportunity = {
  chainId: number;
  blockNumber: bigint;
  pair: "WETH/USDC";
  /** Where WETH is bought with USDC (leg 1) and where it is sold back (leg 2). */
  buy: ArbVenue;
  sell: ArbVenue;
  /** USDC base units in (leg 1) and back (leg 2), WETH base units in between. */
  sizeUsdc: bigint;
  wethOut: bigint;
  usdcOut: bigint;
  gasUnits: bigint;
  gasCostUsdc: bigint;
  netProfitUsdc: bigint;
  /** Mid prices (USDC base units per whole ETH) of the buy and the sell pool at the block. */
  buyMid: bigint;
  sellMid: bigint;
  /** The ETH/USD oracle answer at the block (used for gas and the guard's deviation check), its decimals and update time. */
  ethUsd: bigint;
  ethUsdDecimals: number;
  ethUsdUpdatedAt: bigint;
  /** The USDC/USD feed at the block: the guard's depeg breaker (and its age, the stale check). */
  usdcUsd: { answer: bigint; decimals: number; updatedAt: bigint };
  blockTimestamp: bigint;
  /** Quotes taken over every route searched. */
  probes: number;
};

/** Gas of both legs in one transaction: transaction base 21k, executor ~30k, and each swap (V3 ~110k, V2 ~90k). */
export function roundTripGas(r: Route): bigint {
  const swap = (v: ArbVenue) => (v.name === "uniswap-v3" ? 110_000n : 90_000n);
  return 51_000n + swap(r.buy) + swap(r.sell);
}

export type DetectOptions = {
  blockNumber: bigint;
  minSizeUsdc?: bigint;
  maxSizeUsdc?: bigint;
  priorityFeeWei?: bigint;
  /** Quote this route only (a bot's smaller size re-quoted on the route the detector chose). */
  route?: Route;
};

/** Both venues and the ETH/USD feed at one block: what the DCA bots price with (the main V3 tier and V2). */
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
  const [block, midV3, v2, round, usdcUsd] = await Promise.all([
    client.getBlock({ blockNumber }),
    v3MidAt(client, venues, venues.v3.pool, blockNumber),
    pairState(client, venues.v2.pair, blockNumber),
    readFeedAt(client, localDeployment.contracts.ETH_USD, blockNumber),
    readFeedAt(client, localDeployment.contracts.USDC_USD, blockNumber),
  ]);
  if (round.answer <= 0n) throw new Error(`ETH/USD oracle has no usable answer (${round.answer}, updated at ${round.updatedAt})`);
  const v2WethIs0 = v2.token0.toLowerCase() === venues.weth.toLowerCase();
  const [v2Weth, v2Usdc] = v2WethIs0 ? [v2.reserve0, v2.reserve1] : [v2.reserve1, v2.reserve0];
  return { block, midV3, midV2: (v2Usdc * 10n ** 18n) / v2Weth, v2Weth, v2Usdc, round, usdcUsd: { answer: usdcUsd.answer, decimals: usdcUsd.decimals, updatedAt: usdcUsd.updatedAt } };
}

async function v3MidAt(client: PublicClient, venues: PairVenues, pool: Address, blockNumber: bigint): Promise<bigint> {
  const s = await poolState(client, pool, blockNumber);
  return usdcPerEthAt({ sqrtPriceX96: s.sqrtPriceX96, token0IsWeth: s.token0.toLowerCase() === venues.weth.toLowerCase() });
}

/** Every route between two of the pools, buying where WETH is cheaper at the block. */
export function routesByMid(pools: { venue: ArbVenue; mid: bigint }[]): Route[] {
  const routes: Route[] = [];
  for (let i = 0; i < pools.length; i++) {
    for (let j = i + 1; j < pools.length; j++) {
      const [a, b] = [pools[i]!, pools[j]!];
      routes.push(a.mid <= b.mid ? { buy: a.venue, sell: b.venue } : { buy: b.venue, sell: a.venue });
    }
  }
  return routes;
}

/**
 * The routes worth quoting, best first: those whose first unit already comes back with more USDC
 * (sell mid × (1 − sell fee) above buy mid ÷ (1 − buy fee)). Both curves only get worse with size,
 * so a route that loses at the margin loses at every size and costs ~40 quotes for nothing; when
 * every route does, the least bad one is still quoted (the desk logs and reports its figure).
 */
export function worthSearching(routes: Route[], midOf: Map<Address, bigint>): Route[] {
  const M = 1_000_000n;
  const edge = (r: Route) => midOf.get(r.sell.pool)! * (M - BigInt(r.sell.fee)) * (M - BigInt(r.buy.fee)) - midOf.get(r.buy.pool)! * M * M;
  const ranked = routes.map((r) => ({ r, edge: edge(r) })).sort((a, b) => (a.edge > b.edge ? -1 : a.edge < b.edge ? 1 : 0));
  const paying = ranked.filter((x) => x.edge > 0n);
  return (paying.length > 0 ? paying : ranked.slice(0, 1)).map((x) => x.r);
}

export async function detectArbitrage(client: PublicClient, venues: PairVenues, opts: DetectOptions): Promise<Opportunity> {
  const blockNumber = opts.blockNumber;
  const all = arbVenues(venues);
  // The main V3 pool and V2 come with the market read; the other tiers beside it.
  const otherTiers = venues.v3Pools.filter((p) => p.pool !== venues.v3.pool);
  const [market, ...otherMids] = await Promise.all([readMarketAt(client, venues, blockNumber), ...otherTiers.map((p) => v3MidAt(client, venues, p.pool, blockNumber))]);
  const { block, v2Weth, v2Usdc, round, usdcUsd } = market;
  const midOf = new Map<Address, bigint>([[venues.v2.pair, market.midV2], [venues.v3.pool, market.midV3], ...otherTiers.map((p, i): [Address, bigint] => [p.pool, otherMids[i]!])]);

  const feeWei = (block.baseFeePerGas ?? 0n) + (opts.priorityFeeWei ?? 0n);
  // wei × (USD per ETH, oracle decimals) → USDC base units (6 decimals)
  const gasCostUsdc = (r: Route) => weiToUsdc(roundTripGas(r) * feeWei, round.answer, round.decimals);

  const leg = async (v: ArbVenue, tokenIn: Address, tokenOut: Address, amountIn: bigint): Promise<bigint> => {
    if (amountIn === 0n) return 0n;
    if (v.name === "uniswap-v3") return (await quoteExactInputSingle(client, { quoter: venues.v3.quoter, tokenIn, tokenOut, fee: v.fee, amountIn, blockNumber })).amountOut;
    return tokenIn === venues.usdc ? amountOutV2(amountIn, v2Usdc, v2Weth) : amountOutV2(amountIn, v2Weth, v2Usdc);
  };
  const roundTrip = async (r: Route, sizeUsdc: bigint) => {
    const wethOut = await leg(r.buy, venues.usdc, venues.weth, sizeUsdc);
    return { wethOut, usdcOut: await leg(r.sell, venues.weth, venues.usdc, wethOut) };
  };

  const routes = opts.route ? [opts.route] : worthSearching(routesByMid(all.map((venue) => ({ venue, mid: midOf.get(venue.pool)! }))), midOf);
  let probes = 0;
  let best: { route: Route; size: bigint; profit: bigint } | null = null;
  for (const route of routes) {
    const gas = gasCostUsdc(route);
    const top = await maximiseProfit(async (size) => (await roundTrip(route, size)).usdcOut - size - gas, {
      minSize: opts.minSizeUsdc ?? 10_000_000n, // 10 USDC
      maxSize: opts.maxSizeUsdc ?? 2_000_000_000_000n, // 2M USDC
    });
    probes += top.probes;
    if (!best || top.profit > best.profit) best = { route, size: top.size, profit: top.profit };
  }
  const { route, size } = best!;
  const legs = await roundTrip(route, size);

  // A V2 leg's local maths must agree with the router's own quote at that block.
  for (const [v, amountIn, path, expected] of [
    [route.buy, size, [venues.usdc, venues.weth], legs.wethOut],
    [route.sell, legs.wethOut, [venues.weth, venues.usdc], legs.usdcOut],
  ] as const) {
    if (v.name !== "uniswap-v2" || amountIn === 0n) continue;
    const routerAmounts = await getAmountsOut(client, { router: venues.v2.router, amountIn, path: [...path], blockNumber });
    if (routerAmounts.at(-1) !== expected) throw new Error(`V2 quote mismatch: router says ${routerAmounts.at(-1)}, pair maths ${expected}`);
  }

  return {
    chainId: venues.chainId,
    blockNumber,
    pair: venues.pair,
    buy: route.buy,
    sell: route.sell,
    sizeUsdc: size,
    wethOut: legs.wethOut,
    usdcOut: legs.usdcOut,
    gasUnits: roundTripGas(route),
    gasCostUsdc: gasCostUsdc(route),
    netProfitUsdc: legs.usdcOut - size - gasCostUsdc(route),
    buyMid: midOf.get(route.buy.pool)!,
    sellMid: midOf.get(route.sell.pool)!,
    ethUsd: round.answer,
    ethUsdDecimals: round.decimals,
    ethUsdUpdatedAt: round.updatedAt,
    usdcUsd,
    blockTimestamp: block.timestamp,
    probes,
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
