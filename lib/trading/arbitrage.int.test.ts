import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseEther, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { getAmountsOut } from "@/lib/defi/uniswap-v2/client";
import { swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { poolState, swapExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { restorePrices } from "@/scripts/chain/price-gap";
import { localWethUsdc } from "@/lib/defi/venues";
import { deployDefiContracts, localAccount, WHALE_INDEX } from "@/scripts/chain/defi-contracts";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { arbVenues, detectArbitrage } from "./arbitrage";
import { runDeskOnBlock, setKillSwitch, treasuryControl } from "./desk";
import { treasuryOverview } from "./overview";
import { arbExecutorAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { treasuryAccount } from "@/lib/defi/local-accounts";

/**
 * The detector against the real Uniswap V3 and V2 bytecode on a private anvil: a large swap on V2
 * opens a gap, and the detector, at that very block, reports the round trip with the size that a
 * closed form over both pools' curves says is optimal. Then the desk on that chain and the test
 * database: paper trades, the guard's refusals, the kill switch.
 */

let chain: PrivateAnvil;
const db = createDb(env().DATABASE_URL, 2);
let pub: PublicClient;
const venues = localWethUsdc();

beforeAll(async () => {
  chain = await startPrivateAnvil();
  pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  const local = await deployLocalContracts(chain.rpcUrl);
  const defi = await deployDefiContracts(chain.rpcUrl, local.contracts);
  // The committed addresses are the ones a fresh chain gets.
  expect(defi.contracts.UniswapV3Pool_WETH_USDC_500).toBe(venues.v3.pool);
  expect(defi.contracts.UniswapV2Pair_WETH_USDC).toBe(venues.v2.pair);
});
afterAll(async () => {
  await db.$disconnect();
  await chain?.stop();
});

/** The whale account with `weth` WETH wrapped and `router` allowed to take it. */
async function whaleWithWeth(weth: bigint, router: `0x${string}`) {
  const account = localAccount(WHALE_INDEX);
  const transport = http(chain.rpcUrl);
  await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: account.address, value: parseEther("1000") + weth });
  const wallet = createWalletClient({ chain: anvil, transport, account });
  const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  await wait(await wallet.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: weth }));
  await wait(await wallet.writeContract({ address: venues.weth, abi: erc20Abi, functionName: "approve", args: [router, maxUint256] }));
  return { wallet, wait, deadline: (await pub.getBlock()).timestamp + 300n };
}

/** Sells `weth` WETH into the V2 pair from the whale account; returns the block it was mined in. */
async function whaleSellsOnV2(weth: bigint): Promise<bigint> {
  const { wallet, wait, deadline } = await whaleWithWeth(weth, venues.v2.router);
  const path = [venues.weth, venues.usdc] as const;
  const [, quoted] = await getAmountsOut(pub, { router: venues.v2.router, amountIn: weth, path });
  const receipt = await wait(await swapExactTokensForTokens(wallet, { router: venues.v2.router, amountIn: weth, quotedOut: quoted!, slippageBps: 50, path, deadline }));
  expect(receipt.status).toBe("success");
  return receipt.blockNumber;
}

/** Sells `weth` WETH into the V3 pool of fee tier `fee` from the whale account; returns the block it was mined in. */
async function whaleSellsOnV3(fee: number, weth: bigint): Promise<bigint> {
  const { wallet, wait, deadline } = await whaleWithWeth(weth, venues.v3.router);
  const receipt = await wait(await swapExactInputSingle(wallet, { router: venues.v3.router, tokenIn: venues.weth, tokenOut: venues.usdc, fee, amountIn: weth, quotedOut: 0n, slippageBps: 0, deadline }));
  expect(receipt.status).toBe("success");
  return receipt.blockNumber;
}

/**
 * A clean desk with limits wide enough for the whole optimum (so a trade closes the gap) and one
 * running live bot; the treasury with gas, and (`funded`) with stake and allowance in place, since
 * with automining off the desk's own top-ups would wait for blocks that do not come.
 */
