import { formatEther, type Address, type PublicClient } from "viem";
import type { Db } from "@/lib/db";
import type { TradingBot } from "@/lib/db/generated/client.ts";
import { localDeployment } from "@/lib/chain/deployments.local";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import { LOCAL_CHAIN_ID } from "@/lib/defi/local-accounts";
import { localStables, type PairVenues } from "@/lib/defi/venues";
import { usdcToCents } from "./arbitrage";
import { startOfUtcDay, treasuryControl } from "./desk";
import { checkTrade, usd, type GuardVerdict, type RefusalReason, type TradeIntent as GuardedTrade } from "./guard";
import { tradeLive, type IntentPricing } from "./intents";
import { shortError, type SignedTrade, type Signer } from "./live";
import { oracleToUsdc } from "./market-math";
import { bookOf, rebalanceSwap } from "./rebalance";
import { guardedStableSwap, parseStableMix, quoteStableSwap, routeOf, signStableSwap, stableBookOf, stableMixSwap, stableQuotePnlUsdc } from "./stable-mix";
import { DCA, SCHEDULED_STRATEGIES, STABLE_MIX } from "./strategies";
import { guardedSwap, quoteSwap, signSwap, swapPnlUsdc, wethForUsdCents, type Side } from "./swap";

/**
 * The scheduled bots, at most one swap per bot per period (unix time ÷ the bot's interval: a
 * schedule by the clock, since a quiet chain may mine no block for a long time), priced at the
 * newest block on whichever venue gives more (./swap.ts):
 * - **DCA** buys WETH for its fixed USD amount every period and holds it, or (a seller) sells WETH
 *   worth that amount at the ETH/USD feed into USDC — refused (INSUFFICIENT_BALANCE) when the WETH it
 *   sells from is not there: a live seller's the treasury's, a paper seller's the treasury's less its
 *   own earlier paper sales (which moved nothing on chain);
 * - **rebalancing** swaps toward its target USDC share when the book is outside the band (./rebalance.ts);
 * - **stablecoin mix** swaps the stablecoin most over its target share into the one most under,
 *   through the 0.01 % pools, when a coin is outside its band (./stable-mix.ts).
 * Every swap passes the same guard as an arbitrage trade: the allowlists, the size limit, the
 * slippage limit, the daily loss limit (a swap's realised P&L is its gas) and the oracle breaker on
 * the pool it trades on (a DCA sale's expected P&L also counts its quote against the feed). Paper bots fill at the block's quote; live bots swap from the treasury as a
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

type Order = {
  side: Side;
  amountIn: bigint;
  /** A DCA sale: its P&L counts the USDC out against the WETH in at the feed (swap.ts, swapPnlUsdc). */
  pnlAtFeed?: boolean;
  /** Why the WETH to sell is not there: refused once the guard has passed it. */
  shortfall?: string;
};

/** What a bot wants to swap this period: DCA its amount (USDC in, or WETH worth it out); a rebalancer what its book needs (null: nothing). */
async function orderOf(bot: TradingBot, c: Context): Promise<Order | null> {
  if (bot.strategy === DCA) {
    if (!bot.dcaAmountUsdCents) return null;
    return bot.dcaSide === "sell" ? dcaSale(bot, bot.dcaAmountUsdCents, c) : { side: "buy", amountIn: BigInt(bot.dcaAmountUsdCents) * 10_000n };
  }
  if (bot.targetUsdcBps === null || bot.bandBps === null || !c.treasury) return null;
  const [book, round] = await Promise.all([
    bookOf(c.db, c.client, c.venues, { botId: bot.id, paper: bot.mode === "PAPER", treasury: c.treasury, blockNumber: c.blockNumber }),
    readFeedAt(c.client, localDeployment.contracts.ETH_USD, c.blockNumber),
  ]);
  if (round.answer <= 0n) return null; // no price to value WETH at: the guard could not judge either
  return rebalanceSwap(book, oracleToUsdc(round.answer, round.decimals), { targetUsdcBps: bot.targetUsdcBps, bandBps: bot.bandBps, maxTradeUsdc: BigInt(bot.maxTradeUsdCents) * 10_000n });
}

/**
 * A DCA sale: WETH worth the bot's amount at the feed at this block, from the book it sells from —
 * a live bot's the treasury's WETH, a paper bot's the treasury's less its own earlier paper sales
 * (./rebalance.ts, bookOf) — with the shortfall said when that holds less.
 */
async function dcaSale(bot: TradingBot, usdCents: number, c: Context): Promise<Order | null> {
  const paper = bot.mode === "PAPER";
  const [round, book] = await Promise.all([
    readFeedAt(c.client, localDeployment.contracts.ETH_USD, c.blockNumber),
    c.treasury ? bookOf(c.db, c.client, c.venues, { botId: bot.id, paper, treasury: c.treasury, blockNumber: c.blockNumber }) : null,
  ]);
  if (round.answer <= 0n) return null; // no price to size the sale at: looked at again on the next poll
  const amountIn = wethForUsdCents(usdCents, oracleToUsdc(round.answer, round.decimals));
  const needs = `selling ${usd(usdCents)} needs ${formatEther(amountIn)} WETH`;
  const whose = paper ? "the treasury, less this paper bot's earlier sales," : "the treasury";
  const shortfall = !book ? `no treasury account to sell from; ${needs}` : book.weth < amountIn ? `${whose} holds ${formatEther(book.weth)} WETH; ${needs}` : undefined;
  return { side: "sell", amountIn, pnlAtFeed: true, shortfall };
}

