import { describe, expect, it } from "vitest";
import { createTestClient, createWalletClient, http, maxUint256, parseEther } from "viem";
import { anvil } from "viem/chains";
import { localDeployment } from "@/lib/chain/deployments.local";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { getAmountsOut, swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { localWethUsdc } from "@/lib/defi/venues";
import { treasuryControl } from "@/lib/trading/desk";
import { localAccount, WHALE_INDEX } from "../../chain/defi-contracts";
import { deskChainForFile, deskWorkerEnv, killWithIntentSent, readyTreasury, transactionsTo } from "./desk-chain";
import { killWorker, startWorker, waitFor } from "./harness";

/**
 * The trading worker dies (SIGKILL) in the middle of a live trade: the trade is signed, stored as
 * an intent and sent, but not mined yet (the private chain mines only when the test says so). The
 * restarted worker must not trade the opportunity again: once the block comes, exactly one
 * executor transaction is on chain and exactly one trade is recorded, with the P&L the receipt shows.
 */

const deskChain = deskChainForFile();
const venues = localWethUsdc();

describe("trading worker killed mid-trade", () => {
  it("trades the opportunity once: the restarted desk finishes the stored intent instead of trading again", async () => {
    const desk = deskChain();
    const { run, chain, pub } = desk;
    const { db } = run;
    const transport = http(chain.rpcUrl);
    const test = createTestClient({ chain: anvil, transport, mode: "anvil" });
    const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });

    const treasury = await readyTreasury(desk, [localDeployment.contracts.ArbExecutor]);
    await treasuryControl(db, venues);
    // The 0.3 % pool off the allowlist: once this trade closes the gap between V2 and the 0.05 % pool,
    // V2 still stands apart from the untouched 0.3 % pool, a second, rightful trade this test is not about.
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxTradeUsdCents: 100_000_000, allowedPools: [venues.v3.pool, venues.v2.pair].map((a) => a.toLowerCase()) } });
    const bot = await db.tradingBot.create({ data: { name: "arb-live-crash", strategy: "cross-venue-arbitrage", mode: "LIVE", status: "RUNNING", maxTradeUsdCents: 100_000_000 } });

    // A whale opens a gap; from then on blocks come only when the test mines them.
    const whale = localAccount(WHALE_INDEX);
    await test.setBalance({ address: whale.address, value: parseEther("1000") });
    const wallet = createWalletClient({ chain: anvil, transport, account: whale });
    await wait(await wallet.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: parseEther("10") }));
    await wait(await wallet.writeContract({ address: venues.weth, abi: erc20Abi, functionName: "approve", args: [venues.v2.router, maxUint256] }));
    const path = [venues.weth, venues.usdc] as const;
    const [, quoted] = await getAmountsOut(pub, { router: venues.v2.router, amountIn: parseEther("10"), path });
    const now = (await pub.getBlock()).timestamp;
    const gapBlock = (await wait(await swapExactTokensForTokens(wallet, { router: venues.v2.router, amountIn: parseEther("10"), quotedOut: quoted!, slippageBps: 50, path, deadline: now + 300n }))).blockNumber;
    await test.setAutomine(false);

    const intent = await killWithIntentSent(desk, bot.id);
    expect(intent.status).toBe("SIGNED");
    expect(await db.tradingTrade.count()).toBe(0);

    // Restarted on the same head: the open intent holds the bot back (no second signature).
    const second = await startWorker(run, "trading", { env: deskWorkerEnv(chain) });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await db.tradeIntent.count()).toBe(1);
    await test.mine({ blocks: 1 });
    await waitFor("the trade to be recorded", 60_000, async () => (await db.tradingTrade.count()) === 1);
    await test.setAutomine(true);
    // A few more blocks: nothing else is traded (the gap is closed, the intent settled).
    for (let i = 0; i < 3; i++) await test.mine({ blocks: 1 });
    await new Promise((r) => setTimeout(r, 1_500));
    await killWorker(second, "SIGTERM");

    const trades = await db.tradingTrade.findMany();
    expect(trades).toHaveLength(1);
    expect(trades[0]!.txHash).toBe(intent.txHash);
    expect((await db.tradeIntent.findUniqueOrThrow({ where: { id: intent.id } })).status).toBe("MINED");
    expect((await transactionsTo(pub, gapBlock, [localDeployment.contracts.ArbExecutor])).map((t) => t.hash)).toEqual([intent.txHash]);
    // What was recorded is what the chain did: the treasury's USDC change in that block, less gas.
    const receipt = await pub.getTransactionReceipt({ hash: intent.txHash as `0x${string}` });
    const usdcOf = (blockNumber: bigint) => pub.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [treasury.address], blockNumber });
    const change = (await usdcOf(receipt.blockNumber)) - (await usdcOf(receipt.blockNumber - 1n));
    expect(change).toBeGreaterThan(0n);
    expect(BigInt(trades[0]!.amountOut) - BigInt(trades[0]!.amountIn)).toBe(change);
  }, 240_000);
});
