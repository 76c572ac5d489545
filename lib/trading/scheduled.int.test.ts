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
import { oracleToUsdc } from "./market-math";
import { rebalanceSwap } from "./rebalance";
import { runScheduledBots } from "./scheduled";
import { setKillSwitch, treasuryControl } from "./desk";
import { treasuryOverview } from "./overview";

/**
 * Scheduled bots against the real Uniswap V3 and V2 bytecode on a private anvil. DCA: a paper bot
 * buys once per period at the better venue's quote; a live bot's swap really lands in the treasury,
 * and what it records is what the treasury's balances did; the guard refuses an oversize buy once
 * per period; the kill switch stops them. Rebalancing: a paper bot steers its own book into the
 * band and then rests; a live bot sells the treasury's WETH down to its target.
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
  await deployDefiContracts(chain.rpcUrl, local.contracts.USDC);
});
afterAll(async () => {
  await db.$disconnect();
  await chain?.stop();
});

async function cleanDesk() {
  await db.$transaction([db.guardRefusal.deleteMany(), db.tradeIntent.deleteMany(), db.tradingTrade.deleteMany(), db.tradingOpportunity.deleteMany(), db.tradingBot.deleteMany(), db.treasuryControl.deleteMany()]);
  await treasuryControl(db, venues);
}

const dcaBot = (name: string, mode: "PAPER" | "LIVE", dollars: number) =>
  db.tradingBot.create({ data: { name, strategy: "dca", mode, status: "RUNNING", maxTradeUsdCents: dollars * 100, dcaAmountUsdCents: dollars * 100, everySeconds: HOUR } });

/** Both venues' own quotes for a USDC → WETH buy at a block (QuoterV2 and Router02.getAmountsOut). */
async function quotesAt(amountUsdc: bigint, blockNumber: bigint) {
  const [v3, v2] = await Promise.all([
    quoteExactInputSingle(pub, { quoter: venues.v3.quoter, tokenIn: venues.usdc, tokenOut: venues.weth, fee: venues.v3.fee, amountIn: amountUsdc, blockNumber }),
    getAmountsOut(pub, { router: venues.v2.router, amountIn: amountUsdc, path: [venues.usdc, venues.weth], blockNumber }),
  ]);
  return { v3: v3.amountOut, v2: v2.at(-1)! };
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
    expect(row.schedule).toEqual({ everySeconds: HOUR, dcaAmountUsdCents: 50_000, targetUsdcBps: null, bandBps: null });
    expect(row.trades).toBe(2);
    expect(row.capitalUsdc).toBe("1000000000"); // everything it spent, not one buy
    expect(BigInt(row.heldWeth!)).toBe(BigInt(trade.amountOut) * 2n);
    expect(o.strategies.find((s) => s.strategy === "dca")).toMatchObject({ bots: 1, capitalUsdc: "1000000000" });
  });

  it("a live bot's swap lands in the treasury: the recorded buy is the treasury's USDC out and WETH in, and the paper fill of that block", async () => {
    await cleanDesk();
    const bot = await dcaBot("dca-live", "LIVE", 1_000);
    const account = treasuryAccount(31337);
    const transport = http(chain.rpcUrl);
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: account.address, value: parseEther("10") });
    const signer = createWalletClient({ chain: anvil, transport, account });
    const balances = async () => {
      const [usdc, weth] = await Promise.all([venues.usdc, venues.weth].map((token) => pub.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account.address] })));
      return { usdc: usdc!, weth: weth! };
    };
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
    expect(o.bots.find((b) => b.name === "keep-70")).toMatchObject({ schedule: { everySeconds: HOUR, dcaAmountUsdCents: null, targetUsdcBps: 7_000, bandBps: 500 }, unrealisedUsdCents: null, roiBps: null });
  });

  it("a live rebalancer sells the treasury's WETH toward its target: the recorded sale is the treasury's WETH out and USDC in", async () => {
    await cleanDesk();
    const account = treasuryAccount(31337);
    const transport = http(chain.rpcUrl);
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: account.address, value: parseEther("20") });
    const signer = createWalletClient({ chain: anvil, transport, account });
    await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: parseEther("5") }), pollingInterval: 50 });
    const bot = await db.tradingBot.create({ data: { name: "keep-90", strategy: "rebalance", mode: "LIVE", status: "RUNNING", maxTradeUsdCents: 5_000_000, targetUsdcBps: 9_000, bandBps: 200, everySeconds: HOUR } });
    const balances = async () => {
      const [usdc, weth] = await Promise.all([venues.usdc, venues.weth].map((token) => pub.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account.address] })));
      return { usdc: usdc!, weth: weth! };
    };
    // A first pass approves the router for WETH (its own transaction) and sells toward the target;
    // then WETH comes in again (revenue) and the second period's sale is measured.
    expect((await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: T, signer })).trades).toBe(1);
    await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: parseEther("5") }), pollingInterval: 50 });
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
});
