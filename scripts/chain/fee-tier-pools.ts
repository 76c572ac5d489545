import { createTestClient, createWalletClient, maxUint256, parseEther, parseUnits, zeroAddress, type Address, type Hex, type PublicClient, type Transport, type WalletClient, type Account, type Chain } from "viem";
import { anvil } from "viem/chains";
import { erc20Abi, nonfungiblePositionManagerAbi, uniswapV3FactoryAbi, uniswapV3PoolAbi, weth9Abi } from "@/lib/defi/abis";
import { localAccount, LIQUIDITY_INDEX } from "@/lib/defi/local-accounts";
import { FULL_RANGE, sqrtBigInt } from "@/lib/defi/uniswap-v3/math";
import { CREATE2_DEPLOYER, LOCAL_PRICES } from "./local-contracts";

/**
 * The V3 pools beside the desk's WETH/USDC 0.05 % pool (scripts/chain/defi-contracts.ts), created
 * by the same factory so their addresses are fixed: WETH/USDC at the 0.3 % tier (full range), and
 * the stablecoin pools USDC/USDT and USDC/DAI at the 0.01 % tier, whose liquidity sits within ±2 %
 * of 1:1 (ticks ±200 around the peg) as stablecoin LPs concentrate it: a $10,000 swap moves such a
 * pool by ~0.02 %, where a full-range pool of the same size would move ~2 %.
 *
 * The 0.01 % tier is not enabled in the factory's constructor (it was added on mainnet by
 * governance, `enableFeeAmount(100, 1)`); the factory's owner is whoever deployed it, here anvil's
 * CREATE2 deployer, so the deploy impersonates that address once to enable it (anvil only).
 * Everything is idempotent: a pool is created only when missing, liquidity added only to an empty
 * pool, the tier enabled only when its tick spacing is 0.
 */

export const STABLE_FEE = 100;
export const STABLE_RANGE_TICKS = 200;

/** Seeded at the local prices (3000 USD per ETH, stablecoins at $1). */
export const POOL_SEED = {
  wethUsdc3000: { weth: parseEther("100"), usdc: parseUnits(String(100n * LOCAL_PRICES.ETH_USD), 6) },
  usdcUsdt100: { usdc: parseUnits("1000000", 6), usdt: parseUnits("1000000", 6) },
  usdcDai100: { usdc: parseUnits("1000000", 6), dai: parseUnits("1000000", 18) },
} as const;

export type FeeTierPools = {
  UniswapV3Pool_WETH_USDC_3000: Address;
  UniswapV3Pool_USDC_USDT_100: Address;
  UniswapV3Pool_USDC_DAI_100: Address;
};

type Wallet = WalletClient<Transport, Chain, Account>;

/** sqrtPriceX96 at which `amount0` of token0 is worth `amount1` of token1 (base units): √(a1/a0)·2^96. Pure. */
export function sqrtPriceX96Of(amount0: bigint, amount1: bigint): bigint {
  return sqrtBigInt((amount1 << 192n) / amount0);
}

/** The tick at (or just below) a sqrtPriceX96: floor(log_1.0001(price)). */
export function tickAt(sqrtPriceX96: bigint): number {
  return Math.floor((2 * Math.log(Number(sqrtPriceX96) / 2 ** 96)) / Math.log(1.0001));
}

