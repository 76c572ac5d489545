import { encodeFunctionData, encodePacked, type Address, type Hex } from "viem";
import { swapRouterAbi, uniswapV2RouterAbi } from "./abis";
import { localDeployment } from "@/lib/chain/deployments.local";

/**
 * The venues the desk trades on, per chain. Only the local chain (31337) has them today: the
 * Uniswap V3 and V2 contracts deployed from their npm artifacts by `npm run chain:deploy`.
 */

export type PairVenues = {
  chainId: number;
  pair: "WETH/USDC";
  weth: Address;
  usdc: Address;
  /** The main V3 pool (0.05 %): what the scheduled bots swap through. */
  v3: { name: "uniswap-v3"; quoter: Address; router: Address; pool: Address; fee: number };
  /** Every V3 fee tier of the pair (the main one first): the arbitrage detector compares them all with each other and with V2. */
  v3Pools: readonly { pool: Address; fee: number }[];
  v2: { name: "uniswap-v2"; router: Address; pair: Address; feeBps: 30 };
};

export function localWethUsdc(): PairVenues {
  const c = localDeployment.contracts;
  return {
    chainId: localDeployment.chainId,
    pair: "WETH/USDC",
    weth: c.WETH,
    usdc: c.USDC,
    v3: { name: "uniswap-v3", quoter: c.UniswapV3QuoterV2, router: c.UniswapV3SwapRouter, pool: c.UniswapV3Pool_WETH_USDC_500, fee: 500 },
    v3Pools: [
      { pool: c.UniswapV3Pool_WETH_USDC_500, fee: 500 },
      { pool: c.UniswapV3Pool_WETH_USDC_3000, fee: 3000 },
    ],
    v2: { name: "uniswap-v2", router: c.UniswapV2Router, pair: c.UniswapV2Pair_WETH_USDC, feeBps: 30 },
  };
}

/** A fee in millionths as a percentage: 500 → "0.05 %", 3000 → "0.3 %", 100 → "0.01 %". */
export function feeTier(feePpm: number): string {
  return `${Number((feePpm / 10_000).toFixed(4))} %`;
}

/** One of the desk's tokens by name and decimals: WETH, or a stablecoin of the local chain (anything else is taken as the pair's USDC). */
export function pairToken(venues: PairVenues, token: string): { symbol: "WETH" | StableSymbol; decimals: 18 | 6 } {
  if (token.toLowerCase() === venues.weth.toLowerCase()) return { symbol: "WETH", decimals: 18 };
  const stable = venues.chainId === localDeployment.chainId ? stableByAddress(localStables(), token) : null;
  return stable ? { symbol: stable.symbol, decimals: stable.decimals } : { symbol: "USDC", decimals: 6 };
}

/**
 * The stablecoins the treasury keeps a mix of, and the 0.01 % V3 pools between them (only the local
 * chain has them: `npm run chain:deploy`). Every pool pairs USDC with another stablecoin, so a
 * swap between USDT and DAI goes through USDC (two hops, one transaction through SwapRouter.exactInput).
 */
export const STABLE_SYMBOLS = ["USDC", "USDT", "DAI"] as const;
export type StableSymbol = (typeof STABLE_SYMBOLS)[number];
export type Stable = { symbol: StableSymbol; address: Address; decimals: 6 | 18; /** Its USD feed (Chainlink interface). */ feed: Address };
export type StablePool = { pool: Address; fee: number; /** The stablecoin paired with USDC. */ other: Exclude<StableSymbol, "USDC"> };
export type StableVenues = { chainId: number; quoter: Address; router: Address; stables: Record<StableSymbol, Stable>; pools: readonly StablePool[] };

