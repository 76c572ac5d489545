import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, createWalletClient, http, maxUint256, parseEther, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { getAmountsOut, swapExactTokensForTokens } from "@/lib/defi/uniswap-v2/client";
import { localWethUsdc } from "@/lib/defi/venues";
import { localAccount, WHALE_INDEX } from "../../chain/defi-contracts";
import type { PrivateAnvil } from "../private-anvil";
import { startDeskChain } from "./desk-chain";
import { killWorker, startWorker, waitFor, type FaultRun } from "./harness";

/**
 * The trading worker's market data, killed (SIGKILL) and restarted while the pools keep trading:
 * the restarted worker resumes at the block it stored, so every block in which V2 traded — before,
 * during and after the outage — has exactly one trading.price_updated event, none is missing and
 * none is written twice.
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

describe("market data across a worker crash", () => {
  it("resumes at its stored block: one price event per block that moved the pool, no gap, no duplicate", async () => {
    const { db } = run;
    const transport = http(chain.rpcUrl);
    const wait = (hash: `0x${string}`) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    const whale = localAccount(WHALE_INDEX);
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: whale.address, value: parseEther("1000") });
    const wallet = createWalletClient({ chain: anvil, transport, account: whale });
    await wait(await wallet.writeContract({ address: venues.weth, abi: weth9Abi, functionName: "deposit", value: parseEther("50") }));
    await wait(await wallet.writeContract({ address: venues.weth, abi: erc20Abi, functionName: "approve", args: [venues.v2.router, maxUint256] }));
    const swapBlocks: bigint[] = [];
    const sell = async (weth: string) => {
      const path = [venues.weth, venues.usdc] as const;
      const [, quoted] = await getAmountsOut(pub, { router: venues.v2.router, amountIn: parseEther(weth), path });
      const now = (await pub.getBlock()).timestamp;
      const receipt = await wait(await swapExactTokensForTokens(wallet, { router: venues.v2.router, amountIn: parseEther(weth), quotedOut: quoted!, slippageBps: 100, path, deadline: now + 300n }));
      swapBlocks.push(receipt.blockNumber);
      return receipt.blockNumber;
    };
    const v2Events = async () => {
      const rows = await db.outboxEvent.findMany({ where: { type: "trading.price_updated" }, select: { payload: true } });
      return rows.map((r) => r.payload as { pool: string; blockNumber: string }).filter((p) => p.pool.toLowerCase() === venues.v2.pair.toLowerCase());
    };
    const cursorAt = async (block: bigint) => ((await db.marketCursor.findUnique({ where: { chainId: 31337 } }))?.lastBlock ?? -1n) >= block;

    const env = { CHAIN_ID: "31337", CHAIN_RPC_URL: chain.rpcUrl, TRADING_POLL_MS: "100" };
    const first = await startWorker(run, "trading", { env });
    await waitFor("market data's first pass", 60_000, async () => (await db.marketCursor.count()) === 1);
    const before = await sell("2");
    await waitFor("the first swap's price", 30_000, () => cursorAt(before));
    await killWorker(first, "SIGKILL");

    // Down: three more swaps and a block without one.
    const stored = (await db.marketCursor.findUniqueOrThrow({ where: { chainId: 31337 } })).lastBlock;
    await sell("1");
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).mine({ blocks: 1 });
    await sell("1");
    await sell("3");
    const head = await pub.getBlockNumber({ cacheTime: 0 });
    expect(await cursorAt(stored + 1n)).toBe(false); // nothing moved while it was down

    const second = await startWorker(run, "trading", { env });
    await waitFor("the restarted worker to catch up", 60_000, () => cursorAt(head));
    const after = await sell("1");
    await waitFor("a swap after the restart", 30_000, () => cursorAt(after));
    await killWorker(second, "SIGTERM");

    const events = await v2Events();
    const blocks = events.map((e) => BigInt(e.blockNumber)).filter((b) => b >= before);
    // One per swap block, in order, none twice, none missing.
    expect(blocks.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(swapBlocks);
  }, 240_000);
});
