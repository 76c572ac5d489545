import { describe, expect, it } from "vitest";
import { createTestClient, http, type Hex } from "viem";
import { anvil } from "viem/chains";
import { erc20Abi } from "@/lib/defi/abis";
import { localWethUsdc } from "@/lib/defi/venues";
import { periodOf } from "@/lib/trading/scheduled";
import { deskChainForFile, deskWorkerEnv, killWithIntentSent, readyTreasury, transactionsTo } from "./desk-chain";
import { killWorker, sleep, startWorker, waitFor } from "./harness";

/**
 * A live DCA bot's swap when the trading worker dies (SIGKILL) with it signed and stored as the
 * period's intent, not yet recorded. To make it the worst case, the swap is then taken out of the
 * node's mempool, as if the worker had died between storing and sending it. The restarted worker
 * must send the same signed bytes again rather than sign a second swap for the period: once the
 * block comes, the period has one trade, its intent MINED, one swap from the treasury on chain,
 * and the treasury's WETH grew by exactly the trade's amountOut.
 */

const WEEK = 7 * 24 * 3600; // one period for the whole test (the longest a bot may wait)
const deskChain = deskChainForFile();
const venues = localWethUsdc();

describe("trading worker killed mid-swap of a scheduled bot", () => {
  it("trades the period once: the restarted desk re-sends the stored swap instead of signing another", async () => {
    const desk = deskChain();
    const { run, chain, pub } = desk;
    const { db } = run;
    const test = createTestClient({ chain: anvil, transport: http(chain.rpcUrl), mode: "anvil" });
    const routers = [venues.v3.router, venues.v2.router];
    const treasury = await readyTreasury(desk, routers);
    const wethOf = () => pub.readContract({ address: venues.weth, abi: erc20Abi, functionName: "balanceOf", args: [treasury.address], blockTag: "latest" });
    const wethBefore = await wethOf();
    const start = await pub.getBlockNumber({ cacheTime: 0 });
    const bot = await db.tradingBot.create({ data: { name: "dca-live-crash", strategy: "dca", mode: "LIVE", status: "RUNNING", maxTradeUsdCents: 100_000, dcaAmountUsdCents: 100_000, everySeconds: WEEK } });
    const period = periodOf(new Date(), WEEK);
    await test.setAutomine(false);

    const intent = await killWithIntentSent(desk, bot.id);
    expect(intent).toMatchObject({ status: "SIGNED", period, tokenIn: venues.usdc, tokenOut: venues.weth });
    expect(await db.tradingTrade.count()).toBe(0);
    await test.dropTransaction({ hash: intent.txHash as Hex });
    expect(await pub.getTransaction({ hash: intent.txHash as Hex }).catch(() => null)).toBeNull();

    // Restarted on the same head: it finds the intent SIGNED and unknown to the node, its deadline
    // ahead and its nonce free, and sends the same bytes again; the bot signs nothing new.
    const second = await startWorker(run, "trading", { env: deskWorkerEnv(chain) });
    await waitFor("the stored swap to be sent again", 30_000, async () => (await pub.getTransaction({ hash: intent.txHash as Hex }).catch(() => null)) !== null);
    await sleep(1_000); // ten polls with the intent open
    expect(await db.tradeIntent.count()).toBe(1);
    expect(await pub.getTransactionCount({ address: treasury.address, blockTag: "pending" })).toBe(intent.nonce + 1);
    await test.mine({ blocks: 1 });
    await waitFor("the swap to be recorded", 30_000, async () => (await db.tradingTrade.count()) === 1);
    // More blocks in the same period: nothing else is traded.
    await test.setAutomine(true);
    for (let i = 0; i < 3; i++) await test.mine({ blocks: 1 });
    await sleep(1_000);
    await killWorker(second, "SIGTERM");

    const trades = await db.tradingTrade.findMany();
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ botId: bot.id, period, mode: "LIVE", txHash: intent.txHash, tokenIn: venues.usdc, tokenOut: venues.weth, amountIn: "1000000000" });
    expect((await db.tradeIntent.findUniqueOrThrow({ where: { id: intent.id } })).status).toBe("MINED");
    // One swap from the treasury on chain, the stored one; and its WETH grew by what was recorded.
    const swaps = await transactionsTo(pub, start, routers);
    expect(swaps.map((t) => [t.hash, t.from.toLowerCase()])).toEqual([[intent.txHash, treasury.address.toLowerCase()]]);
    const bought = (await wethOf()) - wethBefore;
    expect(bought).toBeGreaterThan(0n);
    expect(BigInt(trades[0]!.amountOut)).toBe(bought);
  }, 120_000);
});