/**
 * One period's swap, ready for the guard: what it judges, the intent's key and pricing, how a live
 * bot signs it, and the row a paper bot records. The WETH/USDC bots (DCA, rebalancing) and the
 * stablecoin-mix bots prepare theirs differently; the guard, the intents and the records are shared.
 */
type Prepared = {
  guarded: GuardedTrade;
  /** Why the input is not there: refused once the guard has passed it. */
  shortfall?: string;
  key: { venue: string; tokenIn: string; tokenOut: string; pnlAtFeed: boolean };
  pricing: IntentPricing;
  sign: (signer: Signer) => Promise<SignedTrade>;
  paper: { venue: string; chainId: number; blockNumber: bigint; tokenIn: string; amountIn: string; tokenOut: string; amountOut: string; pnlUsdCents: number };
};

async function prepare(bot: TradingBot, c: Context): Promise<Prepared | null> {
  if (bot.strategy === STABLE_MIX) return prepareStableMix(bot, c);
  const order = await orderOf(bot, c);
  if (!order) return null; // a rebalancer inside its band: looked at again on the next poll
  const q = await quoteSwap(c.client, c.venues, order.side, order.amountIn, c.blockNumber);
  return {
    guarded: guardedSwap(c.venues, q, bot.slippageBps, order.pnlAtFeed),
    shortfall: order.shortfall,
    key: { venue: q.venue, tokenIn: q.tokenIn, tokenOut: q.tokenOut, pnlAtFeed: order.pnlAtFeed ?? false },
    pricing: q,
    sign: (signer) => signSwap(c.client, signer, c.venues, q, bot.slippageBps),
    paper: { venue: q.venue, chainId: q.chainId, blockNumber: q.blockNumber, tokenIn: q.tokenIn, amountIn: q.amountIn.toString(), tokenOut: q.tokenOut, amountOut: q.amountOut.toString(), pnlUsdCents: usdcToCents(swapPnlUsdc(q, q.gasCostUsdc, order.pnlAtFeed)) },
  };
}

/** A stablecoin-mix bot's period: its book against its target mix (./stable-mix.ts), quoted along the 0.01 % pools. */
async function prepareStableMix(bot: TradingBot, c: Context): Promise<Prepared | null> {
  const target = parseStableMix(bot.stableMix);
  if (!target || bot.bandBps === null || !c.treasury || c.venues.chainId !== LOCAL_CHAIN_ID) return null;
  const v = localStables();
  const book = await stableBookOf(c.db, c.client, v, { botId: bot.id, paper: bot.mode === "PAPER", treasury: c.treasury, blockNumber: c.blockNumber });
  const swap = stableMixSwap(book, { target, bandBps: bot.bandBps, maxTradeUsdCents: bot.maxTradeUsdCents });
  if (!swap) return null; // every coin within its band
  const q = await quoteStableSwap(c.client, v, routeOf(v, swap), swap.amountIn, c.blockNumber);
  return {
    guarded: guardedStableSwap(v, q, bot.slippageBps),
    key: { venue: "uniswap-v3", tokenIn: q.tokenIn, tokenOut: q.tokenOut, pnlAtFeed: false },
    pricing: q,
    sign: (signer) => signStableSwap(c.client, signer, v, q, bot.slippageBps),
    paper: { venue: "uniswap-v3", chainId: q.chainId, blockNumber: q.blockNumber, tokenIn: q.tokenIn, amountIn: q.amountIn.toString(), tokenOut: q.tokenOut, amountOut: q.amountOut.toString(), pnlUsdCents: usdcToCents(stableQuotePnlUsdc(v, q)) },
  };
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
    const prepared = await prepare(bot, c);
    if (!prepared) continue; // nothing to do this poll (a rebalancer inside its band): looked at again on the next
    const today = await db.tradingTrade.aggregate({ where: { botId: bot.id, createdAt: { gte: dayStart }, undoneAt: null }, _sum: { pnlUsdCents: true } });
    let verdict: GuardVerdict =
      bot.mode === "LIVE" && !p.signer
        ? { ok: false, reason: "LIVE_NOT_AVAILABLE", detail: "no treasury key for this chain: live trading runs on the local chain only" }
        : checkTrade(control, prepared.guarded, today._sum.pnlUsdCents ?? 0);
    if (verdict.ok && prepared.shortfall) verdict = { ok: false, reason: "INSUFFICIENT_BALANCE", detail: prepared.shortfall };
    if (verdict.ok && bot.mode === "LIVE" && p.signer) {
      const signer = p.signer;
      try {
        const outcome = await tradeLive(db, client, venues, signer.account.address, {
          botId: bot.id,
          key: { period, ...prepared.key },
          pricing: prepared.pricing,
          sign: () => prepared.sign(signer),
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
    const created = await db.tradingTrade.createMany({ data: [{ botId: bot.id, period, mode: "PAPER", ...prepared.paper }], skipDuplicates: true });
    result.trades += created.count;
  }
  return result;
}
