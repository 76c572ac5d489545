import { createWalletClient, http } from "viem";
import { anvil } from "viem/chains";
import { publicClientFor, rpcUrlFor } from "@/lib/chain/clients";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { localWethUsdc } from "@/lib/defi/venues";
import { env } from "@/lib/env";
import { usdcToCents } from "@/lib/trading/arbitrage";
import { runDeskOnBlock } from "@/lib/trading/desk";
import type { WorkerDefinition } from "./runtime";

/**
 * The treasury desk: follows new blocks on the local chain (the only one with venues today) and
 * runs lib/trading/desk.ts on each: the arbitrage detector, the opportunity event, the paper and
 * live bots behind the guard and the kill switch. Each block is handled once, in order; a failing block (RPC
 * down, contracts not deployed) is retried on the next poll, and the worker turns unhealthy after a
 * minute without a handled block.
 */

const UNHEALTHY_AFTER_MS = 60_000;

export const tradingDesk: WorkerDefinition = {
  name: "trading",
  description: "Detects WETH/USDC arbitrage between Uniswap V3 and V2 on each block and runs the paper bots behind the treasury guard",
  async start({ db, log }) {
    const { TRADING_POLL_MS: pollMs, TRADING_MIN_PROFIT_USD_CENTS: thresholdUsdCents, CHAIN_ID } = env();
    const venues = localWethUsdc();
    if (CHAIN_ID !== venues.chainId) {
      // Venues exist on the local chain only: elsewhere the desk idles (healthy) rather than fail each block.
      log.info({ chainId: CHAIN_ID }, "no trading venues on this chain; the desk idles");
      return { stop: async () => undefined };
    }
    const client = publicClientFor(venues.chainId);
    // Live bots sign with the local treasury key; treasuryAccount refuses any chain but 31337.
    const signer = createWalletClient({ account: treasuryAccount(venues.chainId), chain: anvil, transport: http(rpcUrlFor(venues.chainId)) });
    let stopping = false;
    let lastOk = Date.now();
    let lastBlock = -1n;
    const loop = (async () => {
      while (!stopping) {
        try {
          const head = await client.getBlockNumber({ cacheTime: 0 });
          // Newest block only: a desk that fell behind trades the chain as it is now, not history.
          if (head !== lastBlock) {
            const r = await runDeskOnBlock(db, client, venues, { blockNumber: head, thresholdUsdCents, signer });
            lastBlock = head;
            if (r.opportunityId) {
              log.info({ block: head.toString(), netUsdCents: usdcToCents(r.best.netProfitUsdc), trades: r.trades, refusals: r.refusals, killed: r.killed }, "arbitrage opportunity");
            }
          }
          lastOk = Date.now();
        } catch (err) {
          log.warn({ err }, "trading desk block failed; retrying");
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    })();
    return {
      healthy: () => Date.now() - lastOk < UNHEALTHY_AFTER_MS,
      async stop() {
        stopping = true;
        await loop;
      },
    };
  },
};
