import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseEther, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import { createDb } from "@/lib/db/client";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { amountOutV2, getAmountsOut, pairState, swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { localWethUsdc } from "@/lib/defi/venues";
import { deployDefiContracts, localAccount, WHALE_INDEX } from "../chain/defi-contracts";
import { deployLocalContracts } from "../chain/local-contracts";
import * as kafka from "../infra/kafka";
import * as postgres from "../infra/postgres";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "../testing/run-database";
import { startPrivateAnvil } from "../testing/private-anvil";
import { fmt, percentile, waitForWorkerHealth } from "./support";

/**
 * `npm run bench:trading`: the treasury desk's speed on a private anvil with the venues deployed
 * (Uniswap V3 + V2 from their npm artifacts) and its own database, running the real `trading`
 * worker process (new blocks by subscription; its clock every TRADING_POLL_MS, default 2,000 ms).
 *
 * 1. Gap → opportunity: a whale's swap on V2 opens a gap (alternately selling and buying WETH, so
 *    the price swings around 3000); timed from the swap's send (anvil mines it at once, so this is
 *    an upper bound on mined → recorded) until the opportunity row and its outbox event are
 *    committed, and until market data's snapshot of V2 at that block is (trading.prices.v1).
 * 2. Quotes per second per venue: QuoterV2 (an eth_call each) and Router02.getAmountsOut, one at a
 *    time and 8 in flight, and V2's own pair maths (pure, what the detector uses between calls).
 *
 * Prints figures and asserts nothing. BENCH_TRADING_GAPS gaps (default 20); about a minute.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GAPS = Number(process.env.BENCH_TRADING_GAPS ?? 20);
const WORKER_PORT = 9791;
const QUOTE_SECONDS = 4;

async function main() {
  for (const s of [postgres, kafka]) {
    const status = await s.start();
    if (!status.ok) throw new Error(`${s.name} is ${status.state}`);
  }
  const chain = await startPrivateAnvil();
  const run = runResources("test");
  await createMigratedDatabase(run.databaseUrl);
  const db = createDb(run.databaseUrl, 4);
  const venues = localWethUsdc();
  const transport = http(chain.rpcUrl);
  const pub = createPublicClient({ chain: anvil, transport }) as PublicClient;
  const whale = localAccount(WHALE_INDEX);
  const wallet = createWalletClient({ chain: anvil, transport, account: whale });
  const wait = async (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 10 });
  let worker: ReturnType<typeof spawn> | undefined;
  try {
    const started = performance.now();
    const local = await deployLocalContracts(chain.rpcUrl);
    await deployDefiContracts(chain.rpcUrl, local.contracts);
    console.log(`venues deployed on a private anvil in ${fmt((performance.now() - started) / 1000)} s`);

    // The whale, funded and approved once, so each gap is one transaction (one block).
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: whale.address, value: parseEther("100000") });
    await wait(await wallet.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: parseEther("5000") }));
    await wait(await wallet.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [whale.address, 100_000_000n * 10n ** 6n] }));
    for (const token of [venues.weth, venues.usdc]) await wait(await wallet.writeContract({ address: token, abi: erc20Abi, functionName: "approve", args: [venues.v2.router, maxUint256] }));

    worker = spawn(process.execPath, ["--import", "tsx", "workers/run.ts", "trading"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DATABASE_URL: run.databaseUrl, CHAIN_RPC_URL: chain.rpcUrl, KAFKA_TOPIC_PREFIX: run.topicPrefix, WORKER_HTTP_PORT: String(WORKER_PORT), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn", SERVICE_NAME: "trading" },
    });
    await waitForWorkerHealth(WORKER_PORT, "the trading worker");
    // A running paper bot, so each opportunity also goes through the guard and records a fill.
    await db.tradingBot.create({ data: { name: "bench-paper", strategy: "cross-venue-arbitrage", mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 1_000_000 } });

    const toOpportunity: number[] = [];
    const toPrice: number[] = [];
    let missed = 0;
    for (let i = -2; i < GAPS; i++) {
      // V2 swings between ~2820 and ~3180 USDC per ETH against V3's 3000: sell 6 WETH first, then
      // alternately buy with 36,000 USDC and sell 12 WETH, so every swap opens a ~6 % gap.
      const sell = i % 2 === 0;
      const path = sell ? ([venues.weth, venues.usdc] as const) : ([venues.usdc, venues.weth] as const);
      const amountIn = sell ? parseEther(i === -2 ? "6" : "12") : 36_000n * 10n ** 6n;
      const [, quoted] = await getAmountsOut(pub, { router: venues.v2.router, amountIn, path });
      const deadline = (await pub.getBlock()).timestamp + 600n;
      const sent = performance.now();
      const hash = await swapExactTokensForTokens(wallet, { router: venues.v2.router, amountIn, quotedOut: quoted!, slippageBps: 100, path, deadline });
      const block = (await wait(hash)).blockNumber;
      let opportunityAt: number | undefined;
      let priceAt: number | undefined;
      while ((opportunityAt === undefined || priceAt === undefined) && performance.now() - sent < 10_000) {
        const [opportunity, price] = await Promise.all([
          opportunityAt === undefined ? db.tradingOpportunity.findFirst({ where: { blockNumber: block }, select: { id: true } }) : null,
          priceAt === undefined ? db.marketPoolSnapshot.findFirst({ where: { pool: venues.v2.pair.toLowerCase(), blockNumber: { gte: block } }, select: { pool: true } }) : null,
        ]);
        if (opportunity) opportunityAt = performance.now() - sent;
        if (price) priceAt = performance.now() - sent;
        await new Promise((r) => setTimeout(r, 5));
      }
      if (i < 0) {
        console.log(`  warm-up gap: opportunity ${opportunityAt === undefined ? "none" : `${fmt(opportunityAt, 0)} ms`}, price ${priceAt === undefined ? "none" : `${fmt(priceAt, 0)} ms`} (not counted)`);
        continue;
      }
      if (opportunityAt === undefined) missed += 1;
      else toOpportunity.push(opportunityAt);
      if (priceAt !== undefined) toPrice.push(priceAt);
      await new Promise((r) => setTimeout(r, 97)); // spread the swaps over the worker's polling cycle
    }
    const trades = await db.tradingTrade.count();
    toOpportunity.sort((a, b) => a - b);
    toPrice.sort((a, b) => a - b);
    console.log(`\ngap → opportunity recorded (row + trading.opportunities.v1 outbox event), ${GAPS} gaps, new blocks by subscription (clock ${process.env.TRADING_POLL_MS ?? 2000} ms):`);
    console.log(`  p50 ${fmt(percentile(toOpportunity, 50), 0)} ms   p95 ${fmt(percentile(toOpportunity, 95), 0)} ms   max ${fmt(toOpportunity.at(-1) ?? Number.NaN, 0)} ms   (${missed} gaps without an opportunity; ${trades} paper fills)`);
    console.log(`gap → V2 price snapshot (trading.prices.v1 outbox event):`);
    console.log(`  p50 ${fmt(percentile(toPrice, 50), 0)} ms   p95 ${fmt(percentile(toPrice, 95), 0)} ms   max ${fmt(toPrice.at(-1) ?? Number.NaN, 0)} ms`);

    // The worker off, so the quotes have the chain to themselves.
    worker.kill("SIGTERM");
    await new Promise((r) => worker!.once("exit", r));
    worker = undefined;

    const block = await pub.getBlockNumber();
    const v3 = () => quoteExactInputSingle(pub, { quoter: venues.v3.quoter, tokenIn: venues.usdc, tokenOut: venues.weth, fee: venues.v3.fee, amountIn: 10_000n * 10n ** 6n, blockNumber: block });
    const v2 = () => getAmountsOut(pub, { router: venues.v2.router, amountIn: 10_000n * 10n ** 6n, path: [venues.usdc, venues.weth], blockNumber: block });
    const reserves = await pairState(pub, venues.v2.pair, block);
    console.log(`\nquotes per second (10,000 USDC → WETH, pinned to block ${block}, ${QUOTE_SECONDS} s each):`);
    for (const [venue, quote] of [["uniswap-v3 QuoterV2", v3], ["uniswap-v2 Router02.getAmountsOut", v2]] as const) {
      const one = await quotesPerSecond(quote, 1);
      const eight = await quotesPerSecond(quote, 8);
      console.log(`  ${venue.padEnd(36)} ${fmt(one, 0).padStart(6)} /s one at a time   ${fmt(eight, 0).padStart(6)} /s 8 in flight`);
    }
    const pure = await quotesPerSecond(async () => amountOutV2(10_000n * 10n ** 6n, reserves.reserve1, reserves.reserve0), 1, 1);
    console.log(`  ${"uniswap-v2 pair maths (no RPC)".padEnd(36)} ${fmt(pure, 0).padStart(6)} /s`);
  } finally {
    if (worker) {
      worker.kill("SIGTERM");
      await new Promise((r) => worker!.once("exit", r));
    }
    await db.$disconnect();
    await chain.stop();
    await dropRunDatabase(run.databaseUrl);
    await deleteRunTopics(run.topicPrefix);
  }
}

async function quotesPerSecond(quote: () => Promise<unknown>, inFlight: number, seconds = QUOTE_SECONDS): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      await quote();
      done += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  return done / ((performance.now() - started) / 1000);
}


main().catch((error: unknown) => {
  console.error(`bench:trading failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
