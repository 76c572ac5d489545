import { createWalletClient, http } from "viem";
import { anvil } from "viem/chains";
import { publicClientFor, rpcUrlFor } from "@/lib/chain/clients";
import { HeadSignal, subscribeNewHeads, webSocketUrlOf } from "@/lib/chain/new-heads";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { localWethUsdc } from "@/lib/defi/venues";
import { env } from "@/lib/env";
import { lentTokens, localTokens, recordBalances } from "@/lib/trading/analyzer";
import { routeLabel, usdcToCents } from "@/lib/trading/arbitrage";
import { runScheduledBots } from "@/lib/trading/scheduled";
import { runDeskOnBlock } from "@/lib/trading/desk";
import { deskWatchOf, followMarket, MarketRace } from "@/lib/trading/market-data";
import { prunePriceHistory } from "@/lib/trading/price-history";
import { freshReads, localLending, runLending } from "@/lib/trading/yield";
import type { WorkerDefinition } from "./runtime";

/**
 * The treasury desk: follows new blocks on the local chain (the only one with venues today) and
 * runs lib/trading/desk.ts on each: the arbitrage detector, the opportunity event, the paper and
 * live bots behind the guard and the kill switch; and, every TRADING_POLL_MS, the DCA and rebalancing
 * bots (lib/trading/scheduled.ts) and the treasury's lending (lib/trading/yield.ts: Aave rates, the
 * cash policy's proposals, approved moves carried out). Beside it, on the same new head, market data
 * (lib/trading/market-data.ts): the watched pools' mids, depth and oracle deviation from their
 * Swap/Sync events since the stored cursor, published on trading.prices.v1, with the large swaps
 * among them recorded. And the on-chain analyzer (lib/trading/analyzer.ts): the treasury's and the
 * shops' wallets read every TRADING_BALANCES_EVERY_MS, recorded when they changed (and, once an
 * hour, the price history's minutes past PRICE_HISTORY_DAYS deleted). The three run
 * side by side so none delays another; a failing pass (RPC down, contracts not deployed) is retried
 * on the next tick, and the worker turns unhealthy after a minute without a good pass of desk or market.
 *
 * New heads come by subscription (lib/chain/new-heads.ts), not by polling: a quiet chain costs the
 * desk one head read and the scheduled bots' and lending's few queries per tick, where polling every
 * 500 ms for all three loops cost ~65 ms of CPU a second (docs/performance.md).
 */

const UNHEALTHY_AFTER_MS = 60_000;


