import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseEther, type Address, type Hex } from "viem";
import { anvil } from "viem/chains";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { getAmountsOut, pairState, swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { poolState, swapExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { sqrtBigInt, sqrtPriceX96For } from "@/lib/defi/uniswap-v3/math";
import { localWethUsdc } from "@/lib/defi/venues";
import { localAccount, WHALE_INDEX } from "./defi-contracts";
import { LOCAL_PRICES } from "./local-contracts";

/**
 * Opens (and closes) a WETH/USDC price gap between the venues on a local chain: a "whale" of our
 * own (anvil mnemonic index 22, funded by anvil) sells WETH into the V2 pair, so V2 quotes ETH
 * cheaper than V3 until someone arbitrages it; restorePrices puts every pool back at 3000. For the
 * demo and the e2e spec.
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

/**
 * Puts every WETH/USDC pool (V2 and each V3 fee tier) back at the local price (3000 USDC per ETH):
 * the whale trades each full-range pool by the amount its curve says reaches that price (its fee added). For the e2e spec, which
 * shares the chain with later runs and the demo.
 */
export async function restorePrices(rpcUrl: string): Promise<void> {
  const { pub, wallet, test, account } = clients(rpcUrl);
  const venues = localWethUsdc();
  const wait = async (hash: Hex) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  await test.setBalance({ address: account.address, value: parseEther("10000") });
  const fund = async (token: Address, amount: bigint) => {
    const have = await pub.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account.address] });
    if (have >= amount) return;
    if (token === venues.weth) await wait(await wallet.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: amount - have }));
    else await wait(await wallet.writeContract({ address: token, abi: testStablecoinAbi, functionName: "mint", args: [account.address, amount - have] }));
  };
  const usd = LOCAL_PRICES.ETH_USD;

  // V2: constant product k; at price p (USDC base units per WETH base unit) usdc = sqrt(k p).
  const v2 = await pairState(pub, venues.v2.pair);
  const usdcIs0 = v2.token0.toLowerCase() === venues.usdc.toLowerCase();
  const [rUsdc, rWeth] = usdcIs0 ? [v2.reserve0, v2.reserve1] : [v2.reserve1, v2.reserve0];
  const targetUsdc = sqrtBigInt((rUsdc * rWeth * usd * 10n ** 6n) / 10n ** 18n);
  const targetWeth = (rUsdc * rWeth) / targetUsdc;
  if (targetUsdc > rUsdc) {
    const amount = ((targetUsdc - rUsdc) * 1000n) / 997n;
    await fund(venues.usdc, amount);
    await swapOnV2(rpcUrl, venues.usdc, venues.weth, amount);
  } else if (targetWeth > rWeth) {
    const amount = ((targetWeth - rWeth) * 1000n) / 997n;
    await fund(venues.weth, amount);
    await swapOnV2(rpcUrl, venues.weth, venues.usdc, amount);
  }

  // V3 full range, every fee tier: x = L·Q96/√P and y = L·√P/Q96, so reaching √P_t takes Δx or Δy of the input token.
  const Q96 = 2n ** 96n;
  for (const { pool, fee } of venues.v3Pools) {
    const v3 = await poolState(pub, pool);
    const token0IsWeth = v3.token0.toLowerCase() === venues.weth.toLowerCase();
    const target = sqrtPriceX96For({ token0IsWeth, usdPerEth: usd });
    const [tokenIn, tokenOut, needed] =
      v3.sqrtPriceX96 > target
        ? [v3.token0, v3.token1, (v3.liquidity * Q96 * (v3.sqrtPriceX96 - target)) / (v3.sqrtPriceX96 * target)]
        : [v3.token1, v3.token0, (v3.liquidity * (target - v3.sqrtPriceX96)) / Q96];
    if (needed === 0n) continue;
    const amountIn = (needed * 1_000_000n) / (1_000_000n - BigInt(fee));
    await fund(tokenIn, amountIn);
    const allowance = await pub.readContract({ address: tokenIn, abi: erc20Abi, functionName: "allowance", args: [account.address, venues.v3.router] });
    if (allowance < amountIn) await wait(await wallet.writeContract({ address: tokenIn, abi: erc20Abi, functionName: "approve", args: [venues.v3.router, maxUint256] }));
    const block = await pub.getBlock();
    await wait(await swapExactInputSingle(wallet, { router: venues.v3.router, tokenIn, tokenOut, fee, amountIn, quotedOut: 0n, slippageBps: 0, deadline: block.timestamp + 600n }));
  }
}

/** Mints test USDC to an address (the test stablecoin's open faucet), as customer revenue would bring it: for the demo and e2e. */
export async function mintUsdc(rpcUrl: string, to: Address, amount: bigint): Promise<void> {
  await mintTestToken(rpcUrl, localWethUsdc().usdc, to, amount);
}

/** Mints any of the local test stablecoins (USDC, USDT, DAI: each has an open `mint`) to an address. */
export async function mintTestToken(rpcUrl: string, token: Address, to: Address, amount: bigint): Promise<void> {
  const { pub, wallet, test, account } = clients(rpcUrl);
  await test.setBalance({ address: account.address, value: parseEther("1000") });
  const hash = await wallet.writeContract({ address: token, abi: testStablecoinAbi, functionName: "mint", args: [to, amount] });
  await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
}

/** WETH for `to` (the e2e's treasury, so a DCA seller has some to sell): the whale wraps ETH and sends it. */
export async function giveWeth(rpcUrl: string, to: Address, amount: bigint): Promise<void> {
  const { pub, wallet, test, account } = clients(rpcUrl);
  const weth = localWethUsdc().weth;
  await test.setBalance({ address: account.address, value: parseEther("1000") + amount });
  await pub.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: weth, abi: weth9Abi, functionName: "deposit", value: amount }), pollingInterval: 50 });
  await pub.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: weth, abi: erc20Abi, functionName: "transfer", args: [to, amount] }), pollingInterval: 50 });
}