export async function deployFeeTierPools(
  c: { pub: PublicClient; owner: Wallet; wait: (hash: Hex, label: string) => Promise<void>; deployed: string[]; transport: Transport },
  a: { factory: Address; positionManager: Address; WETH: Address; USDC: Address; USDT: Address; DAI: Address },
): Promise<FeeTierPools> {
  const { pub, owner, wait, deployed, transport } = c;
  const test = createTestClient({ chain: anvil, transport, mode: "anvil" });
  const lpAccount = localAccount(LIQUIDITY_INDEX);
  const lp = createWalletClient({ chain: anvil, transport, account: lpAccount });

  const spacing = await pub.readContract({ address: a.factory, abi: uniswapV3FactoryAbi, functionName: "feeAmountTickSpacing", args: [STABLE_FEE] });
  if (spacing === 0) {
    // The factory's owner is the CREATE2 deployer that created it: act as it, once.
    await test.impersonateAccount({ address: CREATE2_DEPLOYER });
    try {
      await test.setBalance({ address: CREATE2_DEPLOYER, value: parseEther("1") });
      const admin = createWalletClient({ chain: anvil, transport, account: CREATE2_DEPLOYER });
      await wait(await admin.writeContract({ address: a.factory, abi: uniswapV3FactoryAbi, functionName: "enableFeeAmount", args: [STABLE_FEE, 1] }), "enableFeeAmount(100, 1)");
    } finally {
      await test.stopImpersonatingAccount({ address: CREATE2_DEPLOYER });
    }
    deployed.push("V3 fee tier 0.01%");
  }

  const ensure = async (label: string, tokenA: Address, amountA: bigint, tokenB: Address, amountB: bigint, fee: number, range: "full" | number): Promise<Address> => {
    let pool = await pub.readContract({ address: a.factory, abi: uniswapV3FactoryAbi, functionName: "getPool", args: [tokenA, tokenB, fee] });
    if (pool === zeroAddress) {
      await wait(await owner.writeContract({ address: a.factory, abi: uniswapV3FactoryAbi, functionName: "createPool", args: [tokenA, tokenB, fee] }), `createPool ${label}`);
      pool = await pub.readContract({ address: a.factory, abi: uniswapV3FactoryAbi, functionName: "getPool", args: [tokenA, tokenB, fee] });
      deployed.push(`V3 pool ${label}`);
    }
    const liquidity = await pub.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "liquidity" });
    if (liquidity > 0n) return pool; // seeded before: never moved again by a deploy
    const [token0, amount0, token1, amount1] = tokenA.toLowerCase() < tokenB.toLowerCase() ? [tokenA, amountA, tokenB, amountB] : [tokenB, amountB, tokenA, amountA];
    const sqrtPriceX96 = sqrtPriceX96Of(amount0, amount1);
    const slot0 = await pub.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "slot0" });
    if (slot0[0] === 0n) await wait(await owner.writeContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "initialize", args: [sqrtPriceX96] }), `initialize ${label}`);
    const center = tickAt(slot0[0] === 0n ? sqrtPriceX96 : slot0[0]);
    const [tickLower, tickUpper] = range === "full" ? [-FULL_RANGE[fee as keyof typeof FULL_RANGE], FULL_RANGE[fee as keyof typeof FULL_RANGE]] : [center - range, center + range];
    for (const [token, amount] of [[token0, amount0], [token1, amount1]] as const) await fund(token, amount);
    await wait(
      await lp.writeContract({
        address: a.positionManager,
        abi: nonfungiblePositionManagerAbi,
        functionName: "mint",
        args: [{ token0, token1, fee, tickLower, tickUpper, amount0Desired: amount0, amount1Desired: amount1, amount0Min: 0n, amount1Min: 0n, recipient: lpAccount.address, deadline: 2n ** 40n }],
        gas: 1_000_000n,
      }),
      `V3 mint ${label}`,
    );
    deployed.push(`V3 liquidity ${label}`);
    return pool;
  };

  /** The liquidity account holds `amount` of `token` (wrapped from anvil's ETH, or the test tokens' faucets) and the position manager may pull it. */
  const fund = async (token: Address, amount: bigint) => {
    await test.setBalance({ address: lpAccount.address, value: parseEther("10000") });
    const balance = await pub.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [lpAccount.address] });
    if (balance < amount) {
      const more = amount - balance;
      const hash = token === a.WETH
        ? await lp.writeContract({ address: token, abi: weth9Abi, functionName: "deposit", value: more })
        : await lp.writeContract({ address: token, abi: mintableAbi, functionName: "mint", args: [lpAccount.address, more] });
      await wait(hash, "funding the liquidity account");
    }
    // USDT's approve reverts from one non-zero allowance to another: only from zero.
    const allowance = await pub.readContract({ address: token, abi: erc20Abi, functionName: "allowance", args: [lpAccount.address, a.positionManager] });
    if (allowance === 0n) await wait(await lp.writeContract({ address: token, abi: approveNoReturnAbi, functionName: "approve", args: [a.positionManager, maxUint256] }), "approve");
  };

  const s = POOL_SEED;
  return {
    UniswapV3Pool_WETH_USDC_3000: await ensure("WETH/USDC 0.3%", a.WETH, s.wethUsdc3000.weth, a.USDC, s.wethUsdc3000.usdc, 3000, "full"),
    UniswapV3Pool_USDC_USDT_100: await ensure("USDC/USDT 0.01%", a.USDC, s.usdcUsdt100.usdc, a.USDT, s.usdcUsdt100.usdt, STABLE_FEE, STABLE_RANGE_TICKS),
    UniswapV3Pool_USDC_DAI_100: await ensure("USDC/DAI 0.01%", a.USDC, s.usdcDai100.usdc, a.DAI, s.usdcDai100.dai, STABLE_FEE, STABLE_RANGE_TICKS),
  };
}

const mintableAbi = [{ type: "function", name: "mint", stateMutability: "nonpayable", inputs: [{ name: "to", type: "address" }, { name: "amount", type: "uint256" }], outputs: [] }] as const;
/** approve as USDT declares it (no return value); works for the ERC-20s too (the call's return is not read). */
const approveNoReturnAbi = [{ type: "function", name: "approve", stateMutability: "nonpayable", inputs: [{ name: "spender", type: "address" }, { name: "value", type: "uint256" }], outputs: [] }] as const;
