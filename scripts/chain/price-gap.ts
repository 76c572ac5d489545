import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseEther, type Address, type Hex } from "viem";
import { anvil } from "viem/chains";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { getAmountsOut, swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { localWethUsdc } from "@/lib/defi/venues";
import { localAccount, WHALE_INDEX } from "./defi-contracts";

/**
 * Opens (and closes) a WETH/USDC price gap between the venues on a local chain: a "whale" of our
 * own (anvil mnemonic index 22, funded by anvil) sells WETH into the V2 pair, so V2 quotes ETH
 * cheaper than V3 until someone arbitrages it. For the demo, the e2e spec and tests.
 */

function clients(rpcUrl: string) {
  const transport = http(rpcUrl);
  const account = localAccount(WHALE_INDEX);
  return {
    account,
    pub: createPublicClient({ chain: anvil, transport }),
    wallet: createWalletClient({ chain: anvil, transport, account }),
    test: createTestClient({ chain: anvil, transport, mode: "anvil" }),
  };
}

async function swapOnV2(rpcUrl: string, tokenIn: Address, tokenOut: Address, amountIn: bigint): Promise<{ block: bigint; amountOut: bigint }> {
  const { pub, wallet } = clients(rpcUrl);
  const venues = localWethUsdc();
  const wait = async (hash: Hex) => {
    const r = await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (r.status !== "success") throw new Error(`whale transaction ${hash} reverted`);
    return r;
  };
  const allowance = await pub.readContract({ address: tokenIn, abi: erc20Abi, functionName: "allowance", args: [wallet.account.address, venues.v2.router] });
  if (allowance < amountIn) await wait(await wallet.writeContract({ address: tokenIn, abi: erc20Abi, functionName: "approve", args: [venues.v2.router, maxUint256] }));
  const path = [tokenIn, tokenOut] as const;
  const amounts = await getAmountsOut(pub, { router: venues.v2.router, amountIn, path });
  const block = await pub.getBlock();
  const receipt = await wait(await swapExactTokensForTokens(wallet, { router: venues.v2.router, amountIn, quotedOut: amounts.at(-1)!, slippageBps: 100, path, deadline: block.timestamp + 600n }));
  return { block: receipt.blockNumber, amountOut: amounts.at(-1)! };
}

/** Sells `weth` into V2 (V2's ETH price falls); returns the block and the USDC the whale got. */
export async function openPriceGap(rpcUrl: string, weth: bigint): Promise<{ block: bigint; usdcReceived: bigint }> {
  const { pub, wallet, test, account } = clients(rpcUrl);
  const venues = localWethUsdc();
  await test.setBalance({ address: account.address, value: parseEther("100") + weth });
  const hash = await wallet.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: weth });
  await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  const { block, amountOut } = await swapOnV2(rpcUrl, venues.weth, venues.usdc, weth);
  return { block, usdcReceived: amountOut };
}

/** Buys WETH back on V2 with `usdc` (what openPriceGap returned): V2's price returns near where it was. */
export async function closePriceGap(rpcUrl: string, usdc: bigint): Promise<bigint> {
  const venues = localWethUsdc();
  return (await swapOnV2(rpcUrl, venues.usdc, venues.weth, usdc)).block;
}
