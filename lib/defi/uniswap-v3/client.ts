import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import { quoterV2Abi, swapRouterAbi, uniswapV3PoolAbi } from "../abis";
import { estimateContractGas } from "viem/actions";
import { minOut, withGasMargin } from "../slippage";

/** Uniswap V3 over viem: QuoterV2 quotes, pool state and exact-input swaps through SwapRouter. */

export type V3Quote = { amountOut: bigint; sqrtPriceX96After: bigint; gasEstimate: bigint };

/**
 * QuoterV2.quoteExactInputSingle as an eth_call (the quoter reverts internally to return its
 * result, so it is never sent as a transaction), optionally pinned to a block.
 */
export async function quoteExactInputSingle(
  client: PublicClient,
  p: { quoter: Address; tokenIn: Address; tokenOut: Address; fee: number; amountIn: bigint; blockNumber?: bigint },
): Promise<V3Quote> {
  const { result } = await client.simulateContract({
    address: p.quoter,
    abi: quoterV2Abi,
    functionName: "quoteExactInputSingle",
    args: [{ tokenIn: p.tokenIn, tokenOut: p.tokenOut, amountIn: p.amountIn, fee: p.fee, sqrtPriceLimitX96: 0n }],
    blockNumber: p.blockNumber,
  });
  const [amountOut, sqrtPriceX96After, , gasEstimate] = result;
  return { amountOut, sqrtPriceX96After, gasEstimate };
}

/** QuoterV2.quoteExactInput along a packed path (token, fee, token…), as an eth_call, optionally pinned to a block. */
export async function quoteExactInput(client: PublicClient, p: { quoter: Address; path: Hex; amountIn: bigint; blockNumber?: bigint }): Promise<{ amountOut: bigint; gasEstimate: bigint }> {
  const { result } = await client.simulateContract({ address: p.quoter, abi: quoterV2Abi, functionName: "quoteExactInput", args: [p.path, p.amountIn], blockNumber: p.blockNumber });
  const [amountOut, , , gasEstimate] = result;
  return { amountOut, gasEstimate };
}

export type V3PoolState = { sqrtPriceX96: bigint; tick: number; liquidity: bigint; token0: Address; token1: Address; fee: number };

export async function poolState(client: PublicClient, pool: Address, blockNumber?: bigint): Promise<V3PoolState> {
  const read = <F extends "slot0" | "liquidity" | "token0" | "token1" | "fee">(functionName: F) =>
    client.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName, blockNumber } as never);
  const [slot0, liquidity, token0, token1, fee] = (await Promise.all([read("slot0"), read("liquidity"), read("token0"), read("token1"), read("fee")])) as [
    readonly [bigint, number, ...unknown[]],
    bigint,
    Address,
    Address,
    number,
  ];
  return { sqrtPriceX96: slot0[0], tick: slot0[1], liquidity, token0, token1, fee };
}

/**
 * An exact-input swap through SwapRouter with a slippage limit against a fresh quote and a
 * deadline; the router reverts ("Too little received", "Transaction too old") rather than fill worse.
 */
export async function swapExactInputSingle(
  wallet: WalletClient<Transport, Chain, Account>,
  p: { router: Address; tokenIn: Address; tokenOut: Address; fee: number; amountIn: bigint; quotedOut: bigint; slippageBps: number; deadline: bigint },
) {
  const request = {
    address: p.router,
    abi: swapRouterAbi,
    functionName: "exactInputSingle",
    args: [{ tokenIn: p.tokenIn, tokenOut: p.tokenOut, fee: p.fee, recipient: wallet.account.address, deadline: p.deadline, amountIn: p.amountIn, amountOutMinimum: minOut(p.quotedOut, p.slippageBps), sqrtPriceLimitX96: 0n }],
  } as const;
  const gas = await estimateContractGas(wallet, { ...request, account: wallet.account });
  return wallet.writeContract({ ...request, gas: withGasMargin(gas) });
}