async function liveBot(name: string, opts: { funded?: boolean } = {}) {
  await db.$transaction([db.guardRefusal.deleteMany(), db.tradingTrade.deleteMany(), db.tradingOpportunity.deleteMany(), db.tradingBot.deleteMany(), db.treasuryControl.deleteMany()]);
  await treasuryControl(db, venues);
  // The whale's gaps pile up over this file (V2 ends far from the fixed feed): the oracle breaker is
  // market-data.int.test.ts's subject, not this one's.
  await db.treasuryControl.update({ where: { id: 1 }, data: { maxTradeUsdCents: 100_000_000, maxOracleDeviationBps: 10_000 } });
  const bot = await db.tradingBot.create({ data: { name, strategy: "cross-venue-arbitrage", mode: "LIVE", status: "RUNNING", maxTradeUsdCents: 100_000_000 } });
  const account = treasuryAccount(31337);
  const transport = http(chain.rpcUrl);
  const test = createTestClient({ chain: anvil, transport, mode: "anvil" });
  await test.setBalance({ address: account.address, value: parseEther("10") });
  const signer = createWalletClient({ chain: anvil, transport, account });
  const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (opts.funded) {
    await wait(await signer.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [account.address, 10_000_000_000_000n] }));
    await wait(await signer.writeContract({ address: venues.usdc, abi: erc20Abi, functionName: "approve", args: [localDeployment.contracts.ArbExecutor, maxUint256] }));
  }
  return { bot, account, signer, test, wait };
}

describe("arbitrage detector on the real pools", () => {
  it("sees no profitable round trip while both venues quote the same price", async () => {
    const o = await detectArbitrage(pub, venues, { blockNumber: await pub.getBlockNumber() });
    expect(Number(o.buyMid) / 1e6).toBeCloseTo(3000, 0);
    expect(Number(o.sellMid) / 1e6).toBeCloseTo(3000, 0);
    expect(o.netProfitUsdc).toBeLessThan(0n);
  });

  it("reports the gap a large swap opens, at that block, with the profit-maximising size", async () => {
    const block = await whaleSellsOnV2(parseEther("20"));
    const o = await detectArbitrage(pub, venues, { blockNumber: block });
    expect(o.blockNumber).toBe(block);
    // Sold into the cheaper V3 tier (0.05 %, not 0.3 %): the route that nets the most.
    expect(o.buy).toEqual({ name: "uniswap-v2", pool: venues.v2.pair, fee: 3000 });
    expect(o.sell).toEqual({ name: "uniswap-v3", pool: venues.v3.pool, fee: 500 });
    expect(o.netProfitUsdc).toBeGreaterThan(100_000_000n); // > 100 USD

    // Closed form: both pools are constant-product curves here (V2, and V3's full-range position
    // through its virtual reserves), so the round trip is z = A x / (B + C x) with its peak at
    // x* = (sqrt(A B) - B) / C, independent of the fixed gas cost.
    const reserves = await pub.readContract({ address: venues.v2.pair, abi: [{ type: "function", name: "getReserves", stateMutability: "view", inputs: [], outputs: [{ type: "uint112" }, { type: "uint112" }, { type: "uint32" }] }] as const, functionName: "getReserves", blockNumber: block });
    const wethIs0 = venues.weth.toLowerCase() < venues.usdc.toLowerCase();
    const [v2Weth, v2Usdc] = (wethIs0 ? [reserves[0], reserves[1]] : [reserves[1], reserves[0]]).map(Number) as [number, number];
    const s = await poolState(pub, venues.v3.pool, block);
    const sqrtP = Number(s.sqrtPriceX96) / 2 ** 96;
    const L = Number(s.liquidity);
    const [v3Weth, v3Usdc] = s.token0.toLowerCase() === venues.weth.toLowerCase() ? [L / sqrtP, L * sqrtP] : [L * sqrtP, L / sqrtP];
    const g1 = 0.997, g2 = 0.9995;
    const A = g1 * g2 * v2Weth * v3Usdc, B = v2Usdc * v3Weth, C = g1 * (v3Weth + g2 * v2Weth);
    const optimal = (Math.sqrt(A * B) - B) / C;
    expect(Math.abs(Number(o.sizeUsdc) - optimal) / optimal).toBeLessThan(0.005);
    // and the detector's own curve agrees that it is the peak: 5 % either side earns less
    for (const factor of [95n, 105n]) {
      const around = await detectArbitrage(pub, venues, { blockNumber: block, minSizeUsdc: (o.sizeUsdc * factor) / 100n, maxSizeUsdc: (o.sizeUsdc * factor) / 100n });
      expect(around.netProfitUsdc).toBeLessThan(o.netProfitUsdc);
    }
  });
});

