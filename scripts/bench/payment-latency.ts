import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createPublicClient, createWalletClient, http, maxUint256, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { paymentRouterAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db/client";
import { placeOrder } from "@/lib/orders/place-order";
import { readRound } from "@/lib/payments/feeds";
import { createInvoice } from "@/lib/payments/invoices";
import { seed } from "@/prisma/seed";
import { deployLocalContracts } from "../chain/local-contracts";
import * as kafka from "../infra/kafka";
import * as postgres from "../infra/postgres";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "../testing/run-database";
import { startPrivateAnvil } from "../testing/private-anvil";
import { waitForWorkerHealth } from "./support";

/**
 * The time from a mined payment to its invoice showing PROCESSING (target <= 1.5 s), for
 * `npm run bench:payments` and the last phase of `npm run bench:orders`. Runs the real
 * payment-watcher worker process (default 250 ms polling) against a private anvil and its own
 * database, pays `count` invoices in USDC one after another and times each from the moment the
 * payment transaction is sent (anvil mines it at once, so this is an upper bound on mined →
 * PROCESSING) until the invoice row says PROCESSING. Removes all it made.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WORKER_PORT = 9790;
const WARM_UP = 2;
const PAYER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as const; // anvil #3, unlocked

export type PaymentLatency = { count: number; p50: number; p95: number; max: number };

export async function measurePaymentLatency(count: number): Promise<PaymentLatency> {
  for (const s of [postgres, kafka]) {
    const status = await s.start();
    if (!status.ok) throw new Error(`${s.name} is ${status.state}`);
  }
  const chain = await startPrivateAnvil();
  const run = runResources("test");
  await createMigratedDatabase(run.databaseUrl);
  const db = createDb(run.databaseUrl, 4);
  const worker = spawn(process.execPath, ["--import", "tsx", "workers/run.ts", "payment-watcher"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATABASE_URL: run.databaseUrl, CHAIN_RPC_URL: chain.rpcUrl, KAFKA_TOPIC_PREFIX: run.topicPrefix, WORKER_HTTP_PORT: String(WORKER_PORT), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn", SERVICE_NAME: "payment-watcher" },
  });
  try {
    const transport = http(chain.rpcUrl);
    const client = createPublicClient({ chain: anvil, transport }) as PublicClient;
    const wallet = createWalletClient({ chain: anvil, transport, account: PAYER });
    const { USDC, PaymentRouter } = (await deployLocalContracts(chain.rpcUrl)).contracts;
    await seed(db, { historyDays: 0 });
    const wait = async (hash: Promise<`0x${string}`>) => client.waitForTransactionReceipt({ hash: await hash, pollingInterval: 10 });
    await wait(wallet.writeContract({ address: USDC, abi: testStablecoinAbi, functionName: "mint", args: [PAYER, 10n ** 15n] }));
    await wait(wallet.writeContract({ address: USDC, abi: testStablecoinAbi, functionName: "approve", args: [PaymentRouter, maxUint256] }));
    await waitForWorkerHealth(WORKER_PORT, "payment-watcher");

    const latencies: number[] = [];
    // The first ticks of a fresh worker compile its queries (several seconds on a busy 2-core box):
    // two warm-up payments are timed but not counted.
    for (let i = -WARM_UP; i < count; i++) {
      const { order } = await placeOrder(db, { shop: "sfo-terminal-2", customerName: "Bench", paymentMethod: "CRYPTO", items: [{ product: "caffe-latte", quantity: 3 }] });
      const { invoice } = await createInvoice(db, order.id, { chainId: 31337, token: "USDC" }, { enabledChains: [31337], ttlSeconds: 900, readRound: (_c, feed) => readRound(client, feed) });
      const sent = performance.now();
      await wallet.writeContract({ address: localDeployment.contracts.PaymentRouter, abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, USDC, BigInt(invoice.amountDue), invoice.payTo] });
      for (;;) {
        const row = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { status: true } });
        if (row.status === "PROCESSING") break;
        if (performance.now() - sent > 10_000) throw new Error(`invoice ${invoice.id} not PROCESSING after 10 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (i < 0) console.log(`  warm-up payment: ${(performance.now() - sent).toFixed(0)} ms (not counted)`);
      else latencies.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 137)); // spread the sends over the polling cycle
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    return { count, p50: at(0.5), p95: at(0.95), max: latencies.at(-1)! };
  } finally {
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
    await db.$disconnect();
    await chain.stop();
    await dropRunDatabase(run.databaseUrl);
    await deleteRunTopics(run.topicPrefix);
  }
}

