import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, createWalletClient, http, maxUint256, parseEther, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { getAmountsOut, swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { localWethUsdc } from "@/lib/defi/venues";
import { treasuryControl } from "@/lib/trading/desk";
import { localAccount, WHALE_INDEX } from "../../chain/defi-contracts";
import type { PrivateAnvil } from "../private-anvil";
import { startDeskChain } from "./desk-chain";
import { killWorker, startWorker, waitFor, type FaultRun } from "./harness";

/**
 * The trading worker dies (SIGKILL) in the middle of a live trade: the trade is signed, stored as
 * an intent and sent, but not mined yet (the private chain mines only when the test says so). The
 * restarted worker must not trade the opportunity again: once the block comes, exactly one
 * executor transaction is on chain and exactly one trade is recorded, with the P&L the receipt shows.
 */

let run: FaultRun;
let chain: PrivateAnvil;
let pub: PublicClient;
const venues = localWethUsdc();

beforeAll(async () => {
  ({ run, chain, pub } = await startDeskChain());
}, 180_000);
afterAll(async () => {
  await run?.cleanup();
});

describe("trading worker killed mid-trade", () => {
  it("trades the opportunity once: the restarted desk finishes the stored intent instead of trading again", async () => {
    const { db } = run;
    const transport = http(chain.rpcUrl);
    const test = createTestClient({ chain: anvil, transport, mode: "anvil" });
    const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });

    // The treasury with gas, stake and allowance (the desk's top-ups would need blocks).
    const treasury = treasuryAccount(31337);
    await test.setBalance({ address: treasury.address, value: parseEther("10") });
    const signer = createWalletClient({ chain: anvil, transport, account: treasury });
    await wait(await signer.writeContract({ address: venues.usdc, abi: testStablecoinAbi, functionName: "mint", args: [treasury.address, 10_000_000_000_000n] }));
    await wait(await signer.writeContract({ address: venues.usdc, abi: erc20Abi, functionName: "approve", args: [localDeployment.contracts.ArbExecutor, maxUint256] }));
    await treasuryControl(db, venues);
    await db.treasuryControl.update({ where: { id: 1 }, data: { maxTradeUsdCents: 100_000_000 } });
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

    const env = { CHAIN_ID: "31337", CHAIN_RPC_URL: chain.rpcUrl, TRADING_POLL_MS: "100", TRADING_MIN_PROFIT_USD_CENTS: "500" };
    const first = await startWorker(run, "trading", { env });
    // The trade is signed, stored and sent; it waits in the mempool for a block that does not come.
    await waitFor("the live trade to be sent", 60_000, async () => {
      const intent = await db.tradeIntent.findFirst({ where: { botId: bot.id } });
      return intent !== null && (await pub.getTransaction({ hash: intent.txHash as `0x${string}` }).catch(() => null)) !== null;
    });
    await killWorker(first, "SIGKILL");
    const intent = await db.tradeIntent.findFirstOrThrow({ where: { botId: bot.id } });
    expect(intent.status).toBe("SIGNED");
    expect(await db.tradingTrade.count()).toBe(0);

    // Restarted on the same head: the open intent holds the bot back (no second signature).
    const second = await startWorker(run, "trading", { env });
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
    const head = await pub.getBlockNumber({ cacheTime: 0 });
    let executions = 0;
    for (let b = gapBlock + 1n; b <= head; b++) {
      const block = await pub.getBlock({ blockNumber: b, includeTransactions: true });
      executions += block.transactions.filter((t) => t.to?.toLowerCase() === localDeployment.contracts.ArbExecutor.toLowerCase()).length;
    }
    expect(executions).toBe(1);
    // What was recorded is what the chain did: the treasury's USDC change in that block, less gas.
    const receipt = await pub.getTransactionReceipt({ hash: intent.txHash as `0x${string}` });
    const usdcOf = (blockNumber: bigint) => pub.readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [treasury.address], blockNumber });
    const change = (await usdcOf(receipt.blockNumber)) - (await usdcOf(receipt.blockNumber - 1n));
    expect(change).toBeGreaterThan(0n);
    expect(BigInt(trades[0]!.amountOut) - BigInt(trades[0]!.amountIn)).toBe(change);
  }, 240_000);
});