describe("the desk: paper bots behind the guard", () => {
  it("a paper bot trades a gap at the block it saw; the guard refuses oversize and non-allowlisted trades; the kill switch stops every bot", async () => {
    await db.$transaction([db.guardRefusal.deleteMany(), db.tradingTrade.deleteMany(), db.tradingOpportunity.deleteMany(), db.tradingBot.deleteMany(), db.treasuryControl.deleteMany()]);
    await treasuryControl(db, venues);
    const paper = await db.tradingBot.create({ data: { name: "arb-paper", strategy: "cross-venue-arbitrage", mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 10_000_000 } });
    const big = await db.tradingBot.create({ data: { name: "arb-big", strategy: "cross-venue-arbitrage", mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 10_000_000 } });
    // The desk allows 20k USD; "arb-big" would take the full optimum (~30k+), so it is refused.
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxTradeUsdCents: 2_000_000, maxOracleDeviationBps: 10_000 } });
    await db.tradingBot.update({ where: { id: paper.id }, data: { maxTradeUsdCents: 1_500_000 } });

    const block = await whaleSellsOnV2(parseEther("15"));
    const r = await runDeskOnBlock(db, pub, venues, { blockNumber: block, thresholdUsdCents: 500 });
    expect(r.opportunityId).not.toBeNull();
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: paper.id } });
    expect(trade.blockNumber).toBe(block);
    expect(BigInt(trade.amountIn)).toBe(15_000n * 10n ** 6n); // capped at the bot's own maximum
    // The paper fill is the round trip quoted at that block for that size.
    const requote = await detectArbitrage(pub, venues, { blockNumber: block, minSizeUsdc: 15_000n * 10n ** 6n, maxSizeUsdc: 15_000n * 10n ** 6n });
    expect(trade.amountOut).toBe(requote.usdcOut.toString());
    expect(trade.pnlUsdCents).toBeGreaterThan(0);
    expect(await db.guardRefusal.findFirst({ where: { botId: big.id } })).toMatchObject({ reason: "OVERSIZE" });
    const event = await db.outboxEvent.findFirstOrThrow({ where: { type: "trading.opportunity_found" }, orderBy: { seq: "desc" } });
    expect(event.topic).toBe("trading.opportunities.v1");
    expect((event.payload as { opportunityId: string }).opportunityId).toBe(r.opportunityId);

    // The same block again (a restart): nothing new.
    const again = await runDeskOnBlock(db, pub, venues, { blockNumber: block, thresholdUsdCents: 500 });
    expect(again.opportunityId).toBe(r.opportunityId);
    expect(await db.tradingTrade.count()).toBe(1);
    expect(await db.guardRefusal.count()).toBe(1);

    // The screen's figures: ROI on the 15,000 USDC stake, the P&L curve ending at the P&L, none for a bot without trades.
    const o = await treasuryOverview(db);
    expect(o.bots.find((b) => b.name === "arb-paper")).toMatchObject({ pnlUsdCents: trade.pnlUsdCents, trades: 1, roiBps: Math.floor((trade.pnlUsdCents * 10_000) / 1_500_000) });
    expect(o.bots.find((b) => b.name === "arb-big")).toMatchObject({ trades: 0, roiBps: null });
    expect(o.pnlCurves).toEqual([{ bot: "arb-paper", points: [{ at: trade.createdAt.toISOString(), pnlUsdCents: trade.pnlUsdCents }] }]);

    // USDC off the token allowlist: the next gap is refused for that reason.
    await db.treasuryControl.update({ where: { id: 1 }, data: { allowedTokens: [venues.weth.toLowerCase()] } });
    const block2 = await whaleSellsOnV2(parseEther("10"));
    const r2 = await runDeskOnBlock(db, pub, venues, { blockNumber: block2, thresholdUsdCents: 500 });
    expect(r2.refusals).toContainEqual({ bot: "arb-paper", reason: "TOKEN_NOT_ALLOWED" });
    expect(await db.tradingTrade.count()).toBe(1);

    // The kill switch: every bot stopped, and no trade on the next gap.
    await db.treasuryControl.update({ where: { id: 1 }, data: { allowedTokens: [venues.weth, venues.usdc].map((a) => a.toLowerCase()) } });
    await setKillSwitch(db, true);
    expect(await db.tradingBot.count({ where: { status: "RUNNING" } })).toBe(0);
    const block3 = await whaleSellsOnV2(parseEther("10"));
    const r3 = await runDeskOnBlock(db, pub, venues, { blockNumber: block3, thresholdUsdCents: 500 });
    expect(r3.killed).toBe(true);
    expect(await db.tradingTrade.count()).toBe(1);
  });

  it("publishes nothing below the threshold", async () => {
    const block = await pub.getBlockNumber();
    const r = await runDeskOnBlock(db, pub, venues, { blockNumber: block, thresholdUsdCents: 1_000_000_000 });
    expect(r.opportunityId).toBeNull();
  });
});

