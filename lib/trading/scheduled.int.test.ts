import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { erc20Abi } from "@/lib/defi/abis";
import { getAmountsOut } from "@/lib/defi/uniswap-v2/client";
import { quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localWethUsdc } from "@/lib/defi/venues";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { deployDefiContracts } from "@/scripts/chain/defi-contracts";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { localAccount } from "@/scripts/chain/defi-contracts";
import { weth9Abi } from "@/lib/defi/abis";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import { localDeployment } from "@/lib/chain/deployments.local";
import { usdcToCents } from "./arbitrage";
import { oracleToUsdc } from "./market-math";
import { rebalanceSwap } from "./rebalance";
import { runScheduledBots } from "./scheduled";
import { setKillSwitch, treasuryControl } from "./desk";
import { treasuryOverview } from "./overview";
import { saleAgainstFeedUsdc, wethForUsdCents } from "./swap";

/**
 * Scheduled bots against the real Uniswap V3 and V2 bytecode on a private anvil. DCA: a paper bot
 * buys once per period at the better venue's quote; a live bot's swap really lands in the treasury,
 * and what it records is what the treasury's balances did; the guard refuses an oversize buy once
 * per period; the kill switch stops them. Rebalancing: a paper bot steers its own book into the
 * band and then rests; a live bot sells the treasury's WETH down to its target. DCA selling: a paper
 * seller sells WETH worth its amount at the feed from the treasury's WETH less its own paper sales,
 * and is refused once that runs out; a live seller's USDC gain is its recorded amountOut, and a
 * treasury without the WETH is refused before anything is signed.
 */

let chain: PrivateAnvil;
const db = createDb(env().DATABASE_URL, 2);
let pub: PublicClient;
const venues = localWethUsdc();
const HOUR = 3600;
const T = new Date("2026-12-04T10:00:00Z");
// Uncached: viem's client caches the block number for seconds, and these blocks come faster.
const head = () => pub.getBlockNumber({ cacheTime: 0 });
const later = (hours: number) => new Date(T.getTime() + hours * HOUR * 1000);

beforeAll(async () => {
  chain = await startPrivateAnvil();
  pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  const local = await deployLocalContracts(chain.rpcUrl);
  await deployDefiContracts(chain.rpcUrl, local.contracts);
});
afterAll(async () => {
  await db.$disconnect();
  await chain?.stop();
});

async function cleanDesk() {
  await db.$transaction([db.guardRefusal.deleteMany(), db.tradeIntent.deleteMany(), db.tradingTrade.deleteMany(), db.tradingOpportunity.deleteMany(), db.tradingBot.deleteMany(), db.treasuryControl.deleteMany()]);
  await treasuryControl(db, venues);
}

const dcaBot = (name: string, mode: "PAPER" | "LIVE", dollars: number, dcaSide: "buy" | "sell" = "buy") =>
  db.tradingBot.create({ data: { name, strategy: "dca", mode, status: "RUNNING", maxTradeUsdCents: dollars * 100, dcaAmountUsdCents: dollars * 100, dcaSide, everySeconds: HOUR } });

/** Both venues' own quotes for a USDC → WETH buy (or a WETH → USDC sale) at a block (QuoterV2 and Router02.getAmountsOut). */
async function quotesAt(amountIn: bigint, blockNumber: bigint, side: "buy" | "sell" = "buy") {
  const [tokenIn, tokenOut] = side === "buy" ? [venues.usdc, venues.weth] : [venues.weth, venues.usdc];
  const [v3, v2] = await Promise.all([
    quoteExactInputSingle(pub, { quoter: venues.v3.quoter, tokenIn, tokenOut, fee: venues.v3.fee, amountIn, blockNumber }),
    getAmountsOut(pub, { router: venues.v2.router, amountIn, path: [tokenIn, tokenOut], blockNumber }),
  ]);
  return { v3: v3.amountOut, v2: v2.at(-1)! };
}
const better = (q: { v3: bigint; v2: bigint }) => (q.v3 >= q.v2 ? q.v3 : q.v2);
const oracleAt = async (blockNumber: bigint) => {
  const round = await readFeedAt(pub, localDeployment.contracts.ETH_USD, blockNumber);
  return oracleToUsdc(round.answer, round.decimals);
};