export function localStables(): StableVenues {
  const c = localDeployment.contracts;
  return {
    chainId: localDeployment.chainId,
    quoter: c.UniswapV3QuoterV2,
    router: c.UniswapV3SwapRouter,
    stables: {
      USDC: { symbol: "USDC", address: c.USDC, decimals: 6, feed: c.USDC_USD },
      USDT: { symbol: "USDT", address: c.USDT, decimals: 6, feed: c.USDT_USD },
      DAI: { symbol: "DAI", address: c.DAI, decimals: 18, feed: c.DAI_USD },
    },
    pools: [
      { pool: c.UniswapV3Pool_USDC_USDT_100, fee: 100, other: "USDT" },
      { pool: c.UniswapV3Pool_USDC_DAI_100, fee: 100, other: "DAI" },
    ],
  };
}

export function stableByAddress(v: StableVenues, token: string): Stable | null {
  return Object.values(v.stables).find((s) => s.address.toLowerCase() === token.toLowerCase()) ?? null;
}

/** The route from one stablecoin to another: its pools in order, the tokens it touches, and SwapRouter's packed path (token, fee, token…). */
export type StableRoute = { from: StableSymbol; to: StableSymbol; pools: StablePool[]; tokens: Address[]; path: Hex };

export function stableRoute(v: StableVenues, from: StableSymbol, to: StableSymbol): StableRoute {
  if (from === to) throw new RangeError(`no swap from ${from} to itself`);
  const poolOf = (other: StableSymbol) => {
    const p = v.pools.find((x) => x.other === other);
    if (!p) throw new Error(`no USDC/${other} pool on chain ${v.chainId}`);
    return p;
  };
  const hops: StableSymbol[] = from === "USDC" || to === "USDC" ? [from, to] : [from, "USDC", to];
  const pools = hops.slice(1).map((sym, i) => poolOf(sym === "USDC" ? hops[i]! : sym));
  const tokens = hops.map((sym) => v.stables[sym].address);
  const types: ("address" | "uint24")[] = [];
  const values: (Address | number)[] = [];
  tokens.forEach((t, i) => {
    if (i > 0) {
      types.push("uint24");
      values.push(pools[i - 1]!.fee);
    }
    types.push("address");
    values.push(t);
  });
  return { from, to, pools, tokens, path: encodePacked(types, values) };
}

/** SwapRouter `exactInput` along the route: output to `recipient`, at least `minOut`, before `deadline`. */
export function stableSwapCall(v: StableVenues, route: StableRoute, p: { amountIn: bigint; minOut: bigint; recipient: Address; deadline: bigint }): { to: Address; data: Hex } {
  return { to: v.router, data: encodeFunctionData({ abi: swapRouterAbi, functionName: "exactInput", args: [{ path: route.path, recipient: p.recipient, deadline: p.deadline, amountIn: p.amountIn, amountOutMinimum: p.minOut }] }) };
}

/**
 * The router call for one exact-input swap on the pair, whole on one venue: SwapRouter
 * `exactInputSingle` (V3) or Router02 `swapExactTokensForTokens` (V2), output to `recipient`, at
 * least `minOut`, before `deadline` (unix seconds) or the router reverts.
 */
export function swapCall(
  venues: PairVenues,
  venue: PairVenues["v3" | "v2"]["name"],
  p: { tokenIn: Address; tokenOut: Address; amountIn: bigint; minOut: bigint; recipient: Address; deadline: bigint },
): { to: Address; data: Hex } {
  return venue === "uniswap-v3"
    ? {
        to: venues.v3.router,
        data: encodeFunctionData({ abi: swapRouterAbi, functionName: "exactInputSingle", args: [{ tokenIn: p.tokenIn, tokenOut: p.tokenOut, fee: venues.v3.fee, recipient: p.recipient, deadline: p.deadline, amountIn: p.amountIn, amountOutMinimum: p.minOut, sqrtPriceLimitX96: 0n }] }),
      }
    : { to: venues.v2.router, data: encodeFunctionData({ abi: uniswapV2RouterAbi, functionName: "swapExactTokensForTokens", args: [p.amountIn, p.minOut, [p.tokenIn, p.tokenOut], p.recipient, p.deadline] }) };
}