describe("live mode: both legs in one transaction through the executor", () => {
  it("a live bot's trade is real: the recorded P&L is the treasury's USDC change less gas, and the gap closes", async () => {
    const { bot, account, signer } = await liveBot("arb-live");

    // Without the key, a live bot is refused; with it, it trades.
    const block = await whaleSellsOnV2(parseEther("10"));
    const refused = await runDeskOnBlock(db, pub, venues, { blockNumber: block, thresholdUsdCents: 500 });
    expect(refused.refusals).toContainEqual({ bot: "arb-live", reason: "LIVE_NOT_AVAILABLE" });
    await db.guardRefusal.deleteMany();
    await db.tradingOpportunity.deleteMany();

    const usdcOf = (blockNumber?: bigint) => pub.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [account.address], blockNumber });
    const r = await runDeskOnBlock(db, pub, venues, { blockNumber: block, thresholdUsdCents: 500, signer });
    expect(r.refusals).toEqual([]);
    expect(r.trades).toBe(1);
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id } });
    expect(trade.mode).toBe("LIVE");
    const receipt = await pub.getTransactionReceipt({ hash: trade.txHash as `0x${string}` });
    expect(receipt.status).toBe("success");
    const change = (await usdcOf(receipt.blockNumber)) - (await usdcOf(receipt.blockNumber - 1n));
    expect(BigInt(trade.amountOut) - BigInt(trade.amountIn)).toBe(change);
    expect(change).toBeGreaterThan(0n);
    const gasUsdc = (receipt.gasUsed * receipt.effectiveGasPrice * r.best.ethUsd * 10n ** 6n) / (10n ** 18n * 10n ** BigInt(r.best.ethUsdDecimals));
    expect(trade.pnlUsdCents).toBe(Number((change - gasUsdc) / 10_000n));
    // The analyzer's gas figures: what the receipt says was paid, and its USD at the same oracle answer.
    expect(trade.gasWei?.toFixed(0)).toBe((receipt.gasUsed * receipt.effectiveGasPrice).toString());
    expect(trade.gasUsdCents).toBe(Number(gasUsdc / 10_000n));
    // Against what the detector expected at the block it saw (nothing else traded in between): within 1 bp of the size.
    expect(Math.abs(Number(change - (r.best.usdcOut - r.best.sizeUsdc)))).toBeLessThanOrEqual(Number(r.best.sizeUsdc / 10_000n));
    // The arbitrage closed the gap it traded: what is left on that route is not worth the threshold
    // (the 0.3 % pool, which nobody touched, still stands apart from V2: another route).
    const after = await detectArbitrage(pub, venues, { blockNumber: receipt.blockNumber, route: r.best });
    expect(after.netProfitUsdc).toBeLessThan(5_000_000n);
  });

  it("the executor reverts unless the round trip clears the minimum profit, and only for its owner", async () => {
    await restorePrices(chain.rpcUrl); // every pool at one price: no route pays
    const account = treasuryAccount(31337);
    const signer = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account });
    // A stake it has and may pull, so the only reason left to revert is the profit check.
    const wait = async (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    await createTestClient({ chain: anvil, transport: http(chain.rpcUrl), mode: "anvil" }).setBalance({ address: account.address, value: parseEther("10") });
    await wait(await signer.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [account.address, 1_000_000_000n] }));
    await wait(await signer.writeContract({ address: venues.usdc, abi: erc20Abi, functionName: "approve", args: [localDeployment.contracts.ArbExecutor, maxUint256] }));
    const now = (await pub.getBlock()).timestamp;
    const v3 = (fee: number) => ({ v3: true, fee });
    const v2 = { v3: false, fee: 0 };
    const execute = (buy: { v3: boolean; fee: number }, sell: { v3: boolean; fee: number }, from: `0x${string}` = account.address) =>
      pub.simulateContract({ account: from, address: localDeployment.contracts.ArbExecutor, abi: arbExecutorAbi, functionName: "execute", args: [venues.usdc, venues.weth, 1_000_000_000n, buy, sell, 1n, now + 60n] });
    await expect(execute(v3(500), v2)).rejects.toThrow(/NotProfitable/);
    await expect(execute(v3(500), v3(3000))).rejects.toThrow(/NotProfitable/);
    await expect(execute(v3(500), v2, localAccount(WHALE_INDEX).address)).rejects.toThrow(/NotOwner/);
    // Out and back through one pool is refused before any swap (V2's fee field is not read).
    await expect(execute(v3(3000), v3(3000))).rejects.toThrow(/SameVenue/);
    await expect(execute(v2, { v3: false, fee: 500 })).rejects.toThrow(/SameVenue/);
    expect(signer.account.address).toBe(account.address);
  });

  it("a live trade is an intent first: a sent transaction the node lost is sent again and recorded once; one whose nonce was taken is dropped", async () => {
    const { bot, signer, test } = await liveBot("arb-live-intent", { funded: true });
    const executeTxs = async (from: bigint, to: bigint) => {
      let n = 0;
      for (let b = from; b <= to; b++) n += (await pub.getBlock({ blockNumber: b, includeTransactions: true })).transactions.filter((t) => t.to?.toLowerCase() === localDeployment.contracts.ArbExecutor.toLowerCase()).length;
      return n;
    };

    const gapBlock = await whaleSellsOnV2(parseEther("10"));
    await test.setAutomine(false);
    try {
      // The trade is signed, stored and sent, but no block comes: it waits in the mempool, SIGNED.
      const first = await runDeskOnBlock(db, pub, venues, { blockNumber: gapBlock, thresholdUsdCents: 500, signer, receiptWaitMs: 300 });
      expect(first).toMatchObject({ trades: 0, pending: 1, refusals: [] });
      const intent = await db.tradeIntent.findFirstOrThrow({ where: { botId: bot.id } });
      expect(intent.status).toBe("SIGNED");
      // The node loses it (a restart, a full mempool): the next pass sends the same bytes again,
      // and the bot takes no second trade while its intent is open.
      await test.dropTransaction({ hash: intent.txHash as `0x${string}` });
      const second = await runDeskOnBlock(db, pub, venues, { blockNumber: gapBlock, thresholdUsdCents: 500, signer, receiptWaitMs: 300 });
      expect(second.intents).toMatchObject({ resent: 1, settled: 0 });
      expect(second.trades + second.pending).toBe(0);
      await test.mine({ blocks: 1 });
      const head = await pub.getBlockNumber({ cacheTime: 0 });
      // (A threshold no block clears from here: only the intent's own trade may be recorded.)
      const third = await runDeskOnBlock(db, pub, venues, { blockNumber: head, thresholdUsdCents: 1_000_000_000, signer, receiptWaitMs: 300 });
      expect(third.intents).toMatchObject({ settled: 1 });
      await runDeskOnBlock(db, pub, venues, { blockNumber: head, thresholdUsdCents: 1_000_000_000, signer, receiptWaitMs: 300 });
      const trades = await db.tradingTrade.findMany({ where: { botId: bot.id } });
      expect(trades).toHaveLength(1);
      expect(trades[0]!.txHash).toBe(intent.txHash);
      expect((await db.tradeIntent.findUniqueOrThrow({ where: { id: intent.id } })).status).toBe("MINED");
      expect(await executeTxs(gapBlock, head)).toBe(1);

      // A second gap; the intent is sent, then lost, and its nonce goes to another transaction:
      // it can never be mined, so it is dropped, with no trade.
      await test.setAutomine(true);
      const gap2 = await whaleSellsOnV2(parseEther("10"));
      await test.setAutomine(false);
      const again = await runDeskOnBlock(db, pub, venues, { blockNumber: gap2, thresholdUsdCents: 500, signer, receiptWaitMs: 300 });
      expect(again.pending).toBe(1);
      const lost = await db.tradeIntent.findFirstOrThrow({ where: { botId: bot.id, status: "SIGNED" } });
      await test.dropTransaction({ hash: lost.txHash as `0x${string}` });
      await signer.writeContract({ address: venues.usdc, abi: erc20Abi, functionName: "approve", args: [localDeployment.contracts.ArbExecutor, maxUint256], nonce: lost.nonce });
      await test.mine({ blocks: 1 });
      const after = await runDeskOnBlock(db, pub, venues, { blockNumber: await pub.getBlockNumber({ cacheTime: 0 }), thresholdUsdCents: 500, signer: undefined, receiptWaitMs: 300 });
      expect(after.intents).toMatchObject({ settled: 0, dropped: 0 }); // without the signer, nothing is resolved
      const resolved = await runDeskOnBlock(db, pub, venues, { blockNumber: await pub.getBlockNumber({ cacheTime: 0 }), thresholdUsdCents: 1_000_000_000, signer, receiptWaitMs: 300 });
      expect(resolved.intents).toMatchObject({ dropped: 1 });
      expect((await db.tradeIntent.findUniqueOrThrow({ where: { id: lost.id } })).status).toBe("DROPPED");
      expect(await db.tradingTrade.count({ where: { botId: bot.id } })).toBe(1);
    } finally {
      await test.setAutomine(true);
    }
  });

  it("paper mode records what a live run on a snapshot of the same block really makes, within 1 basis point of the stake", async () => {
    const { bot: live, signer, test } = await liveBot("arb-cmp-live", { funded: true });
    await db.tradingBot.update({ where: { id: live.id }, data: { status: "STOPPED" } });
    const paper = await db.tradingBot.create({ data: { name: "arb-cmp-paper", strategy: "cross-venue-arbitrage", mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 100_000_000 } });

    const gap = await whaleSellsOnV2(parseEther("12"));
    const snapshot = await test.snapshot();
    expect((await runDeskOnBlock(db, pub, venues, { blockNumber: gap, thresholdUsdCents: 500 })).trades).toBe(1);
    const paperFill = await db.tradingTrade.findFirstOrThrow({ where: { botId: paper.id } });

    // The chain as the paper bot saw it, and the live bot in its place.
    await test.revert({ id: snapshot });
    expect(await pub.getBlockNumber({ cacheTime: 0 })).toBe(gap);
    await db.tradingBot.update({ where: { id: paper.id }, data: { status: "STOPPED" } });
    await db.tradingBot.update({ where: { id: live.id }, data: { status: "RUNNING" } });
    expect((await runDeskOnBlock(db, pub, venues, { blockNumber: gap, thresholdUsdCents: 500, signer })).trades).toBe(1);
    const liveFill = await db.tradingTrade.findFirstOrThrow({ where: { botId: live.id } });
    expect(liveFill.blockNumber).toBe(gap + 1n); // mined straight on top of the block the paper bot saw

    expect(liveFill.amountIn).toBe(paperFill.amountIn);
    const stake = BigInt(paperFill.amountIn);
    const gross = (t: { amountIn: string; amountOut: string }) => BigInt(t.amountOut) - BigInt(t.amountIn);
    const oneBpCents = Number(stake / 10_000n / 10_000n);
    // The round trip itself (before gas): what the quotes said is what the pools paid.
    expect(Math.abs(Number(gross(liveFill) - gross(paperFill)))).toBeLessThanOrEqual(Number(stake / 10_000n));
    // And the P&L, the paper bot's gas being the detector's estimate, the live one's the receipt's.
    expect(Math.abs(liveFill.pnlUsdCents - paperFill.pnlUsdCents)).toBeLessThanOrEqual(oneBpCents);
    console.info(`paper vs live at block ${gap}: stake ${stake / 10n ** 6n} USDC, gross ${gross(paperFill)} vs ${gross(liveFill)} (USDC base units), P&L ${paperFill.pnlUsdCents} vs ${liveFill.pnlUsdCents} cents, 1 bp = ${oneBpCents} cents`);
  });

  it("a reorg that takes a live fill away is noticed: the trade is marked undone and leaves the P&L; mined again, it counts again", async () => {
    const { bot, signer, test, wait } = await liveBot("arb-live-reorg", { funded: true });
    const pnl = async () => (await treasuryOverview(db)).totalPnlUsdCents;

    const gap = await whaleSellsOnV2(parseEther("10"));
    const beforeTrade = await test.snapshot();
    const traded = await runDeskOnBlock(db, pub, venues, { blockNumber: gap, thresholdUsdCents: 500, signer });
    expect(traded.trades).toBe(1);
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id } });
    expect(trade.blockHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await pnl()).toBe(trade.pnlUsdCents);

    // The chain goes back to before the trade and grows other blocks: the fill is gone.
    await test.revert({ id: beforeTrade });
    await test.mine({ blocks: 2 });
    const head = await pub.getBlockNumber({ cacheTime: 0 });
    const undone = await runDeskOnBlock(db, pub, venues, { blockNumber: head, thresholdUsdCents: 1_000_000_000, signer });
    expect(undone.reorgs).toEqual({ undone: 1, redone: 0 });
    expect((await db.tradingTrade.findUniqueOrThrow({ where: { id: trade.id } })).undoneAt).not.toBeNull();
    expect(await pnl()).toBe(0);
    expect((await treasuryOverview(db)).trades[0]).toMatchObject({ undone: true });

    // The same signed transaction is mined again in the new chain: the trade counts again, with that block's fill.
    const intent = await db.tradeIntent.findUniqueOrThrow({ where: { txHash: trade.txHash! } });
    const receipt = await wait(await pub.sendRawTransaction({ serializedTransaction: intent.rawTx as `0x${string}` }));
    expect(receipt.status).toBe("success");
    const redone = await runDeskOnBlock(db, pub, venues, { blockNumber: receipt.blockNumber, thresholdUsdCents: 1_000_000_000, signer });
    expect(redone.reorgs).toEqual({ undone: 0, redone: 1 });
    const back = await db.tradingTrade.findUniqueOrThrow({ where: { id: trade.id } });
    expect(back).toMatchObject({ undoneAt: null, blockHash: receipt.blockHash, blockNumber: receipt.blockNumber });
    expect(await pnl()).toBe(back.pnlUsdCents);
    // Nothing changes while the chain stays as it is.
    const same = await runDeskOnBlock(db, pub, venues, { blockNumber: receipt.blockNumber, thresholdUsdCents: 1_000_000_000, signer });
    expect(same.reorgs).toEqual({ undone: 0, redone: 0 });
  });
  it("compares the fee tiers too: a gap between V3's 0.3 % and 0.05 % pools is traded V3 to V3 through the executor, the best of every route", async () => {
    await restorePrices(chain.rpcUrl); // earlier tests left V2 and the 0.05 % pool off 3000
    const { bot, account, signer } = await liveBot("arb-live-tiers", { funded: true });
    const tier3000 = venues.v3Pools.find((p) => p.fee === 3000)!.pool;
    const gap = await whaleSellsOnV3(3000, parseEther("15"));

    const o = await detectArbitrage(pub, venues, { blockNumber: gap });
    expect(o.buy).toEqual({ name: "uniswap-v3", pool: tier3000, fee: 3000 });
    expect(o.sell).toEqual({ name: "uniswap-v3", pool: venues.v3.pool, fee: 500 });
    expect(o.netProfitUsdc).toBeGreaterThan(50_000_000n); // > 50 USD
    // Every route on its own, both ways round: the detector kept the best (V3 0.3 % → V2 nets less:
    // V2 charges 0.3 % where the 0.05 % pool charges 0.05 %).
    const all = arbVenues(venues);
    const each = await Promise.all(all.flatMap((buy) => all.filter((sell) => sell !== buy).map((sell) => detectArbitrage(pub, venues, { blockNumber: gap, route: { buy, sell } }))));
    expect(each).toHaveLength(6);
    expect(each.map((e) => e.netProfitUsdc).reduce((a, b) => (a > b ? a : b))).toBe(o.netProfitUsdc);
    const viaV2 = each.find((e) => e.buy.pool === tier3000 && e.sell.name === "uniswap-v2")!;
    expect(viaV2.netProfitUsdc).toBeGreaterThan(0n);
    expect(viaV2.netProfitUsdc).toBeLessThan(o.netProfitUsdc);

    // The live bot trades it: one transaction, a Swap on each V3 pool, the treasury's USDC up by what was recorded.
    const usdcOf = (blockNumber: bigint) => pub.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [account.address], blockNumber });
    const r = await runDeskOnBlock(db, pub, venues, { blockNumber: gap, thresholdUsdCents: 500, signer });
    expect(r.refusals).toEqual([]);
    expect(r.trades).toBe(1);
    const opportunity = await db.tradingOpportunity.findUniqueOrThrow({ where: { id: r.opportunityId! } });
    expect(opportunity).toMatchObject({ buyVenue: "uniswap-v3", buyFee: 3000, sellVenue: "uniswap-v3", sellFee: 500 });
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id } });
    const receipt = await pub.getTransactionReceipt({ hash: trade.txHash as `0x${string}` });
    expect(receipt.status).toBe("success");
    const swapped = new Set(receipt.logs.map((l) => l.address.toLowerCase()));
    expect(swapped.has(tier3000.toLowerCase()) && swapped.has(venues.v3.pool.toLowerCase())).toBe(true);
    expect(swapped.has(venues.v2.pair.toLowerCase())).toBe(false);
    const change = (await usdcOf(receipt.blockNumber)) - (await usdcOf(receipt.blockNumber - 1n));
    expect(change).toBeGreaterThan(0n);
    expect(BigInt(trade.amountOut) - BigInt(trade.amountIn)).toBe(change);
    // The tiers are back in line: what is left between them is not worth the threshold.
    expect((await detectArbitrage(pub, venues, { blockNumber: receipt.blockNumber, route: o })).netProfitUsdc).toBeLessThan(5_000_000n);
  });
});
