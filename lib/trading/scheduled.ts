import type { Address, PublicClient } from "viem";
import type { Db } from "@/lib/db";
import type { TradingBot } from "@/lib/db/generated/client.ts";
import { localDeployment } from "@/lib/chain/deployments.local";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import type { PairVenues } from "@/lib/defi/venues";
import { usdcToCents } from "./arbitrage";
import { startOfUtcDay, treasuryControl } from "./desk";
import { checkTrade, type GuardVerdict, type RefusalReason } from "./guard";
import { tradeLive } from "./intents";
import { shortError, type Signer } from "./live";
import { oracleToUsdc } from "./market-math";
import { bookOf, rebalanceSwap } from "./rebalance";
import { DCA, SCHEDULED_STRATEGIES } from "./strategies";
import { guardedSwap, quoteSwap, signSwap, type Side } from "./swap";

/**
 * The scheduled bots, at most one swap per bot per period (unix time ÷ the bot's interval: a
 * schedule by the clock, since a quiet chain may mine no block for a long time), priced at the
 * newest block on whichever venue gives more (./swap.ts):
 * - **DCA** buys WETH for its fixed USDC amount every period and holds it;
 * - **rebalancing** swaps toward its target USDC share when the book is outside the band (./rebalance.ts).
 * Every swap passes the same guard as an arbitrage trade: the allowlists, the size limit, the
 * slippage limit, the daily loss limit (a swap's realised P&L is its gas) and the oracle breaker on
 * the pool it trades on. Paper bots fill at the block's quote; live bots swap from the treasury as a
 * durable intent keyed by (bot, period) (./intents.ts). A swap, or a refusal, is recorded once per
 * bot and period, so a restart or a second poll in the same period never trades twice.
 */

/** The period a moment belongs to: one swap per bot per period. */
export function periodOf(at: Date, everySeconds: number): bigint {
  if (!Number.isInteger(everySeconds) || everySeconds <= 0) throw new RangeError(`a bot's interval must be a positive number of seconds, got ${everySeconds}`);
  return BigInt(Math.floor(at.getTime() / 1000 / everySeconds));
}

export type ScheduledResult = { trades: number; pending: number; refusals: { bot: string; reason: RefusalReason }[] };

type Context = { db: Db; client: PublicClient; venues: PairVenues; blockNumber: bigint; treasury?: Address };

/** What a bot wants to swap this period: DCA its amount of USDC; a rebalancer what its book needs (null: nothing). */
async function orderOf(bot: TradingBot, c: Context): Promise<{ side: Side; amountIn: bigint } | null> {
  if (bot.strategy === DCA) return bot.dcaAmountUsdCents ? { side: "buy", amountIn: BigInt(bot.dcaAmountUsdCents) * 10_000n } : null;
  if (bot.targetUsdcBps === null || bot.bandBps === null || !c.treasury) return null;
  const [book, round] = await Promise.all([
    bookOf(c.db, c.client, c.venues, { botId: bot.id, paper: bot.mode === "PAPER", treasury: c.treasury, blockNumber: c.blockNumber }),
    readFeedAt(c.client, localDeployment.contracts.ETH_USD, c.blockNumber),
  ]);
  if (round.answer <= 0n) return null; // no price to value WETH at: the guard could not judge either
  return rebalanceSwap(book, oracleToUsdc(round.answer, round.decimals), { targetUsdcBps: bot.targetUsdcBps, bandBps: bot.bandBps, maxTradeUsdc: BigInt(bot.maxTradeUsdCents) * 10_000n });
}

/** Every running scheduled bot whose current period has no swap (or refusal) yet trades at this block, through the guard. */
export async function runScheduledBots(
  db: Db,
  client: PublicClient,
  venues: PairVenues,
  p: { blockNumber: bigint; now?: Date; signer?: Signer; /** Whose balances a rebalancer steers (default: the signer's). */ treasury?: Address; receiptWaitMs?: number },
): Promise<ScheduledResult> {
  const result: ScheduledResult = { trades: 0, pending: 0, refusals: [] };
  const bots = await db.tradingBot.findMany({ where: { status: "RUNNING", strategy: { in: [...SCHEDULED_STRATEGIES] } }, orderBy: { createdAt: "asc" } });
  if (bots.length === 0) return result;
  const control = await treasuryControl(db, venues);
  if (control.killSwitch) return result;
  const now = p.now ?? new Date();
  const dayStart = startOfUtcDay(now);
  const c: Context = { db, client, venues, blockNumber: p.blockNumber, treasury: p.treasury ?? p.signer?.account.address };
  for (const bot of bots) {
    if (!bot.everySeconds) continue; // not a complete scheduled bot (createBot refuses such)
    const period = periodOf(now, bot.everySeconds);
    const key = { botId_period: { botId: bot.id, period } };
    const [traded, refused, inFlight] = await Promise.all([
      db.tradingTrade.findUnique({ where: key, select: { id: true } }),
      db.guardRefusal.findUnique({ where: key, select: { id: true } }),
      db.tradeIntent.findFirst({ where: { botId: bot.id, OR: [{ status: "SIGNED" }, { period }] }, select: { id: true } }),
    ]);
    if (traded || refused || inFlight) continue;
    const order = await orderOf(bot, c);
    if (!order) continue; // a rebalancer inside its band: looked at again on the next poll
    const q = await quoteSwap(client, venues, order.side, order.amountIn, p.blockNumber);
    const today = await db.tradingTrade.aggregate({ where: { botId: bot.id, createdAt: { gte: dayStart }, undoneAt: null }, _sum: { pnlUsdCents: true } });
    let verdict: GuardVerdict =
      bot.mode === "LIVE" && !p.signer
        ? { ok: false, reason: "LIVE_NOT_AVAILABLE", detail: "no treasury key for this chain: live trading runs on the local chain only" }
        : checkTrade(control, guardedSwap(venues, q, bot.slippageBps), today._sum.pnlUsdCents ?? 0);
    if (verdict.ok && bot.mode === "LIVE" && p.signer) {
      const signer = p.signer;
      try {
        const outcome = await tradeLive(db, client, venues, signer.account.address, {
          botId: bot.id,
          key: { period, venue: q.venue, tokenIn: q.tokenIn, tokenOut: q.tokenOut },
          pricing: q,
          sign: () => signSwap(client, signer, venues, q, bot.slippageBps),
          receiptWaitMs: p.receiptWaitMs,
        });
        if (outcome === "traded") result.trades += 1;
        else if (outcome === "pending") result.pending += 1;
        else if (outcome === "reverted") result.refusals.push({ bot: bot.name, reason: "EXECUTION_FAILED" });
        continue;
      } catch (error) {
        verdict = { ok: false, reason: "EXECUTION_FAILED", detail: shortError(error).slice(0, 300) };
      }
    }
    if (!verdict.ok) {
      await db.guardRefusal.createMany({ data: [{ botId: bot.id, period, reason: verdict.reason, detail: verdict.detail }], skipDuplicates: true });
      result.refusals.push({ bot: bot.name, reason: verdict.reason });
      continue;
    }
    const created = await db.tradingTrade.createMany({
      data: [{ botId: bot.id, period, venue: q.venue, mode: "PAPER", chainId: q.chainId, blockNumber: q.blockNumber, tokenIn: q.tokenIn, amountIn: q.amountIn.toString(), tokenOut: q.tokenOut, amountOut: q.amountOut.toString(), pnlUsdCents: -usdcToCents(q.gasCostUsdc) }],
      skipDuplicates: true,
    });
    result.trades += created.count;
  }
  return result;
}
