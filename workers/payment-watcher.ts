import { setTimeout as sleep } from "node:timers/promises";
import { enabledChainIds, paymentChain } from "@/lib/chain/config";
import { publicClientFor } from "@/lib/chain/clients";
import { LeaderLock } from "@/lib/db/leader-lock";
import { env } from "@/lib/env";
import { PaymentWatcher } from "@/lib/payments/watcher";
import type { WorkerDefinition } from "./runtime";

/**
 * Follows the payment router on every enabled chain (PAYMENT_CHAIN_IDS): one tick every
 * PAYMENT_WATCHER_POLL_MS per chain (lib/payments/watcher.ts does the work). A failing chain
 * (RPC down) backs off and retries without stopping the others; the worker is unhealthy while
 * any chain has failed for more than a minute. Restarting resumes from the stored cursor.
 * One watcher per chain leads (LeaderLock); others started beside it stand by and take over when
 * the leader stops or dies. Ticks are idempotent, so a brief overlap at a handover is harmless.
 */

const MAX_BACKOFF_MS = 30_000;
const UNHEALTHY_AFTER_MS = 60_000;
const SLOW_TICK_MS = 1_000;
/** How often a standby watcher asks for the leader lock. */
const STANDBY_RETRY_MS = 2_000;

export const paymentWatcher: WorkerDefinition = {
  name: "payment-watcher",
  description: "Matches router payments to invoices, counts confirmations, undoes reorgs and releases paid orders",
  async start({ db, log }) {
    const pollMs = env().PAYMENT_WATCHER_POLL_MS;
    let stopping = false;
    // Wakes the waits on stop: a chain backing off (up to 30 s) must not hold SIGTERM past the runtime's deadline.
    const stopped = new AbortController();
    const nap = (ms: number) => sleep(ms, undefined, { signal: stopped.signal }).catch(() => undefined);
    const lastOk = new Map<number, number>();
    const loops = enabledChainIds(env().PAYMENT_CHAIN_IDS).map(async (chainId) => {
      const chain = paymentChain(chainId)!;
      const watcher = new PaymentWatcher({ db, client: publicClientFor(chainId), chainId, router: chain.router, startBlock: chain.startBlock, log: log.child({ chainId }) });
      const leader = new LeaderLock(env().DATABASE_URL, `payment-watcher:${chainId}`, log.child({ chainId }));
      lastOk.set(chainId, Date.now());
      let delay = pollMs;
      while (!stopping) {
        const started = performance.now();
        try {
          if (!(await leader.tryAcquire())) {
            // Standing by is healthy: another watcher follows this chain.
            lastOk.set(chainId, Date.now());
            await nap(STANDBY_RETRY_MS);
            continue;
          }
          const report = await watcher.tick();
          const elapsed = performance.now() - started;
          if (elapsed > SLOW_TICK_MS) log.warn({ chainId, elapsedMs: Math.round(elapsed) }, "slow payment watcher tick");
          if (report.recorded || report.undone || report.released || report.refreshed) log.info({ chainId, ...stringify(report) }, "payments processed");
          lastOk.set(chainId, Date.now());
          delay = pollMs;
        } catch (error) {
          log.warn({ err: error, chainId, retryInMs: delay }, "payment watcher tick failed");
          delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        }
        await nap(delay);
      }
      await leader.release();
    });
    log.info({ chains: [...lastOk.keys()], pollMs }, "watching payment chains");
    return {
      healthy: () => [...lastOk.values()].every((t) => Date.now() - t < UNHEALTHY_AFTER_MS),
      async stop() {
        stopping = true;
        stopped.abort();
        await Promise.all(loops);
      },
    };
  },
};

function stringify(report: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(report).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
}
