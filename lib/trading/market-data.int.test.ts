import type { Consumer, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseEther, parseUnits, type Address, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { priceFeedAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { getAmountsOut, pairState, swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { poolState, quoteExactInputSingle, swapExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { usdcPerEthAt } from "@/lib/defi/uniswap-v3/math";
import { localWethUsdc } from "@/lib/defi/venues";
import { env } from "@/lib/env";
import { createKafka, createProducer, ensureTopics, kafkaSettings } from "@/lib/kafka/client";
import { decodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import type { EventPayload } from "@/lib/kafka/events";
import { OutboxRelay } from "@/lib/kafka/relay";
import { prefixed, TOPICS } from "@/lib/kafka/topics";
import { childLogger } from "@/lib/log";
import { deployDefiContracts, localAccount, WHALE_INDEX } from "@/scripts/chain/defi-contracts";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { runDeskOnBlock, treasuryControl } from "./desk";
import { runScheduledBots } from "./scheduled";
import { followMarket, marketOverview, marketWatchOf, type MarketPass } from "./market-data";
import { deviationBps } from "./market-math";
import { minuteOf, PRICE_HISTORY_DAYS, priceHistory, prunePriceHistory } from "./price-history";

/**
 * Market data against the real Uniswap V3 and V2 bytecode on a private anvil, the run's database
 * and Kafka: a large swap moves a pool's mid and the trading.prices.v1 message with the new mid
 * arrives before the chain's next block; the depth from the curve is what the QuoterV2 says it
 * is; a pool pushed away from the oracle (and then a stale oracle) makes a live bot's trade
 * refused by the guard's circuit breaker; a follower restarted resumes at its stored block.
 */

const log = childLogger("market-data-test");
const db = createDb(env().DATABASE_URL, 3);
const settings = kafkaSettings();
const kafka = createKafka(settings);
const venues = localWethUsdc();
const watch = marketWatchOf(venues);
let chain: PrivateAnvil;
let pub: PublicClient;
let producer: Producer;
let relay: OutboxRelay;
let consumer: Consumer;
/** Every trading.prices.v1 message this file's consumer saw, with when it arrived and the chain's head then. */
const received: { envelope: Envelope<EventPayload<"trading.price_updated">>; head: bigint }[] = [];
/** Every pass this file's followers committed (the run's other rows are not judged). */
const passes: MarketPass[] = [];

const whale = localAccount(WHALE_INDEX);
const follow = async () => {
  const pass = await followMarket(db, pub, watch);
  if (pass) passes.push(pass);
  return pass;
};
const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
const clients = () => {
  const transport = http(chain.rpcUrl);
  return { test: createTestClient({ chain: anvil, transport, mode: "anvil" }), wallet: createWalletClient({ chain: anvil, transport, account: whale }) };
};

beforeAll(async () => {
  chain = await startPrivateAnvil();
  pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  const local = await deployLocalContracts(chain.rpcUrl);
  await deployDefiContracts(chain.rpcUrl, local.contracts);
  // This chain is new: a cursor for 31337 another file left (another chain) would look like a reorg.
  await db.$transaction([db.marketCursor.deleteMany({ where: { chainId: watch.chainId } }), db.marketPoolSnapshot.deleteMany({ where: { chainId: watch.chainId } }), db.largeSwap.deleteMany({ where: { chainId: watch.chainId, recipient: whale.address.toLowerCase() } })]);

  // The whale: ETH, WETH and USDC, and the routers approved, so each test's swap is one transaction.
  const { test, wallet } = clients();
  await test.setBalance({ address: whale.address, value: parseEther("10000") });
  await wait(await wallet.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: parseEther("500") }));
  await wait(await wallet.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [whale.address, 10_000_000n * 10n ** 6n] }));
  for (const token of [venues.weth, venues.usdc]) {
    for (const router of [venues.v2.router, venues.v3.router]) await wait(await wallet.writeContract({ address: token, abi: erc20Abi, functionName: "approve", args: [router, maxUint256] }));
  }

  await ensureTopics(kafka, settings);
  producer = createProducer(kafka);
  await producer.connect();
  relay = new OutboxRelay({ db, databaseUrl: env().DATABASE_URL, producer, topicPrefix: settings.prefix, batchSize: 100, pollMs: 50, log });
  await relay.start();
  consumer = kafka.consumer({ groupId: `market-data-test-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: prefixed(settings.prefix, TOPICS.tradingPrices), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const envelope = decodeEnvelope(message.value) as Envelope<EventPayload<"trading.price_updated">>;
      received.push({ envelope, head: await pub.getBlockNumber({ cacheTime: 0 }) });
    },
  });
});

afterAll(async () => {
  await consumer?.disconnect();
  await relay?.stop();
  await producer?.disconnect();
  await db.$disconnect();
  await chain?.stop();
});

async function arrived(eventId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = received.find((r) => r.envelope.id === eventId);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`event ${eventId} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The whale sells WETH into the V2 pair (its mid falls); returns the block. */
async function sellOnV2(weth: bigint): Promise<bigint> {
  const { wallet } = clients();
  const path = [venues.weth, venues.usdc] as const;
  const [, quoted] = await getAmountsOut(pub, { router: venues.v2.router, amountIn: weth, path });
  const block = await pub.getBlock();
  const receipt = await wait(await swapExactTokensForTokens(wallet, { router: venues.v2.router, amountIn: weth, quotedOut: quoted!, slippageBps: 100, path, deadline: block.timestamp + 600n }));
  expect(receipt.status).toBe("success");
  return receipt.blockNumber;
}

async function buyOnV3(usdc: bigint): Promise<bigint> {
  const { wallet } = clients();
  const block = await pub.getBlock();
  const receipt = await wait(await swapExactInputSingle(wallet, { router: venues.v3.router, tokenIn: venues.usdc, tokenOut: venues.weth, fee: venues.v3.fee, amountIn: usdc, quotedOut: 0n, slippageBps: 0, deadline: block.timestamp + 600n }));
  expect(receipt.status).toBe("success");
  return receipt.blockNumber;
}

const v3Mid = async (blockNumber: bigint) => {
  const s = await poolState(pub, venues.v3.pool, blockNumber);
  return usdcPerEthAt({ sqrtPriceX96: s.sqrtPriceX96, token0IsWeth: s.token0.toLowerCase() === venues.weth.toLowerCase() });
};
const v2Mid = async (blockNumber: bigint) => {
  const s = await pairState(pub, venues.v2.pair, blockNumber);
  const wethIs0 = s.token0.toLowerCase() === venues.weth.toLowerCase();
  const [w, u] = wethIs0 ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
  return (u * 10n ** 18n) / w;
};

describe("market data on the real pools", () => {
  it("describes every pool at the head the first time, with the oracle and the depth at 0.5 % and 1 %", async () => {
    const first = await follow();
    expect(first).not.toBeNull();
    expect(first!.events.map((e) => e.payload.venue).sort()).toEqual(["uniswap-v2", "uniswap-v3"]);
    for (const e of first!.events) {
      expect(Number(e.payload.mid) / 1e6).toBeCloseTo(3000, 0);
      expect(e.payload.oracle).toBe(String(3000n * 10n ** 6n));
      expect(Math.abs(e.payload.deviationBps)).toBeLessThanOrEqual(1);
      expect(e.payload.depth.map((d) => d.bps)).toEqual([50, 100]);
    }
    expect(await follow()).toBeNull(); // nothing new: no block, no event
    const overview = await marketOverview(db, watch.chainId);
    expect(overview.pools).toHaveLength(2);
    expect(overview.followedTo?.block).toBe(first!.to.toString());
    // The first events reach Kafka (this also waits for the consumer group to be in place).
    for (const e of first!.events) await arrived(e.id, 30_000);
  });

  it("the depth at 1 % is what the pools' own quotes say: that input moves the V3 mid (QuoterV2) and the V2 mid (Router02) by 1 %", async () => {
    const block = await pub.getBlockNumber({ cacheTime: 0 });
    const snapshotOf = (pool: Address) => db.marketPoolSnapshot.findUniqueOrThrow({ where: { chainId_pool: { chainId: watch.chainId, pool: pool.toLowerCase() } } });
    const [v3, v2] = await Promise.all([snapshotOf(venues.v3.pool), snapshotOf(venues.v2.pair)]);
    const s = await poolState(pub, venues.v3.pool, block);
    const wethIs0 = s.token0.toLowerCase() === venues.weth.toLowerCase();
    const before = usdcPerEthAt({ sqrtPriceX96: s.sqrtPriceX96, token0IsWeth: wethIs0 });
    // The move in basis points, to 1/10 000 of a bp (the pool's own sqrt-price rounding is far below that).
    const movedBps = (after: bigint, from: bigint) => Number(((after - from) * 10n ** 8n) / from) / 1e4;
    const up = await quoteExactInputSingle(pub, { quoter: venues.v3.quoter, tokenIn: venues.usdc, tokenOut: venues.weth, fee: venues.v3.fee, amountIn: BigInt(v3.depthUp100Usdc), blockNumber: block });
    expect(movedBps(usdcPerEthAt({ sqrtPriceX96: up.sqrtPriceX96After, token0IsWeth: wethIs0 }), before)).toBeCloseTo(100, 1);
    const down = await quoteExactInputSingle(pub, { quoter: venues.v3.quoter, tokenIn: venues.weth, tokenOut: venues.usdc, fee: venues.v3.fee, amountIn: BigInt(v3.depthDown100Weth), blockNumber: block });
    expect(movedBps(usdcPerEthAt({ sqrtPriceX96: down.sqrtPriceX96After, token0IsWeth: wethIs0 }), before)).toBeCloseTo(-100, 1);

    // V2: the router's quote of the depth, applied to the reserves (the fee stays in the pair).
    const p = await pairState(pub, venues.v2.pair, block);
    const usdcIs0 = p.token0.toLowerCase() === venues.usdc.toLowerCase();
    const [rUsdc, rWeth] = usdcIs0 ? [p.reserve0, p.reserve1] : [p.reserve1, p.reserve0];
    const amountIn = BigInt(v2.depthUp100Usdc);
    const [, wethOut] = await getAmountsOut(pub, { router: venues.v2.router, amountIn, path: [venues.usdc, venues.weth], blockNumber: block });
    // At least 1 %, and the fee kept in the pair adds ~0.15 bp.
    const moved = movedBps(((rUsdc + amountIn) * 10n ** 18n) / (rWeth - wethOut!), (rUsdc * 10n ** 18n) / rWeth);
    expect(moved).toBeGreaterThanOrEqual(99.999);
    expect(moved).toBeLessThan(100.3);
  });

  it("a large swap moves the V2 mid, and its trading.prices.v1 message with the new mid arrives before the next block", async () => {
    const { test } = clients();
    // Blocks every 2 s from here, as on a real chain; a follower polls as the worker does.
    let following = true;
    const follower = (async () => {
      while (following) {
        await follow().catch((e: unknown) => log.warn({ err: e }, "follow failed"));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await test.setIntervalMining({ interval: 2 });
    try {
      const block = await sellOnV2(parseEther("15"));
      const mid = await v2Mid(block);
      expect(Number(mid) / 1e6).toBeLessThan(2700); // 15 WETH into 200: the mid falls ~13.5 %
      const started = Date.now();
      let message: (typeof received)[number] | undefined;
      while (!message && Date.now() - started < 10_000) {
        message = received.find((r) => r.envelope.payload.pool.toLowerCase() === venues.v2.pair.toLowerCase() && r.envelope.payload.blockNumber === block.toString() && passes.some((p) => p.events.some((e) => e.id === r.envelope.id)));
        if (!message) await new Promise((r) => setTimeout(r, 20));
      }
      expect(message, "no trading.prices.v1 message for the swap's block").toBeDefined();
      expect(message!.envelope.type).toBe("trading.price_updated");
      expect(message!.envelope.payload.mid).toBe(mid.toString());
      expect(message!.envelope.payload.deviationBps).toBe(deviationBps(mid, 3000n * 10n ** 6n));
      // Within one block: when it arrived, the chain was at most one block past the swap's.
      expect(message!.head).toBeLessThanOrEqual(block + 1n);
      log.info({ ms: Date.now() - started }, "price message after the swap's receipt");
      // The price history: the swap's minute closes at the new mid; over the window the pool fell from ~3,000.
      const minute = await db.marketPriceMinute.findUniqueOrThrow({ where: { chainId_pool_minute: { chainId: watch.chainId, pool: venues.v2.pair.toLowerCase(), minute: minuteOf((await pub.getBlock({ blockNumber: block })).timestamp) } } });
      expect(minute.close).toBe(mid);
      expect(minute.low).toBe(mid);
      const history = await priceHistory(db, watch.chainId);
      const v2 = history.pools.find((x) => x.pool === venues.v2.pair.toLowerCase())!;
      expect(Number(v2.open) / 1e6).toBeCloseTo(3000, 0);
      expect(v2).toMatchObject({ close: mid.toString(), low: mid.toString() });
      expect(v2.changeBps).toBeLessThan(-1000);
      expect(v2.maxDeviationBps).toBe(Math.abs(deviationBps(mid, 3000n * 10n ** 6n)));
      expect(history.points.at(-1)!.closes[venues.v2.pair.toLowerCase()]).toBe(mid.toString());
      // Kept PRICE_HISTORY_DAYS: an older minute is pruned, today's stay.
      const old = new Date(Date.now() - (PRICE_HISTORY_DAYS + 1) * 86_400_000);
      await db.marketPriceMinute.create({ data: { chainId: watch.chainId, pool: venues.v2.pair.toLowerCase(), minute: old, venue: "uniswap-v2", pair: "WETH/USDC", open: mid, high: mid, low: mid, close: mid, oracle: mid, maxDeviationBps: 0, snapshots: 1 } });
      expect(await prunePriceHistory(db, watch.chainId)).toBe(1);
      expect(await db.marketPriceMinute.count({ where: { chainId: watch.chainId } })).toBeGreaterThanOrEqual(2);
    } finally {
      following = false;
      await follower;
      await test.setIntervalMining({ interval: 0 });
      await test.setAutomine(true);
    }
  });

  it("a pool pushed away from its oracle: a live bot's trade is refused with ORACLE_DEVIATION; with a stale oracle, ORACLE_STALE; with USDC off its peg, STABLECOIN_DEPEG; with a USDC/USD answer at $1 two hours old, not stale (its own 24 h limit), 25 hours old, ORACLE_STALE for arbitrage and DCA alike", async () => {
    await db.$transaction([db.guardRefusal.deleteMany(), db.tradingTrade.deleteMany(), db.tradeIntent.deleteMany(), db.tradingOpportunity.deleteMany(), db.tradingBot.deleteMany(), db.treasuryControl.deleteMany()]);
    await treasuryControl(db, venues);
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxTradeUsdCents: 100_000_000, maxOracleDeviationBps: 500 } });
    const bot = await db.tradingBot.create({ data: { name: "arb-live-breaker", strategy: "cross-venue-arbitrage", mode: "LIVE", status: "RUNNING", maxTradeUsdCents: 100_000_000 } });
    const account = treasuryAccount(31337);
    const transport = http(chain.rpcUrl);
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: account.address, value: parseEther("10") });
    const signer = createWalletClient({ chain: anvil, transport, account });
    const executorTxs = async (from: bigint, to: bigint) => {
      let n = 0;
      for (let b = from; b <= to; b++) n += (await pub.getBlock({ blockNumber: b, includeTransactions: true })).transactions.filter((t) => t.to?.toLowerCase() === localDeployment.contracts.ArbExecutor.toLowerCase()).length;
      return n;
    };

    // V2 is already ~13 % under the oracle (the previous test's sale): far past 500 bps.
    const block = await sellOnV2(parseEther("1"));
    const r = await runDeskOnBlock(db, pub, venues, { blockNumber: block, thresholdUsdCents: 500, signer });
    expect(r.opportunityId).not.toBeNull();
    expect(r.refusals).toEqual([{ bot: "arb-live-breaker", reason: "ORACLE_DEVIATION" }]);
    expect(r.trades).toBe(0);
    const refusal = await db.guardRefusal.findFirstOrThrow({ where: { botId: bot.id } });
    expect(refusal.reason).toBe("ORACLE_DEVIATION");
    // The guard and market data say the same deviation of the same pool at that block.
    await follow();
    const snapshot = await db.marketPoolSnapshot.findUniqueOrThrow({ where: { chainId_pool: { chainId: watch.chainId, pool: venues.v2.pair.toLowerCase() } } });
    expect(snapshot.blockNumber).toBe(block);
    expect(refusal.detail).toBe(`pool ${venues.v2.pair} is ${snapshot.deviationBps} bps from the oracle, past the 500 bps limit`);
    expect(await db.tradeIntent.count({ where: { botId: bot.id } })).toBe(0);
    expect(await executorTxs(block, await pub.getBlockNumber({ cacheTime: 0 }))).toBe(0);

    // The limit wide open, but the feed's last round two hours old: refused as stale.
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxOracleDeviationBps: 10_000 } });
    const now = (await pub.getBlock()).timestamp;
    const { wallet } = clients();
    const staleBlock = (await wait(await wallet.writeContract({ address: localDeployment.contracts.ETH_USD, abi: priceFeedAbi, functionName: "setRound", args: [parseUnits("3000", 8), now - 7_200n] }))).blockNumber;
    const stale = await runDeskOnBlock(db, pub, venues, { blockNumber: staleBlock, thresholdUsdCents: 500, signer });
    expect(stale.refusals).toEqual([{ bot: "arb-live-breaker", reason: "ORACLE_STALE" }]);
    expect(await db.tradingTrade.count({ where: { botId: bot.id } })).toBe(0);
    // Market data saw the new round: every pool re-described with the oracle's age.
    const pass = await follow();
    expect(pass!.events.map((e) => e.payload.venue).sort()).toEqual(["uniswap-v2", "uniswap-v3"]);
    expect(pass!.events.every((e) => e.payload.oracleAgeSeconds >= 7_200)).toBe(true);

    // A fresh answer again, for what follows.
    await wait(await wallet.writeContract({ address: localDeployment.contracts.ETH_USD, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits("3000", 8)] }));

    // USDC off its peg on its own feed ($0.95): every trade refused, the pools' deviation aside.
    const depegBlock = (await wait(await wallet.writeContract({ address: localDeployment.contracts.USDC_USD, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits("0.95", 8)] }))).blockNumber;
    const depeg = await runDeskOnBlock(db, pub, venues, { blockNumber: depegBlock, thresholdUsdCents: 500, signer });
    expect(depeg.refusals).toEqual([{ bot: "arb-live-breaker", reason: "STABLECOIN_DEPEG" }]);
    expect((await db.guardRefusal.findFirstOrThrow({ where: { botId: bot.id, reason: "STABLECOIN_DEPEG" } })).detail).toBe("USDC is -500 bps from $1 on its feed, past the 200 bps limit");
    expect(await db.tradingTrade.count({ where: { botId: bot.id } })).toBe(0);

    // USDC at $1 again with its feed's last round two hours old: within the stablecoin feeds' own
    // 24 h limit (USDC/USD's heartbeat), so not stale; the pool's deviation (limit 500 again) refuses.
    await wait(await wallet.writeContract({ address: localDeployment.contracts.USDC_USD, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits("1", 8)] }));
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxOracleDeviationBps: 500 } });
    const twoHoursBlock = (await wait(await wallet.writeContract({ address: localDeployment.contracts.USDC_USD, abi: priceFeedAbi, functionName: "setRound", args: [parseUnits("1", 8), (await pub.getBlock()).timestamp - 7_200n] }))).blockNumber;
    const twoHours = await runDeskOnBlock(db, pub, venues, { blockNumber: twoHoursBlock, thresholdUsdCents: 500, signer });
    expect(twoHours.refusals).toEqual([{ bot: "arb-live-breaker", reason: "ORACLE_DEVIATION" }]);

    // Its last round 25 hours old: an old answer could hide a depeg, so every trade is refused as
    // stale, the arbitrage bot's and a DCA bot's, naming the USDC feed and its own limit.
    const dca = await db.tradingBot.create({ data: { name: "dca-paper-breaker", strategy: "dca", mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 10_000, dcaAmountUsdCents: 10_000, everySeconds: 3_600 } });
    const usdcRoundAt = (await pub.getBlock()).timestamp - 90_000n;
    const usdcStaleBlock = (await wait(await wallet.writeContract({ address: localDeployment.contracts.USDC_USD, abi: priceFeedAbi, functionName: "setRound", args: [parseUnits("1", 8), usdcRoundAt] }))).blockNumber;
    const usdcStale = await runDeskOnBlock(db, pub, venues, { blockNumber: usdcStaleBlock, thresholdUsdCents: 500, signer });
    const scheduled = await runScheduledBots(db, pub, venues, { blockNumber: usdcStaleBlock, signer });
    expect(usdcStale.refusals).toEqual([{ bot: "arb-live-breaker", reason: "ORACLE_STALE" }]);
    expect(scheduled).toEqual({ trades: 0, pending: 0, refusals: [{ bot: "dca-paper-breaker", reason: "ORACLE_STALE" }] });
    const age = (await pub.getBlock({ blockNumber: usdcStaleBlock })).timestamp - usdcRoundAt;
    const details = await db.guardRefusal.findMany({ where: { reason: "ORACLE_STALE", botId: { in: [bot.id, dca.id] }, OR: [{ period: { not: null } }, { opportunity: { blockNumber: usdcStaleBlock } }] }, select: { detail: true } });
    expect(details.map((d) => d.detail)).toEqual([`the USDC/USD oracle is ${age} s old, over the 86400 s limit`, `the USDC/USD oracle is ${age} s old, over the 86400 s limit`]);
    expect(await db.tradingTrade.count()).toBe(0);
    await db.tradingBot.update({ where: { id: dca.id }, data: { status: "STOPPED" } });
    await wait(await wallet.writeContract({ address: localDeployment.contracts.USDC_USD, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits("1", 8)] }));
  });

  it("a follower restarted resumes at its stored block: every pool's move while it was down is published once, nothing twice", async () => {
    await follow();
    const stored = await db.marketCursor.findUniqueOrThrow({ where: { chainId: watch.chainId } });
    // Down for a while: swaps on both venues, and a block with no swap at all.
    const moves: { pool: Address; block: bigint }[] = [];
    moves.push({ pool: venues.v3.pool, block: await buyOnV3(50_000n * 10n ** 6n) });
    moves.push({ pool: venues.v2.pair, block: await sellOnV2(parseEther("5")) });
    await clients().test.mine({ blocks: 1 });
    moves.push({ pool: venues.v3.pool, block: await buyOnV3(20_000n * 10n ** 6n) });
    moves.push({ pool: venues.v2.pair, block: await sellOnV2(parseEther("1")) });
    const head = await pub.getBlockNumber({ cacheTime: 0 });

    // "Restarted": a new pass with nothing but the database to go on.
    const resumed = await follow();
    expect(resumed!.from).toBe(stored.lastBlock + 1n);
    expect(resumed!.to).toBe(head);
    const published = resumed!.events.map((e) => ({ pool: e.payload.pool.toLowerCase(), block: BigInt(e.payload.blockNumber) }));
    expect(published).toEqual(moves.map((m) => ({ pool: m.pool.toLowerCase(), block: m.block })));
    // Each with the pool's mid at that very block.
    for (const e of resumed!.events) {
      const at = BigInt(e.payload.blockNumber);
      expect(e.payload.mid).toBe((e.payload.venue === "uniswap-v2" ? await v2Mid(at) : await v3Mid(at)).toString());
    }
    expect(await follow()).toBeNull();

    // The large swaps among the moves (≥ $10,000: the 50,000 and 20,000 USDC buys, the 5 WETH sale;
    // not the 1 WETH sale, ~$2,600), each recorded once with the pool's signed deltas.
    expect(resumed!.largeSwaps).toBe(3);
    const mine = { chainId: watch.chainId, recipient: whale.address.toLowerCase(), blockNumber: { gt: stored.lastBlock, lte: head } };
    const large = await db.largeSwap.findMany({ where: mine, orderBy: { blockNumber: "asc" } });
    expect(large.map((x) => ({ venue: x.venue, block: x.blockNumber }))).toEqual([
      { venue: "uniswap-v3", block: moves[0]!.block },
      { venue: "uniswap-v2", block: moves[1]!.block },
      { venue: "uniswap-v3", block: moves[2]!.block },
    ]);
    expect(large[0]!.usdcDelta.toFixed(0)).toBe((50_000n * 10n ** 6n).toString()); // the pool received the USDC
    expect(large[0]!.wethDelta.isNegative()).toBe(true);
    expect(large[0]!.valueUsdCents).toBe(5_000_000n);
    expect(large[1]!.wethDelta.toFixed(0)).toBe(parseEther("5").toString());
    expect(large[1]!.recipient).toBe(whale.address.toLowerCase());

    // Over the whole file: never two events for one pool at one block.
    const all = passes.flatMap((p) => p.events.map((e) => `${e.payload.pool.toLowerCase()}@${e.payload.blockNumber}`));
    expect(new Set(all).size).toBe(all.length);
    const outbox = await db.outboxEvent.findMany({ where: { id: { in: passes.flatMap((p) => p.events.map((e) => e.id)) } }, select: { id: true } });
    expect(outbox).toHaveLength(all.length);
    // And they reach Kafka.
    for (const e of resumed!.events) await arrived(e.id);

    // Read again (a follower set back to the stored block), the same swap logs record nothing new.
    await db.marketCursor.update({ where: { chainId: watch.chainId }, data: { lastBlock: stored.lastBlock, lastBlockHash: stored.lastBlockHash } });
    const again = await followMarket(db, pub, watch);
    expect(again!.largeSwaps).toBe(3);
    expect(await db.largeSwap.count({ where: mine })).toBe(3);
  });
});
