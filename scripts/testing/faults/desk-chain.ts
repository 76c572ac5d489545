import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseEther, type Address, type Hex, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { afterAll, beforeAll } from "vitest";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import type { TradeIntent } from "@/lib/db/generated/client.ts";
import { erc20Abi } from "@/lib/defi/abis";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { localWethUsdc } from "@/lib/defi/venues";
import { deployDefiContracts } from "../../chain/defi-contracts";
import { deployLocalContracts } from "../../chain/local-contracts";
import { kafkaConfig } from "../../infra/kafka";
import { startPrivateAnvil, type PrivateAnvil } from "../private-anvil";
import { createFaultRun, killWorker, startWorker, waitFor, type FaultRun } from "./harness";

export type DeskChain = { run: FaultRun; chain: PrivateAnvil; pub: PublicClient };

/**
 * What the treasury desk's fault tests start from: a fault run (own database and topics) and a
 * private anvil with the payment and DeFi contracts at their committed addresses; the chain stops
 * with the run's cleanup.
 */
export async function startDeskChain(): Promise<DeskChain> {
  const run = await createFaultRun(kafkaConfig().brokers);
  const chain = await startPrivateAnvil();
  run.onCleanup(() => chain.stop());
  const pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  const local = await deployLocalContracts(chain.rpcUrl);
  await deployDefiContracts(chain.rpcUrl, local.contracts);
  return { run, chain, pub };
}

/** A desk chain for a test file: started before its tests, cleaned up after them (the getter is for inside a test). */
export function deskChainForFile(): () => DeskChain {
  let desk: DeskChain | undefined;
  beforeAll(async () => {
    desk = await startDeskChain();
  }, 180_000);
  afterAll(async () => {
    await desk?.run.cleanup();
  });
  return () => {
    if (!desk) throw new Error("the desk chain did not start");
    return desk;
  };
}

/**
 * The treasury able to trade without sending anything first (the desk's own top-ups would wait for
 * blocks the test holds back): ETH for gas, 10M USDC, and `spenders` allowed to pull its USDC.
 */
export async function readyTreasury({ chain, pub }: DeskChain, spenders: Address[]) {
  const transport = http(chain.rpcUrl);
  const treasury = treasuryAccount(31337);
  await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: treasury.address, value: parseEther("10") });
  const signer = createWalletClient({ chain: anvil, transport, account: treasury });
  const wait = (hash: Hex) => pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  await wait(await signer.writeContract({ address: localWethUsdc().usdc, abi: testStablecoinAbi, functionName: "mint", args: [treasury.address, 10_000_000_000_000n] }));
  for (const spender of spenders) await wait(await signer.writeContract({ address: localWethUsdc().usdc, abi: erc20Abi, functionName: "approve", args: [spender, maxUint256] }));
  return treasury;
}

/** The trading worker's environment against the private chain (polling every 100 ms). */
export const deskWorkerEnv = (chain: PrivateAnvil) => ({ CHAIN_ID: "31337", CHAIN_RPC_URL: chain.rpcUrl, TRADING_POLL_MS: "100", TRADING_MIN_PROFIT_USD_CENTS: "500" });

/**
 * Starts the trading worker, waits until the bot's live trade is signed, stored as an intent and
 * in the node's mempool (the chain must not be mining: automine off), and SIGKILLs the worker
 * there. Returns the intent as the dead worker left it.
 */
export async function killWithIntentSent({ run, chain, pub }: DeskChain, botId: string): Promise<TradeIntent> {
  const worker = await startWorker(run, "trading", { env: deskWorkerEnv(chain) });
  await waitFor("the live trade to be sent", 60_000, async () => {
    const intent = await run.db.tradeIntent.findFirst({ where: { botId } });
    return intent !== null && (await pub.getTransaction({ hash: intent.txHash as Hex }).catch(() => null)) !== null;
  });
  await killWorker(worker, "SIGKILL");
  return run.db.tradeIntent.findFirstOrThrow({ where: { botId } });
}

/** The transactions to any of `to` mined after block `after`, up to the head. */
export async function transactionsTo(pub: PublicClient, after: bigint, to: Address[]) {
  const targets = new Set(to.map((a) => a.toLowerCase()));
  const head = await pub.getBlockNumber({ cacheTime: 0 });
  const found = [];
  for (let b = after + 1n; b <= head; b++) {
    const block = await pub.getBlock({ blockNumber: b, includeTransactions: true });
    found.push(...block.transactions.filter((t) => t.to !== null && targets.has(t.to.toLowerCase())));
  }
  return found;
}
