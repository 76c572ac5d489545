import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createWalletClient, http, type Address, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { erc20Abi } from "@/lib/defi/abis";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { getAmountsOut } from "@/lib/defi/uniswap-v2/client";
import { quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { localWethUsdc } from "@/lib/defi/venues";
import { deployDefiContracts } from "@/scripts/chain/defi-contracts";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { mintUsdc, openPriceGap } from "@/scripts/chain/price-gap";
import type { JsonFake } from "@/scripts/testing/fake-http";
import { startFakeOneInch } from "@/scripts/testing/fake-oneinch";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { DexApiError } from "../http-api";
import { configuredOneInch, oneInchClient, type OneInchClient } from "./client";

/**
 * The 1inch client against the local fake 1inch, which routes over the real Uniswap V3 and V2
 * bytecode on a private anvil: quotes equal the better venue's own quote at the block, and the swap
 * transaction it hands back, sent by the treasury, really swaps (output ≥ the client's minimum).
 */

const KEY = "test-1inch-key";
const venues = localWethUsdc();
const treasury = treasuryAccount(venues.chainId);
let chain: PrivateAnvil;
let fake: JsonFake;
let pub: PublicClient;
let oneInch: OneInchClient;

beforeAll(async () => {
  chain = await startPrivateAnvil();
  pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  const local = await deployLocalContracts(chain.rpcUrl);
  await deployDefiContracts(chain.rpcUrl, local.contracts);
  fake = await startFakeOneInch({ rpcUrl: chain.rpcUrl, apiKey: KEY });
  process.env.ONEINCH_API_URL = fake.url;
  process.env.ONEINCH_API_KEY = KEY;
  oneInch = configuredOneInch(venues.chainId)!;
});
afterAll(async () => {
  await fake?.close();
  await chain?.stop();
});

/** Both venues' own quotes at one block (QuoterV2, Router02.getAmountsOut). */
async function venueQuotes(src: Address, dst: Address, amountIn: bigint, blockNumber: bigint) {
  const [v3, v2] = await Promise.all([
    quoteExactInputSingle(pub, { quoter: venues.v3.quoter, tokenIn: src, tokenOut: dst, fee: venues.v3.fee, amountIn, blockNumber }),
    getAmountsOut(pub, { router: venues.v2.router, amountIn, path: [src, dst], blockNumber }),
  ]);
  return { v3: v3.amountOut, v2: v2.at(-1)! };
}

const balanceOf = (token: Address) => pub.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [treasury.address] });

describe("1inch client over the local pools", () => {
  it("quotes what the better venue quotes at the block, sending the key and 1inch's parameters", async () => {
    const amount = 10_000_000_000n; // 10,000 USDC
    const block = await pub.getBlockNumber({ cacheTime: 0 });
    const { dstAmount } = await oneInch.quote({ src: venues.usdc, dst: venues.weth, amount });
    const q = await venueQuotes(venues.usdc, venues.weth, amount, block);
    expect(q.v3).toBeGreaterThan(q.v2); // same price on both, V3's 0.05 % fee beats V2's 0.3 %
    expect(dstAmount).toBe(q.v3);
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "GET", path: "/swap/v6.0/31337/quote", query: { src: venues.usdc, dst: venues.weth, amount: "10000000000" }, status: 200 });
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("hands back a V3 swap the treasury sends after approving tx.to; it receives the quote, at least the minimum", async () => {
    const amount = 5_000_000_000n; // 5,000 USDC
    await mintUsdc(chain.rpcUrl, treasury.address, amount);
    const swap = await oneInch.swap({ src: venues.usdc, dst: venues.weth, amount, from: treasury.address, slippageBps: 50 });
    expect(fake.requests.at(-1)?.query).toMatchObject({ from: treasury.address, origin: treasury.address, slippage: "0.5" });
    expect(swap.tx).toMatchObject({ from: treasury.address, to: venues.v3.router, value: 0n });
    expect(swap.minDstAmount).toBe((swap.dstAmount * 9_950n) / 10_000n);

    const received = await sendAsTreasury(swap.tx, venues.usdc, venues.weth, amount);
    expect(received).toBeGreaterThanOrEqual(swap.minDstAmount);
    expect(received).toBe(swap.dstAmount); // nothing traded in between
  });

  it("routes to V2 once V2 is the cheaper venue, and that swap lands too", async () => {
    await openPriceGap(chain.rpcUrl, 20n * 10n ** 18n); // a 20 WETH sale: V2's ETH is cheaper
    const amount = 3_000_000_000n;
    await mintUsdc(chain.rpcUrl, treasury.address, amount);
    const block = await pub.getBlockNumber({ cacheTime: 0 });
    const { dstAmount } = await oneInch.quote({ src: venues.usdc, dst: venues.weth, amount });
    const q = await venueQuotes(venues.usdc, venues.weth, amount, block);
    expect(q.v2).toBeGreaterThan(q.v3);
    expect(dstAmount).toBe(q.v2);

    const swap = await oneInch.swap({ src: venues.usdc, dst: venues.weth, amount, from: treasury.address, slippageBps: 100 });
    expect(swap.tx.to).toBe(venues.v2.router);
    const received = await sendAsTreasury(swap.tx, venues.usdc, venues.weth, amount);
    expect(received).toBeGreaterThanOrEqual(swap.minDstAmount);
  });

  it("refuses a wrong key (401), an unknown token and amount 0 (400), as typed errors with 1inch's description", async () => {
    const stranger = oneInchClient({ baseUrl: fake.url, apiKey: "wrong", chainId: venues.chainId });
    await expect(stranger.quote({ src: venues.usdc, dst: venues.weth, amount: 1n })).rejects.toMatchObject({ name: "DexApiError", api: "1inch", status: 401, message: "Invalid or missing API key" });
    const unknown = "0x000000000000000000000000000000000000dEaD";
    await expect(oneInch.quote({ src: unknown, dst: venues.weth, amount: 1n })).rejects.toMatchObject({ status: 400, message: `src: token ${unknown} is not supported on chain 31337` });
    const zero = oneInch.swap({ src: venues.usdc, dst: venues.weth, amount: 0n, from: treasury.address, slippageBps: 50 });
    await expect(zero).rejects.toBeInstanceOf(DexApiError);
    await expect(zero).rejects.toMatchObject({ status: 400, message: "amount must be an integer greater than 0" });
    expect(fake.requests.slice(-3).map((r) => r.status)).toEqual([401, 400, 400]);
  });
});

/** Approves tx.to for the input, sends the aggregator's transaction as given; the output the treasury received. */
async function sendAsTreasury(tx: { to: Address; data: `0x${string}`; value: bigint; gas: bigint; gasPrice: bigint }, tokenIn: Address, tokenOut: Address, amountIn: bigint): Promise<bigint> {
  const wallet = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: treasury });
  const approve = await wallet.writeContract({ address: tokenIn, abi: erc20Abi, functionName: "approve", args: [tx.to, amountIn] });
  await pub.waitForTransactionReceipt({ hash: approve, pollingInterval: 50 });
  const before = await balanceOf(tokenOut);
  const hash = await wallet.sendTransaction({ to: tx.to, data: tx.data, value: tx.value, gas: tx.gas, gasPrice: tx.gasPrice });
  const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  expect(receipt.status).toBe("success");
  return (await balanceOf(tokenOut)) - before;
}
