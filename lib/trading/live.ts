import { BaseError, maxUint256, type Account, type Chain, type PublicClient, type Transport, type WalletClient } from "viem";
import { arbExecutorAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { erc20Abi } from "@/lib/defi/abis";
import { LOCAL_CHAIN_ID } from "@/lib/defi/local-accounts";
import type { PairVenues } from "@/lib/defi/venues";
import { weiToUsdc, type Opportunity } from "./arbitrage";

/**
 * Live execution on the local chain: both legs in one transaction through our ArbExecutor
 * (contracts/src/ArbExecutor.sol), which reverts unless the USDC that comes back is at least the
 * stake plus `minProfit`. Local chain only (the treasury key is anvil's; refused elsewhere). The
 * recorded P&L is what the treasury's USDC balance really did across the transaction, less the gas
 * it paid (priced by the same oracle answer the detector used).
 */

export type Signer = WalletClient<Transport, Chain, Account>;
export type LiveFill = { txHash: `0x${string}`; blockNumber: bigint; amountOut: bigint; pnlUsdc: bigint };

export async function executeLive(client: PublicClient, signer: Signer, venues: PairVenues, o: Opportunity, slippageBps: number): Promise<LiveFill> {
  if (venues.chainId !== LOCAL_CHAIN_ID || (await client.getChainId()) !== LOCAL_CHAIN_ID) throw new Error("live trading runs on the local chain only");
  const executor = localDeployment.contracts.ArbExecutor;
  const treasury = signer.account.address;
  const wait = (hash: `0x${string}`) => client.waitForTransactionReceipt({ hash, pollingInterval: 50 });

  // The local treasury is topped up from the test stablecoin's faucet and lets the executor pull its stake.
  const balance = await client.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [treasury] });
  if (balance < o.sizeUsdc) await wait(await signer.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [treasury, o.sizeUsdc - balance] }));
  const allowance = await client.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "allowance", args: [treasury, executor] });
  if (allowance < o.sizeUsdc) await wait(await signer.writeContract({ address: venues.usdc, abi: erc20Abi, functionName: "approve", args: [executor, maxUint256] }));

  const expectedGross = o.usdcOut - o.sizeUsdc;
  const minProfit = expectedGross > 0n ? (expectedGross * BigInt(10_000 - slippageBps)) / 10_000n : 0n;
  const block = await client.getBlock();
  const before = await client.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [treasury] });
  // Simulated first: a trade that would revert is refused here, not mined (a mined revert costs gas
  // and makes a new block, on which the desk would try again).
  const { request } = await client.simulateContract({
    account: signer.account,
    address: executor,
    abi: arbExecutorAbi,
    functionName: "execute",
    args: [venues.usdc, venues.weth, venues.v3.fee, o.sizeUsdc, o.buyVenue === "uniswap-v3", minProfit, block.timestamp + 120n],
    gas: 600_000n,
  });
  const hash = await signer.writeContract(request);
  const receipt = await wait(hash);
  if (receipt.status !== "success") throw new Error(`the executor reverted (${hash}): the round trip no longer cleared its minimum profit`);
  const after = await client.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [treasury], blockNumber: receipt.blockNumber });
  const gasUsdc = weiToUsdc(receipt.gasUsed * receipt.effectiveGasPrice, o.ethUsd, o.ethUsdDecimals);
  return { txHash: hash, blockNumber: receipt.blockNumber, amountOut: o.sizeUsdc + (after - before), pnlUsdc: after - before - gasUsdc };
}

export function shortError(error: unknown): string {
  return error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
}
