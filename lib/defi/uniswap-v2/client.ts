import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { uniswapV2PairAbi, uniswapV2RouterAbi } from "../abis";
import { estimateContractGas } from "viem/actions";
import { minOut, withGasMargin } from "../slippage";

/** Uniswap V2 (and its forks) over viem: Router02 quotes, pair reserves and exact-input swaps. */

export async function getAmountsOut(client: PublicClient, p: { router: Address; amountIn: bigint; path: readonly Address[]; blockNumber?: bigint }): Promise<readonly bigint[]> {
  return client.readContract({ address: p.router, abi: uniswapV2RouterAbi, functionName: "getAmountsOut", args: [p.amountIn, [...p.path]], blockNumber: p.blockNumber });
}

export type V2PairState = { reserve0: bigint; reserve1: bigint; token0: Address };

export async function pairState(client: PublicClient, pair: Address, blockNumber?: bigint): Promise<V2PairState> {
  const [[reserve0, reserve1], token0] = await Promise.all([
    client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "getReserves", blockNumber }),
    client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "token0", blockNumber }),
  ]);
  return { reserve0, reserve1, token0 };
}

/** The constant-product output with V2's 0.3 % fee (what the pair itself enforces). */
export function amountOutV2(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return 0n;
  const withFee = amountIn * 997n;
  return (withFee * reserveOut) / (reserveIn * 1000n + withFee);
}

export async function swapExactTokensForTokens(
  wallet: WalletClient<Transport, Chain, Account>,
  p: { router: Address; amountIn: bigint; quotedOut: bigint; slippageBps: number; path: readonly Address[]; deadline: bigint },
) {
  const request = {
    address: p.router,
    abi: uniswapV2RouterAbi,
    functionName: "swapExactTokensForTokens",
    args: [p.amountIn, minOut(p.quotedOut, p.slippageBps), [...p.path], wallet.account.address, p.deadline],
  } as const;
  const gas = await estimateContractGas(wallet, { ...request, account: wallet.account });
  return wallet.writeContract({ ...request, gas: withGasMargin(gas) });
}
