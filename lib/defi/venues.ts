import { encodeFunctionData, type Address, type Hex } from "viem";
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
  v3: { name: "uniswap-v3"; quoter: Address; router: Address; pool: Address; fee: number };
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
    v2: { name: "uniswap-v2", router: c.UniswapV2Router, pair: c.UniswapV2Pair_WETH_USDC, feeBps: 30 },
  };
}

/** One of the pair's tokens by name and decimals (anything but WETH is the pair's USDC). */
export function pairToken(venues: PairVenues, token: string): { symbol: "WETH" | "USDC"; decimals: 18 | 6 } {
  return token.toLowerCase() === venues.weth.toLowerCase() ? { symbol: "WETH", decimals: 18 } : { symbol: "USDC", decimals: 6 };
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
