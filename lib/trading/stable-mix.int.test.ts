import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseEther, parseUnits, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { priceFeedAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db";
import { erc20Abi, swapRouterAbi, uniswapV3FactoryAbi } from "@/lib/defi/abis";
import { localAccount, treasuryAccount, WHALE_INDEX } from "@/lib/defi/local-accounts";
import { quoteExactInput, quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { localStables, localWethUsdc, stableRoute, type StableSymbol } from "@/lib/defi/venues";
import { env } from "@/lib/env";
import { deployDefiContracts } from "@/scripts/chain/defi-contracts";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { recordBalances } from "./analyzer";
import { treasuryControl } from "./desk";
import { deskWatchOf, followMarket, marketOverview } from "./market-data";
import { ethUsdSeen, treasuryOverview } from "./overview";
import { runScheduledBots } from "./scheduled";
import { stableBookOf, stableMixSwap, stableSwapPnlUsdc, usdcOf } from "./stable-mix";

/**
 * Stablecoin-mix bots on the real 0.01 % pools of a private anvil: the deploy (fee tier, pools at
 * 1:1, a second run deploying nothing); a paper bot steering its book (the treasury plus its paper
 * fills) toward 60/20/20 at the pool's quote, once per period; a live bot's swaps landing in the
 * treasury, one hop (USDC → DAI) and two (USDT → DAI through USDC), recorded as the balances moved;
 * the guard's depeg breaker on a DAI feed off $1 and on a USDC/DAI pool pushed off $1.
 */

let chain: PrivateAnvil;
const db = createDb(env().DATABASE_URL, 2);
let pub: PublicClient;
const venues = localWethUsdc();
const v = localStables();
const HOUR = 3600;
const T = new Date("2026-12-04T10:00:00Z");
const later = (hours: number) => new Date(T.getTime() + hours * HOUR * 1000);
const head = () => pub.getBlockNumber({ cacheTime: 0 });
const target = { USDC: 6000, USDT: 2000, DAI: 2000 };
const units = (sym: StableSymbol, dollars: number) => parseUnits(String(dollars), v.stables[sym].decimals);

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

/** The treasury as a signer with ETH for gas, its stablecoins set to exactly the dollars given (the test tokens' faucets; the excess sent to the whale). */
async function treasuryWith(d: Record<StableSymbol, number>) {
  const account = treasuryAccount(31337);
  const transport = http(chain.rpcUrl);
  await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: account.address, value: parseEther("20") });
  const signer = createWalletClient({ chain: anvil, transport, account });
  const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  for (const sym of ["USDC", "USDT", "DAI"] as const) {
    const token = v.stables[sym].address;
    const want = units(sym, d[sym]);
    const have = await pub.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account.address] });
    if (have < want) await wait(await signer.writeContract({ address: token, abi: testStablecoinAbi, functionName: "mint", args: [account.address, want - have] }));
    if (have > want) await wait(await signer.writeContract({ address: token, abi: transferAbi, functionName: "transfer", args: [localAccount(WHALE_INDEX).address, have - want] }));
  }
  const balances = async () => {
    const [USDC, USDT, DAI] = await Promise.all((["USDC", "USDT", "DAI"] as const).map((sym) => pub.readContract({ address: v.stables[sym].address, abi: erc20Abi, functionName: "balanceOf", args: [account.address] })));
    return { USDC: USDC!, USDT: USDT!, DAI: DAI! };
  };
  return { account, signer, balances };
}
const transferAbi = [{ type: "function", name: "transfer", stateMutability: "nonpayable", inputs: [{ name: "to", type: "address" }, { name: "value", type: "uint256" }], outputs: [] }] as const;

const stableBot = (name: string, mode: "PAPER" | "LIVE", maxDollars: number) =>
  db.tradingBot.create({ data: { name, strategy: "stable-mix", mode, status: "RUNNING", maxTradeUsdCents: maxDollars * 100, stableMix: target, bandBps: 200, everySeconds: HOUR, slippageBps: 30 } });