/** The treasury as a live bot's signer: ETH for gas, `wrapEth` of it wrapped as WETH (revenue), and its USDC and WETH balances. */
async function liveTreasury(wrapEth = 0n) {
  const account = treasuryAccount(31337);
  const transport = http(chain.rpcUrl);
  await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: account.address, value: parseEther("20") });
  const signer = createWalletClient({ chain: anvil, transport, account });
  const wrap = async (value: bigint) => pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value }), pollingInterval: 50 });
  if (wrapEth > 0n) await wrap(wrapEth);
  const balances = async () => {
    const [usdc, weth] = await Promise.all([venues.usdc, venues.weth].map((token) => pub.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account.address] })));
    return { usdc: usdc!, weth: weth! };
  };
  return { account, signer, wrap, balances };
}

describe("scheduled bots on the real pools", () => {
  it("a paper bot buys once per period, at the better venue's quote of the block it saw", async () => {
    await cleanDesk();
    const bot = await dcaBot("dca-paper", "PAPER", 500);
    const block = await head();
    const first = await runScheduledBots(db, pub, venues, { blockNumber: block, now: T });
    expect(first).toEqual({ trades: 1, pending: 0, refusals: [] });
    const q = await quotesAt(500_000_000n, block);
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id } });
    expect(trade).toMatchObject({ mode: "PAPER", blockNumber: block, tokenIn: venues.usdc, amountIn: "500000000", tokenOut: venues.weth, opportunityId: null });
    expect(BigInt(trade.amountOut)).toBe(q.v3 > q.v2 ? q.v3 : q.v2);
    expect(trade.venue).toBe(q.v2 > q.v3 ? "uniswap-v2" : "uniswap-v3");
    expect(Number(BigInt(trade.amountOut)) / 1e18).toBeCloseTo(500 / 3000, 3); // ~0.1667 WETH at ~$3,000
    expect(trade.pnlUsdCents).toBeLessThanOrEqual(0); // its gas, nothing else realised

    // The same period again (a restart, the next poll): nothing more. The next hour: one more buy.
    expect((await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(0.99) })).trades).toBe(0);
    expect((await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1) })).trades).toBe(1);
    expect(await db.tradingTrade.count({ where: { botId: bot.id } })).toBe(2);

    const o = await treasuryOverview(db);
    const row = o.bots.find((b) => b.name === "dca-paper")!;
    expect(row.schedule).toEqual({ everySeconds: HOUR, dcaAmountUsdCents: 50_000, dcaSide: "buy", targetUsdcBps: null, bandBps: null });
    expect(row.trades).toBe(2);
    expect(row.capitalUsdc).toBe("1000000000"); // everything it spent, not one buy
    expect(BigInt(row.heldWeth!)).toBe(BigInt(trade.amountOut) * 2n);
    expect(o.strategies.find((s) => s.strategy === "dca")).toMatchObject({ bots: 1, capitalUsdc: "1000000000" });
  });

  it("a live bot's swap lands in the treasury: the recorded buy is the treasury's USDC out and WETH in, and the paper fill of that block", async () => {
    await cleanDesk();
    const bot = await dcaBot("dca-live", "LIVE", 1_000);
    const { account, signer, balances } = await liveTreasury();
    // The first pass tops the treasury up and approves the router (own transactions): measure after them.
    const warm = await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: T, signer });
    expect(warm).toEqual({ trades: 1, pending: 0, refusals: [] });

    // Enough USDC in the treasury that the next buy needs no top-up (a mint would blur the change).
    await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [account.address, 10_000_000_000n] }), pollingInterval: 50 });
    const block = await head();
    const before = await balances();
    const q = await quotesAt(1_000_000_000n, block);
    const r = await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1), signer });
    expect(r).toEqual({ trades: 1, pending: 0, refusals: [] });
    const after = await balances();
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id }, orderBy: { createdAt: "desc" } });
    expect(trade.mode).toBe("LIVE");
    expect(trade.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(BigInt(trade.amountIn)).toBe(1_000_000_000n);
    expect(before.usdc - after.usdc).toBe(1_000_000_000n);
    expect(BigInt(trade.amountOut)).toBe(after.weth - before.weth);
    expect(trade.blockNumber).toBe(block + 1n);
    // Nothing else traded between the quote and the swap: the live fill is the paper fill of that block.
    expect(BigInt(trade.amountOut)).toBe(q.v3 > q.v2 ? q.v3 : q.v2);
    expect(trade.gasUsdCents).toBeGreaterThanOrEqual(0);
    expect(trade.pnlUsdCents).toBe(-(trade.gasUsdCents ?? 0));
    const intent = await db.tradeIntent.findFirstOrThrow({ where: { txHash: trade.txHash! } });
    expect(intent).toMatchObject({ status: "MINED", period: trade.period, venue: trade.venue, opportunityId: null });
  });

  it("the guard refuses an oversize buy once per period; the kill switch stops DCA bots", async () => {
    await cleanDesk();
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxTradeUsdCents: 10_000 } }); // $100
    const bot = await dcaBot("dca-big", "PAPER", 500);
    const block = await head();
    const r = await runScheduledBots(db, pub, venues, { blockNumber: block, now: T });
    expect(r).toEqual({ trades: 0, pending: 0, refusals: [{ bot: "dca-big", reason: "OVERSIZE" }] });
    expect((await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(0.5) })).refusals).toEqual([]);
    const refusals = await db.guardRefusal.findMany({ where: { botId: bot.id } });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.detail).toBe("trade of $500.00 is over the $100.00 limit");
    expect(await db.tradingTrade.count()).toBe(0);

    await db.treasuryControl.update({ where: { id: 1 }, data: { maxTradeUsdCents: 2_000_000 } });
    await setKillSwitch(db, true);
    expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1) })).toEqual({ trades: 0, pending: 0, refusals: [] });
    expect((await db.tradingBot.findUniqueOrThrow({ where: { id: bot.id } })).status).toBe("STOPPED");
    await setKillSwitch(db, false);
  });

  it("a paper rebalancer buys WETH with the USDC over its target, then rests: its book (the treasury plus its paper fills) is in the band", async () => {
    await cleanDesk();
    // A treasury of its own for this test: 10,000 USDC, no WETH.
    const holder = localAccount(23).address;
    const account = treasuryAccount(31337);
    const signer = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account });
    await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [holder, 10_000_000_000n] }), pollingInterval: 50 });
    const bot = await db.tradingBot.create({ data: { name: "keep-70", strategy: "rebalance", mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 500_000, targetUsdcBps: 7_000, bandBps: 500, everySeconds: HOUR } });
    const block = await head();
    expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now: T, treasury: holder })).toEqual({ trades: 1, pending: 0, refusals: [] });
    const q = await quotesAt(3_000_000_000n, block);
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id } });
    // 100 % USDC against a 70 % target: $3,000 of the $10,000 into WETH, at the better venue's quote.
    expect(trade).toMatchObject({ mode: "PAPER", tokenIn: venues.usdc, amountIn: "3000000000", tokenOut: venues.weth });
    expect(BigInt(trade.amountOut)).toBe(q.v3 > q.v2 ? q.v3 : q.v2);
    // The next period its book is ~70 % USDC: nothing to do, nothing recorded.
    expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1), treasury: holder })).toEqual({ trades: 0, pending: 0, refusals: [] });
    expect(await db.tradingTrade.count({ where: { botId: bot.id } })).toBe(1);
    const o = await treasuryOverview(db);
    expect(o.bots.find((b) => b.name === "keep-70")).toMatchObject({ schedule: { everySeconds: HOUR, dcaAmountUsdCents: null, dcaSide: null, targetUsdcBps: 7_000, bandBps: 500 }, unrealisedUsdCents: null, roiBps: null });
  });

  it("a live rebalancer sells the treasury's WETH toward its target: the recorded sale is the treasury's WETH out and USDC in", async () => {
    await cleanDesk();
    const { signer, wrap, balances } = await liveTreasury(parseEther("5"));
    const bot = await db.tradingBot.create({ data: { name: "keep-90", strategy: "rebalance", mode: "LIVE", status: "RUNNING", maxTradeUsdCents: 5_000_000, targetUsdcBps: 9_000, bandBps: 200, everySeconds: HOUR } });
    // A first pass approves the router for WETH (its own transaction) and sells toward the target;
    // then WETH comes in again (revenue) and the second period's sale is measured.
    expect((await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: T, signer })).trades).toBe(1);
    await wrap(parseEther("5"));
    const block = await head();
    const before = await balances();
    const round = await readFeedAt(pub, localDeployment.contracts.ETH_USD, block);
    const expected = rebalanceSwap(before, oracleToUsdc(round.answer, round.decimals), { targetUsdcBps: 9_000, bandBps: 200, maxTradeUsdc: 50_000_000_000n });
    expect(expected?.side).toBe("sell");
    expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1), signer })).toEqual({ trades: 1, pending: 0, refusals: [] });
    const after = await balances();
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id }, orderBy: { createdAt: "desc" } });
    expect(trade).toMatchObject({ mode: "LIVE", tokenIn: venues.weth, tokenOut: venues.usdc });
    expect(BigInt(trade.amountIn)).toBe(expected!.amountIn);
    expect(before.weth - after.weth).toBe(BigInt(trade.amountIn));
    expect(after.usdc - before.usdc).toBe(BigInt(trade.amountOut));
    expect(trade.pnlUsdCents).toBe(-(trade.gasUsdCents ?? 0));
    // Sold at about the feed's price: 3,000 USDC per WETH less the pool's fee and impact.
    expect(Number(BigInt(trade.amountOut)) / Number(BigInt(trade.amountIn)) * 1e12).toBeGreaterThan(2_900);
  });
  it("a paper DCA seller sells WETH worth its amount at the feed, at the better venue's quote, from the treasury's WETH less its own paper sales; then is refused INSUFFICIENT_BALANCE once per period", async () => {
    await cleanDesk();
    // A treasury of its own for this test, holding 0.2 WETH (~$600): two $250 sales, not three.
    const holder = localAccount(24).address;
    const { signer } = await liveTreasury(parseEther("0.2"));
    await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: venues.weth, abi: erc20Abi, functionName: "transfer", args: [holder, parseEther("0.2")] }), pollingInterval: 50 });
    const bot = await dcaBot("dca-sell-paper", "PAPER", 250, "sell");
    const block = await head();
    const wethBefore = await pub.readContract({ address: venues.weth, abi: erc20Abi, functionName: "balanceOf", args: [holder] });
    expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now: T, treasury: holder })).toEqual({ trades: 1, pending: 0, refusals: [] });
    const oracle = await oracleAt(block);
    const amountIn = wethForUsdCents(25_000, oracle);
    const q = await quotesAt(amountIn, block, "sell");
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id } });
    expect(trade).toMatchObject({ mode: "PAPER", blockNumber: block, tokenIn: venues.weth, amountIn: amountIn.toString(), tokenOut: venues.usdc });
    expect(BigInt(trade.amountOut)).toBe(better(q));
    expect(Number(BigInt(trade.amountOut)) / 1e6).toBeGreaterThan(245); // ~$250 less the fee and impact
    // Realised: the USDC fetched against the WETH at the feed (a few dollars under), less gas.
    const againstFeed = saleAgainstFeedUsdc(amountIn, BigInt(trade.amountOut), oracle);
    expect(againstFeed).toBeLessThan(0n);
    expect(Math.abs(trade.pnlUsdCents - usdcToCents(againstFeed))).toBeLessThanOrEqual(1); // plus a paper swap's gas, under a cent here
    // Paper: nothing moved on chain.
    expect(await pub.readContract({ address: venues.weth, abi: erc20Abi, functionName: "balanceOf", args: [holder] })).toBe(wethBefore);

    expect((await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1), treasury: holder })).trades).toBe(1);
    // Third period: 0.2 − 2 × 0.0833 ≈ 0.033 WETH left in its book, less than a sale: refused, once.
    const third = await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(2), treasury: holder });
    expect(third).toEqual({ trades: 0, pending: 0, refusals: [{ bot: "dca-sell-paper", reason: "INSUFFICIENT_BALANCE" }] });
    expect((await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(2.5), treasury: holder })).refusals).toEqual([]);
    const refusal = await db.guardRefusal.findFirstOrThrow({ where: { botId: bot.id } });
    expect(refusal.detail).toMatch(/^the treasury, less this paper bot's earlier sales, holds 0\.0333\d* WETH; selling \$250\.00 needs 0\.0833\d* WETH$/);
    expect(await db.guardRefusal.count({ where: { botId: bot.id } })).toBe(1);

    // On the screen: its direction, no unrealised (it holds nothing from its trades), ROI over the USDC it raised.
    const o = await treasuryOverview(db);
    const row = o.bots.find((b) => b.name === "dca-sell-paper")!;
    const trades = await db.tradingTrade.findMany({ where: { botId: bot.id } });
    const raised = trades.reduce((sum, t) => sum + BigInt(t.amountOut), 0n);
    expect(row).toMatchObject({ schedule: { dcaSide: "sell", dcaAmountUsdCents: 25_000 }, trades: 2, unrealisedUsdCents: null, heldWeth: null, capitalUsdc: raised.toString() });
    expect(row.roiBps).toBe(Math.trunc((row.pnlUsdCents * 10_000) / Number(raised / 10_000n)));
  });

  it("a live DCA seller's sale lands: the treasury's WETH out is the WETH worth its amount at the feed, its USDC gain the recorded amountOut; without the WETH it is refused before signing", async () => {
    await cleanDesk();
    const { account, signer, balances } = await liveTreasury(parseEther("2"));
    const bot = await dcaBot("dca-sell-live", "LIVE", 1_000, "sell");
    // The first pass approves the router for WETH (its own transaction) and sells; the second period is measured.
    expect(await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: T, signer })).toEqual({ trades: 1, pending: 0, refusals: [] });
    const block = await head();
    const before = await balances();
    const oracle = await oracleAt(block);
    const amountIn = wethForUsdCents(100_000, oracle);
    const q = await quotesAt(amountIn, block, "sell");
    expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1), signer })).toEqual({ trades: 1, pending: 0, refusals: [] });
    const after = await balances();
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id }, orderBy: { createdAt: "desc" } });
    expect(trade).toMatchObject({ mode: "LIVE", tokenIn: venues.weth, tokenOut: venues.usdc, amountIn: amountIn.toString() });
    expect(before.weth - after.weth).toBe(amountIn);
    expect(after.usdc - before.usdc).toBe(BigInt(trade.amountOut));
    // Nothing else traded between the quote and the sale: the live fill is the paper fill of that block.
    expect(BigInt(trade.amountOut)).toBe(better(q));
    // Realised: the USDC against the WETH at the feed the sale was priced with, less the receipt's gas.
    expect(Math.abs(trade.pnlUsdCents - (usdcToCents(saleAgainstFeedUsdc(amountIn, BigInt(trade.amountOut), oracle)) - (trade.gasUsdCents ?? 0)))).toBeLessThanOrEqual(1);
    expect(await db.tradeIntent.findFirstOrThrow({ where: { txHash: trade.txHash! } })).toMatchObject({ status: "MINED", pnlAtFeed: true, period: trade.period });

    // The treasury's WETH unwrapped (spent elsewhere): the next period is refused with what it holds, nothing signed.
    await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "withdraw", args: [after.weth] }), pollingInterval: 50 });
    const nonce = await pub.getTransactionCount({ address: account.address, blockTag: "latest" });
    const empty = await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: later(2), signer });
    expect(empty).toEqual({ trades: 0, pending: 0, refusals: [{ bot: "dca-sell-live", reason: "INSUFFICIENT_BALANCE" }] });
    expect((await db.guardRefusal.findFirstOrThrow({ where: { botId: bot.id } })).detail).toMatch(/^the treasury holds 0 WETH; selling \$1000\.00 needs 0\.333\d* WETH$/);
    expect(await db.tradeIntent.count({ where: { botId: bot.id } })).toBe(2);
    expect(await pub.getTransactionCount({ address: account.address, blockTag: "latest" })).toBe(nonce);
  });
});