export const tradingDesk: WorkerDefinition = {
  name: "trading",
  description: "Detects WETH/USDC arbitrage between the pair's pools (Uniswap V2 and each V3 fee tier) on each block, runs the arbitrage, DCA and rebalancing bots behind the treasury guard, lends the treasury's spare cash on Aave once an admin approves, follows the pools' prices (trading.prices.v1) and records the treasury's and shops' wallet balances",
  async start({ db, log }) {
    const { TRADING_POLL_MS: pollMs, TRADING_MIN_PROFIT_USD_CENTS: thresholdUsdCents, TRADING_LARGE_SWAP_USD_CENTS: largeSwapUsdCents, TRADING_BALANCES_EVERY_MS: balancesEveryMs, CHAIN_ID } = env();
    const venues = localWethUsdc();
    if (CHAIN_ID !== venues.chainId) {
      // Venues exist on the local chain only: elsewhere the desk idles (healthy) rather than fail each block.
      log.info({ chainId: CHAIN_ID }, "no trading venues on this chain; the desk idles");
      return { stop: async () => undefined };
    }
    const client = publicClientFor(venues.chainId);
    // Live bots sign with the local treasury key; treasuryAccount refuses any chain but 31337.
    const signer = createWalletClient({ account: treasuryAccount(venues.chainId), chain: anvil, transport: http(rpcUrlFor(venues.chainId)) });
    const watch = deskWatchOf(venues);
    const lending = localLending();
    const lendingReads = freshReads();
    let stopping = false;
    let lastOk = Date.now();
    let marketOk = Date.now();
    // New blocks arrive by subscription; the clock (TRADING_POLL_MS) reads the head too, in case the
    // socket is down, and paces what runs on time rather than on blocks.
    const heads = new HeadSignal();
    const unsubscribe = subscribeNewHeads(webSocketUrlOf(rpcUrlFor(venues.chainId)), heads, {
      onError: (err) => log.warn({ err: err.message }, "new-heads subscription lost; the clock reads the head until it is back"),
    });
    const tick = () => new Promise((r) => setTimeout(r, pollMs));
    const clockLoop = (async () => {
      while (!stopping) {
        await client.getBlockNumber({ cacheTime: 0 }).then((n) => heads.seen(n), () => undefined);
        await tick();
      }
    })();
    // Two loops, so a desk pass that waits for a live trade's receipt never holds prices back.
    const deskLoop = (async () => {
      let seen: bigint | null = null;
      let traded: bigint | null = null;
      let clockAt = 0;
      while (!stopping) {
        seen = await heads.next(seen, pollMs);
        if (stopping || seen === null) continue;
        const head = seen;
        // Newest block only: a desk that fell behind trades the chain as it is now, not history.
        if (head !== traded) {
          try {
            const r = await runDeskOnBlock(db, client, venues, { blockNumber: head, thresholdUsdCents, signer });
            if (r.opportunityId) {
              log.info({ block: head.toString(), route: routeLabel(r.best), netUsdCents: usdcToCents(r.best.netProfitUsdc), trades: r.trades, refusals: r.refusals, killed: r.killed }, "arbitrage opportunity");
            }
            traded = head;
          } catch (err) {
            log.warn({ err }, "trading desk block failed; retrying");
          }
        }
        if (Date.now() - clockAt < pollMs) continue;
        clockAt = Date.now();
        // DCA and rebalancing bots trade on a clock, not on blocks (a quiet chain mines none): every tick, at the head.
        try {
          const scheduled = await runScheduledBots(db, client, venues, { blockNumber: head, signer });
          if (scheduled.trades || scheduled.pending || scheduled.refusals.length) log.info({ block: head.toString(), ...scheduled }, "scheduled bots");
          if (traded === head) lastOk = Date.now();
        } catch (err) {
          log.warn({ err }, "scheduled bots pass failed; retrying");
        }
        // The treasury's lending beside the bots, failing on its own (a lending fault never stops trading).
        try {
          const r = await runLending(db, client, signer, lending, heads.latest ?? head, lendingReads);
          if (r.executed || r.proposed) log.info({ block: head.toString(), ...r }, "treasury lending");
        } catch (err) {
          log.warn({ err }, "treasury lending pass failed; retrying");
        }
      }
    })();
    const marketLoop = (async () => {
      let seen: bigint | null = null;
      while (!stopping) {
        const head = await heads.next(seen, pollMs);
        if (stopping || head === null) continue;
        if (head === seen) {
          // A quiet chain: healthy while a source still reports its head.
          marketOk = Math.max(marketOk, heads.confirmedAt);
          continue;
        }
        try {
          // Every block since the stored cursor (not only the newest): each pool's moves are published.
          const pass = await followMarket(db, client, watch, { largeSwapUsdCents, head });
          if (pass?.largeSwaps) log.info({ to: pass.to.toString(), largeSwaps: pass.largeSwaps }, "market data: large swaps recorded");
          if (pass?.reorged) log.warn({ to: pass.to.toString() }, "market data: the cursor's block was reorged away; every pool re-read at the head");
          marketOk = Date.now();
          // Up to the head: wait for the next one. Behind by more than one pass: go on at once.
          if (!pass || pass.to === head) seen = head;
        } catch (err) {
          if (err instanceof MarketRace) marketOk = Date.now();
          else log.warn({ err }, "market data pass failed; retrying");
          await tick();
        }
      }
    })();
    const balancesLoop = (async () => {
      let prunedAt = 0;
      while (!stopping) {
        try {
          await recordBalances(db, client, venues.chainId, signer.account.address, [...localTokens(), ...(await lentTokens(client))]);
          // The price history's old minutes go once an hour (at most a few hundred rows each time).
          if (Date.now() - prunedAt > 3_600_000) {
            const pruned = await prunePriceHistory(db, venues.chainId);
            if (pruned > 0) log.info({ pruned }, "price history: old minutes deleted");
            prunedAt = Date.now();
          }
        } catch (err) {
          log.warn({ err }, "wallet balances pass failed; retrying");
        }
        // In poll-sized steps, so stopping never waits a whole interval.
        for (let waited = 0; waited < balancesEveryMs && !stopping; waited += pollMs) await tick();
      }
    })();
    return {
      healthy: () => Date.now() - Math.min(lastOk, marketOk) < UNHEALTHY_AFTER_MS,
      async stop() {
        stopping = true;
        heads.close();
        unsubscribe();
        await Promise.all([clockLoop, deskLoop, marketLoop, balancesLoop]);
      },
    };
  },
};