describe("the stablecoin pools on the local chain", () => {
  it("are deployed once at the 0.01 % tier and quote 1:1 less the fee; the 0.3 % WETH/USDC pool quotes 3000", async () => {
    const c = localDeployment.contracts;
    expect(await pub.readContract({ address: c.UniswapV3Factory, abi: uniswapV3FactoryAbi, functionName: "feeAmountTickSpacing", args: [100] })).toBe(1);
    for (const [a, b, fee, pool] of [[c.USDC, c.USDT, 100, c.UniswapV3Pool_USDC_USDT_100], [c.USDC, c.DAI, 100, c.UniswapV3Pool_USDC_DAI_100], [c.WETH, c.USDC, 3000, c.UniswapV3Pool_WETH_USDC_3000]] as const) {
      expect(await pub.readContract({ address: c.UniswapV3Factory, abi: uniswapV3FactoryAbi, functionName: "getPool", args: [a, b, fee] })).toBe(pool);
    }
    // $10,000 through each stable pool: the 1 bp fee and ~0.01 % of impact (liquidity within ±2 % of the peg).
    const usdt = await quoteExactInputSingle(pub, { quoter: v.quoter, tokenIn: c.USDC, tokenOut: c.USDT, fee: 100, amountIn: units("USDC", 10_000) });
    expect(Number(usdt.amountOut) / 1e6).toBeGreaterThan(9_997);
    expect(Number(usdt.amountOut) / 1e6).toBeLessThan(9_999);
    const dai = await quoteExactInputSingle(pub, { quoter: v.quoter, tokenIn: c.USDC, tokenOut: c.DAI, fee: 100, amountIn: units("USDC", 10_000) });
    expect(Number(dai.amountOut / 10n ** 12n) / 1e6).toBeGreaterThan(9_997);
    // Two hops, USDT → USDC → DAI: two fees.
    const two = await quoteExactInput(pub, { quoter: v.quoter, path: stableRoute(v, "USDT", "DAI").path, amountIn: units("USDT", 1_000) });
    expect(Number(two.amountOut / 10n ** 12n) / 1e6).toBeCloseTo(999.8, 1);
    const weth = await quoteExactInputSingle(pub, { quoter: v.quoter, tokenIn: c.WETH, tokenOut: c.USDC, fee: 3000, amountIn: parseEther("1") });
    expect(Number(weth.amountOut) / 1e6).toBeCloseTo(3000 * 0.997 * (1 - 1 / 100), -1); // fee, and 1 of the pool's 100 WETH
    // A second deploy changes nothing.
    const again = await deployDefiContracts(chain.rpcUrl, { USDC: c.USDC, USDT: c.USDT, DAI: c.DAI });
    expect(again.deployed).toEqual([]);
  });
});

describe("market data on the stablecoin pools", () => {
  it("describes the stable pools at $1 against their coins' feeds beside the WETH/USDC pools (both V3 tiers); no price history for them", async () => {
    await db.$transaction([db.marketCursor.deleteMany({ where: { chainId: 31337 } }), db.marketPoolSnapshot.deleteMany({ where: { chainId: 31337 } })]);
    const first = await followMarket(db, pub, deskWatchOf(venues));
    expect(first!.events.map((e) => `${e.payload.venue} ${e.payload.pair}`).sort()).toEqual(["uniswap-v2 WETH/USDC", "uniswap-v3 USDC/DAI", "uniswap-v3 USDC/USDT", "uniswap-v3 WETH/USDC", "uniswap-v3 WETH/USDC"]);
    for (const e of first!.events.filter((x) => x.payload.pair !== "WETH/USDC")) {
      expect(e.payload.oracle).toBe("1000000"); // $1 on the coin's feed, in USDC base units per whole coin
      expect(Math.abs(Number(e.payload.mid) - 1_000_000)).toBeLessThanOrEqual(1);
      expect(Math.abs(e.payload.deviationBps)).toBeLessThanOrEqual(1);
      // Concentrated liquidity: moving a stable pool by 1 % takes hundreds of thousands of dollars.
      expect(BigInt(e.payload.depth.find((d) => d.bps === 100)!.upUsdc)).toBeGreaterThan(100_000n * 10n ** 6n);
    }
    const overview = await marketOverview(db, 31337);
    expect(overview.pools.map((p) => p.pair)).toEqual(["WETH/USDC", "WETH/USDC", "WETH/USDC", "USDC/USDT", "USDC/DAI"]);
    expect(await db.marketPriceMinute.count({ where: { chainId: 31337, pool: { in: v.pools.map((p) => p.pool.toLowerCase()) } } })).toBe(0);

    // Holdings are valued at ETH/USD even when a stable pool's snapshot is the newest (its "oracle" is its coin's $1).
    const dai = v.pools.find((p) => p.other === "DAI")!.pool.toLowerCase();
    const newest = await db.marketPoolSnapshot.aggregate({ where: { chainId: 31337 }, _max: { blockNumber: true } });
    await db.marketPoolSnapshot.update({ where: { chainId_pool: { chainId: 31337, pool: dai } }, data: { blockNumber: newest._max.blockNumber! + 1n } });
    const ethUsd = BigInt(first!.events.find((e) => e.payload.pair === "WETH/USDC")!.payload.oracle);
    expect(ethUsd).toBeGreaterThan(1_000n * 10n ** 6n);
    expect(await ethUsdSeen(db, 31337)).toBe(ethUsd);
  });
});

