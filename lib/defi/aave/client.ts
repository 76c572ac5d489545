import { encodeFunctionData, type Address, type Hex, type PublicClient } from "viem";
import { aavePoolAbi, erc20Abi } from "@/lib/defi/abis";

/**
 * Aave V3 reads and calls with viem (Pool from @aave/core-v3, deployed on the local chain by
 * scripts/chain/aave-contracts.ts). Rates come from the reserve as Aave stores them: APRs in ray
 * (1e27), accruing per second; an aToken balance is the supplier's principal plus interest.
 */

const RAY = 10n ** 27n;
const SECONDS_PER_YEAR = 31_536_000;

/**
 * APY in basis points from an Aave ray APR, compounded per second as Aave's own interface shows it:
 * (1 + apr / secondsPerYear) ^ secondsPerYear − 1. A display figure, so a float is fine here.
 */
export function apyBpsFromRay(aprRay: bigint): number {
  const apr = Number((aprRay * 1_000_000n) / RAY) / 1_000_000;
  return Math.round((Math.pow(1 + apr / SECONDS_PER_YEAR, SECONDS_PER_YEAR) - 1) * 10_000);
}

export type ReserveState = {
  asset: Address;
  aToken: Address;
  supplyApyBps: number;
  borrowApyBps: number;
  /** Borrowed ÷ supplied, basis points. */
  utilisationBps: number;
  /** `holder`'s aToken balance (principal + interest) and wallet balance of the asset. */
  supplied: bigint;
  wallet: bigint;
};

/** One reserve and one holder's position in it, read at `blockNumber`. */
export async function readReserve(client: PublicClient, pool: Address, asset: Address, holder: Address, blockNumber: bigint): Promise<ReserveState> {
  const at = { blockNumber };
  const data = await client.readContract({ address: pool, abi: aavePoolAbi, functionName: "getReserveData", args: [asset], ...at });
  const balanceOf = (token: Address, who: Address) => client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [who], ...at });
  const totalSupply = (token: Address) => client.readContract({ address: token, abi: erc20Abi, functionName: "totalSupply", ...at });
  const [supplyTotal, variableDebt, stableDebt, supplied, wallet] = await Promise.all([
    totalSupply(data.aTokenAddress),
    totalSupply(data.variableDebtTokenAddress),
    totalSupply(data.stableDebtTokenAddress),
    balanceOf(data.aTokenAddress, holder),
    balanceOf(asset, holder),
  ]);
  return {
    asset,
    aToken: data.aTokenAddress,
    supplyApyBps: apyBpsFromRay(data.currentLiquidityRate),
    borrowApyBps: apyBpsFromRay(data.currentVariableBorrowRate),
    utilisationBps: supplyTotal === 0n ? 0 : Number(((variableDebt + stableDebt) * 10_000n) / supplyTotal),
    supplied,
    wallet,
  };
}

/** The call that moves `amount` of `asset` between `holder`'s wallet and the pool. */
export function lendingCall(action: "SUPPLY" | "WITHDRAW", asset: Address, amount: bigint, holder: Address): Hex {
  return action === "SUPPLY"
    ? encodeFunctionData({ abi: aavePoolAbi, functionName: "supply", args: [asset, amount, holder, 0] })
    : encodeFunctionData({ abi: aavePoolAbi, functionName: "withdraw", args: [asset, amount, holder] });
}