describe("stablecoin-mix bots", () => {
  it("a paper bot sells USDC for DAI at the pool's quote, once per period, its book (treasury + paper fills) moving toward 60/20/20", async () => {
    await cleanDesk();
    const { account } = await treasuryWith({ USDC: 8_000, USDT: 1_500, DAI: 500 }); // 80 / 15 / 5 %
    const bot = await stableBot("stables-paper", "PAPER", 1_000);
    const block = await head();
    expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now: T, treasury: account.address })).toEqual({ trades: 1, pending: 0, refusals: [] });
    const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id } });
    const q = await quoteExactInputSingle(pub, { quoter: v.quoter, tokenIn: v.stables.USDC.address, tokenOut: v.stables.DAI.address, fee: 100, amountIn: units("USDC", 1_000), blockNumber: block });
    expect(trade).toMatchObject({ mode: "PAPER", venue: "uniswap-v3", blockNumber: block, tokenIn: v.stables.USDC.address, amountIn: units("USDC", 1_000).toString(), tokenOut: v.stables.DAI.address, amountOut: q.amountOut.toString() });
    // At $1 each: the fee (and a little impact) is the loss; the paper gas is the block's base fee's (anvil: tiny).
    expect(trade.pnlUsdCents).toBeLessThanOrEqual(-10);
    expect(trade.pnlUsdCents).toBeGreaterThanOrEqual(-25);

    // The same period again: nothing. The next: the book (the treasury moved nothing) is 70 / 15 / ~15 → USDC → DAI again.
    expect((await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(0.5), treasury: account.address })).trades).toBe(0);
    const book = await stableBookOf(db, pub, v, { botId: bot.id, paper: true, treasury: account.address, blockNumber: block });
    expect(book.USDC).toBe(units("USDC", 7_000));
    expect(book.DAI).toBe(units("DAI", 500) + q.amountOut);
    const next = stableMixSwap(book, { target, bandBps: 200, maxTradeUsdCents: 100_000 });
    expect(next).toMatchObject({ from: "USDC", to: "DAI" });
    expect((await runScheduledBots(db, pub, venues, { blockNumber: block, now: later(1), treasury: account.address })).trades).toBe(1);
    const second = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id }, orderBy: { createdAt: "desc" } });
    expect(BigInt(second.amountIn)).toBe(next!.amountIn);

    // The screen's line: the target mix and what the bot's book holds per coin — the treasury as the
    // analyzer last recorded it (the run's database is shared with other files' chains, so only the
    // paper fills on top are judged here) plus its paper fills.
    await recordBalances(db, pub, 31337, account.address);
    const row = (await treasuryOverview(db)).bots.find((b) => b.name === "stables-paper")!;
    expect(row.stableMix).toEqual(target);
    expect(row.trades).toBe(2);
    expect(BigInt(row.stableBook!.book.DAI)).toBeGreaterThanOrEqual(q.amountOut + BigInt(second.amountOut));
    const shares = row.stableBook!.sharesBps!;
    expect(shares.USDC + shares.USDT + shares.DAI).toBeGreaterThan(9_990);
  });

  it("a live bot's swaps land in the treasury: USDC → DAI in one hop, then USDT → DAI through USDC; recorded as the balances moved", async () => {
    await cleanDesk();
    const { signer, balances } = await treasuryWith({ USDC: 8_000, USDT: 1_500, DAI: 500 });
    const bot = await stableBot("stables-live", "LIVE", 1_000);
    const check = async (now: Date, from: StableSymbol, to: StableSymbol, hops: number) => {
      const block = await head();
      const before = await balances();
      const expected = stableMixSwap(before, { target, bandBps: 200, maxTradeUsdCents: 100_000 });
      expect(expected).toMatchObject({ from, to });
      const quoted = await quoteExactInput(pub, { quoter: v.quoter, path: stableRoute(v, from, to).path, amountIn: expected!.amountIn, blockNumber: block });
      expect(await runScheduledBots(db, pub, venues, { blockNumber: block, now, signer })).toEqual({ trades: 1, pending: 0, refusals: [] });
      const after = await balances();
      const trade = await db.tradingTrade.findFirstOrThrow({ where: { botId: bot.id }, orderBy: { createdAt: "desc" } });
      expect(trade).toMatchObject({ mode: "LIVE", tokenIn: v.stables[from].address, tokenOut: v.stables[to].address, amountIn: expected!.amountIn.toString() });
      expect(before[from] - after[from]).toBe(BigInt(trade.amountIn));
      expect(after[to] - before[to]).toBe(BigInt(trade.amountOut));
      // Nothing else traded in between: the swap filled at the quote of the block it saw.
      expect(BigInt(trade.amountOut)).toBe(quoted.amountOut);
      // P&L at $1 each, less the gas the receipt says.
      const pnl = stableSwapPnlUsdc({ amountIn: BigInt(trade.amountIn), decimalsIn: v.stables[from].decimals, amountOut: BigInt(trade.amountOut), decimalsOut: v.stables[to].decimals }, BigInt(trade.gasUsdCents ?? 0) * 10_000n);
      expect(Math.abs(trade.pnlUsdCents - Number(pnl / 10_000n))).toBeLessThanOrEqual(1);
      expect(trade.pnlUsdCents).toBeLessThan(0);
      const receipt = await pub.getTransactionReceipt({ hash: trade.txHash as `0x${string}` });
      expect(receipt.to?.toLowerCase()).toBe(v.router.toLowerCase());
      const poolsTouched = new Set(receipt.logs.map((l) => l.address.toLowerCase()).filter((a) => v.pools.some((p) => p.pool.toLowerCase() === a)));
      expect(poolsTouched.size).toBe(hops);
      const intent = await db.tradeIntent.findFirstOrThrow({ where: { txHash: trade.txHash! } });
      expect(intent).toMatchObject({ status: "MINED", period: trade.period });
      return { trade, usdcIn: usdcOf(BigInt(trade.amountIn), v.stables[from].decimals) };
    };
    const first = await check(T, "USDC", "DAI", 1);
    expect(first.usdcIn).toBe(units("USDC", 1_000));
    // USDT comes in (revenue): 7,000 / 4,500 / ~1,500 → USDT most over, DAI most under: two hops.
    await treasuryWith({ USDC: 7_000, USDT: 4_500, DAI: 1_500 });
    await check(later(1), "USDT", "DAI", 2);
  });

  it("the guard's depeg breaker: a DAI feed off $1, then the USDC/DAI pool itself pushed off $1, refuse the swap (once per period)", async () => {
    await cleanDesk();
    const { account } = await treasuryWith({ USDC: 8_000, USDT: 2_000, DAI: 0 });
    const bot = await stableBot("stables-depeg", "PAPER", 1_000);
    const whale = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: localAccount(WHALE_INDEX) });
    await createTestClient({ chain: anvil, transport: http(chain.rpcUrl), mode: "anvil" }).setBalance({ address: whale.account.address, value: parseEther("100") });
    const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });

    await wait(await whale.writeContract({ address: v.stables.DAI.feed, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits("0.95", 8)] }));
    const r = await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: T, treasury: account.address });
    expect(r.refusals).toEqual([{ bot: "stables-depeg", reason: "STABLECOIN_DEPEG" }]);
    expect((await db.guardRefusal.findFirstOrThrow({ where: { botId: bot.id } })).detail).toBe("DAI is -500 bps from $1 on its feed, past the 200 bps limit");
    await wait(await whale.writeContract({ address: v.stables.DAI.feed, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits("1", 8)] }));

    // The feeds say $1, but someone dumps 700,000 DAI into the pool: DAI trades ~1.4 % under USDC there.
    const dai = units("DAI", 700_000);
    await wait(await whale.writeContract({ address: v.stables.DAI.address, abi: testStablecoinAbi, functionName: "mint", args: [whale.account.address, dai] }));
    await wait(await whale.writeContract({ address: v.stables.DAI.address, abi: erc20Abi, functionName: "approve", args: [v.router, maxUint256] }));
    const block = await pub.getBlock();
    await wait(await whale.writeContract({ address: v.router, abi: swapRouterAbi, functionName: "exactInputSingle", args: [{ tokenIn: v.stables.DAI.address, tokenOut: v.stables.USDC.address, fee: 100, recipient: whale.account.address, deadline: block.timestamp + 600n, amountIn: dai, amountOutMinimum: 0n, sqrtPriceLimitX96: 0n }] }));
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxPegDeviationBps: 100 } });
    // Market data shows it: the USDC/DAI pool's mid under the DAI feed's $1.
    await followMarket(db, pub, deskWatchOf(venues));
    const daiRow = (await marketOverview(db, 31337)).pools.find((p) => p.pair === "USDC/DAI")!;
    expect(daiRow.deviationBps).toBeLessThan(-100);
    expect(daiRow.deviationBps).toBeGreaterThan(-200);
    expect(Number(daiRow.mid)).toBeLessThan(990_000);
    const r2 = await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: later(1), treasury: account.address });
    expect(r2.refusals).toEqual([{ bot: "stables-depeg", reason: "STABLECOIN_DEPEG" }]);
    const refusal = await db.guardRefusal.findFirstOrThrow({ where: { botId: bot.id }, orderBy: { createdAt: "desc" } });
    expect(refusal.detail).toMatch(new RegExp(`^DAI is -1\\d\\d bps from \\$1 in the USDC/DAI pool ${v.pools[1]!.pool}, past the 100 bps limit$`));
    // Refused once for the period; nothing traded.
    expect((await runScheduledBots(db, pub, venues, { blockNumber: await head(), now: later(1.5), treasury: account.address })).refusals).toEqual([]);
    expect(await db.tradingTrade.count({ where: { botId: bot.id } })).toBe(0);
  });
});

