import { v7 as uuidv7 } from "uuid";
import type { PublicClient } from "viem";
import type { Db } from "@/lib/db";
import type { PairVenues } from "@/lib/defi/venues";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { detectArbitrage, usdcToCents, type Opportunity } from "./arbitrage";
import { checkTrade, type GuardLimits, type GuardVerdict, type RefusalReason } from "./guard";
import { resolveIntents, tradeLive, type Resolution } from "./intents";
import { shortError, signLiveTrade, type Signer } from "./live";
import { deviationBps, oracleAgeSeconds, oracleToUsdc, pegCheck, type OracleCheck } from "./market-math";
import { followReorgs, type ReorgCheck } from "./reorgs";
import { deskUniverse } from "./universe";

/**
 * One block's work for the desk: detect, record and announce an opportunity over the threshold,
 * then let every running bot trade it through the guard. Paper bots fill at the quotes of the
 * block they saw (the same quotes the detector used, re-quoted when the bot's size is smaller).
 * Idempotent per block: the opportunity is unique per (chain, block, pair) and a bot trades or is
 * refused at most once per opportunity, so a block seen twice (restart, redelivery) changes nothing.
 */

export type DeskBlockResult = {
  best: Opportunity;
  opportunityId: string | null;
  trades: number;
  /** Live trades sent whose receipt did not come within the wait: settled on a later block. */
  pending: number;
  /** What became of live trades earlier blocks (or a process that died) left SIGNED. */
  intents: Resolution;
  /** Live fills a reorg took away, or that were mined again elsewhere. */
  reorgs: ReorgCheck;
  refusals: { bot: string; reason: RefusalReason }[];
  killed: boolean;
};

const CONTROL_ID = 1;

/**
 * The desk's switches, created on first use with the venues' tokens and pools on the allowlists, and
 * on the local chain the other stablecoins and their 0.01 % pools (the stablecoin-mix bots' venues).
 */
export async function treasuryControl(db: Db, venues: PairVenues) {
  const { tokens, pools } = deskUniverse(venues);
  return db.treasuryControl.upsert({
    where: { id: CONTROL_ID },
    create: { id: CONTROL_ID, allowedTokens: tokens.map((t) => t.address), allowedPools: pools.map((p) => p.address) },
    update: {},
  });
}

/** The kill switch: on, every bot is stopped at once (and the worker refuses trades while it is on). */
export async function setKillSwitch(db: Db, on: boolean): Promise<void> {
  await db.$transaction([
    db.treasuryControl.update({ where: { id: CONTROL_ID }, data: { killSwitch: on, killedAt: on ? new Date() : null } }),
    ...(on ? [db.tradingBot.updateMany({ where: { status: "RUNNING" }, data: { status: "STOPPED" } })] : []),
  ]);
}

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function runDeskOnBlock(
  db: Db,
  client: PublicClient,
  venues: PairVenues,
  p: {
    blockNumber: bigint;
    thresholdUsdCents: number;
    now?: Date;
    /** The treasury's signer (local chain only): without it live bots are refused. */
    signer?: Signer;
    /** How long to wait for a live trade's receipt before leaving it to a later block (default 30 s). */
    receiptWaitMs?: number;
  },
): Promise<DeskBlockResult> {
  const now = p.now ?? new Date();
  const control = await treasuryControl(db, venues);
  // First, finish what earlier blocks or a dead process left signed (even with the kill switch on:
  // a trade already sent is recorded, never forgotten).
  const intents = p.signer ? await resolveIntents(db, client, venues, p.signer.account.address) : { settled: 0, waiting: 0, resent: 0, dropped: 0 };
  const reorgs = p.signer ? await followReorgs(db, client, venues, p.signer.account.address, p.blockNumber) : { undone: 0, redone: 0 };
  const best = await detectArbitrage(client, venues, { blockNumber: p.blockNumber });
  const result: DeskBlockResult = { best, opportunityId: null, trades: 0, pending: 0, intents, reorgs, refusals: [], killed: control.killSwitch };
  const netCents = usdcToCents(best.netProfitUsdc);
  if (netCents < p.thresholdUsdCents) return result;

  const opportunityId = await recordOpportunity(db, best);
  result.opportunityId = opportunityId;
  if (control.killSwitch) return result;

  const bots = await db.tradingBot.findMany({ where: { status: "RUNNING", strategy: "cross-venue-arbitrage" }, orderBy: { createdAt: "asc" } });
  const dayStart = startOfUtcDay(now);
  for (const bot of bots) {
    const done = await db.tradingTrade.findUnique({ where: { botId_opportunityId: { botId: bot.id, opportunityId } }, select: { id: true } });
    if (done) continue;
    // One live trade in flight per bot: while one is SIGNED, its outcome decides what comes next.
    if (await db.tradeIntent.findFirst({ where: { botId: bot.id, OR: [{ status: "SIGNED" }, { opportunityId }] }, select: { id: true } })) continue;
    // The bot sizes to the optimum, capped at its own maximum (re-quoted at that size and block).
    const botMaxUsdc = BigInt(bot.maxTradeUsdCents) * 10_000n;
    const fill = best.sizeUsdc <= botMaxUsdc ? best : await detectArbitrage(client, venues, { blockNumber: p.blockNumber, minSizeUsdc: botMaxUsdc, maxSizeUsdc: botMaxUsdc, route: best });
    const today = await db.tradingTrade.aggregate({ where: { botId: bot.id, createdAt: { gte: dayStart }, undoneAt: null }, _sum: { pnlUsdCents: true } });
    const limits: GuardLimits = control;
    let verdict: GuardVerdict =
      bot.mode === "LIVE" && !p.signer
        ? { ok: false, reason: "LIVE_NOT_AVAILABLE", detail: "no treasury key for this chain: live trading runs on the local chain only" }
        : checkTrade(
            limits,
            { tokens: [venues.usdc, venues.weth], pools: [fill.buy.pool, fill.sell.pool], sizeUsdCents: usdcToCents(fill.sizeUsdc), slippageBps: bot.slippageBps, expectedPnlUsdCents: usdcToCents(fill.netProfitUsdc), oracle: oracleCheck(fill) },
            today._sum.pnlUsdCents ?? 0,
          );
    if (verdict.ok && bot.mode === "LIVE" && p.signer) {
      const signer = p.signer;
      try {
        const outcome = await tradeLive(db, client, venues, signer.account.address, { botId: bot.id, key: { opportunityId }, pricing: fill, sign: () => signLiveTrade(client, signer, venues, fill, bot.slippageBps), receiptWaitMs: p.receiptWaitMs });
        if (outcome === "pending") result.pending += 1;
        else if (outcome === "traded") result.trades += 1;
        else if (outcome === "reverted") result.refusals.push({ bot: bot.name, reason: "EXECUTION_FAILED" });
        continue;
      } catch (error) {
        verdict = { ok: false, reason: "EXECUTION_FAILED", detail: shortError(error).slice(0, 300) };
      }
    }
    if (!verdict.ok) {
      await db.guardRefusal.createMany({ data: [{ botId: bot.id, opportunityId, reason: verdict.reason, detail: verdict.detail }], skipDuplicates: true });
      result.refusals.push({ bot: bot.name, reason: verdict.reason });
      continue;
    }
    const created = await db.tradingTrade.createMany({
      data: [{ botId: bot.id, opportunityId, mode: "PAPER", chainId: fill.chainId, blockNumber: fill.blockNumber, tokenIn: venues.usdc, amountIn: fill.sizeUsdc.toString(), tokenOut: venues.usdc, amountOut: fill.usdcOut.toString(), pnlUsdCents: usdcToCents(fill.netProfitUsdc) }],
      skipDuplicates: true,
    });
    result.trades += created.count;
  }
  return result;
}

/** Both traded pools' mids against the ETH/USD oracle at the block the detector read (the guard's circuit breaker). */
export function oracleCheck(o: Opportunity): OracleCheck {
  const oracle = oracleToUsdc(o.ethUsd, o.ethUsdDecimals);
  return {
    ageSeconds: oracleAgeSeconds(o.ethUsdUpdatedAt, o.blockTimestamp),
    pools: [
      { pool: o.buy.pool, deviationBps: deviationBps(o.buyMid, oracle) },
      { pool: o.sell.pool, deviationBps: deviationBps(o.sellMid, oracle) },
    ],
    pegs: [pegCheck("USDC", o.usdcUsd, o.blockTimestamp)],
  };
}

/** Writes the opportunity and its event in one transaction; an opportunity seen before keeps its id. */
async function recordOpportunity(db: Db, o: Opportunity): Promise<string> {
  const key = { chainId: o.chainId, blockNumber: o.blockNumber, pair: o.pair };
  const existing = await db.tradingOpportunity.findUnique({ where: { chainId_blockNumber_pair: key }, select: { id: true } });
  if (existing) return existing.id;
  const id = uuidv7();
  const row = {
    id,
    ...key,
    buyVenue: o.buy.name,
    buyFee: o.buy.fee,
    sellVenue: o.sell.name,
    sellFee: o.sell.fee,
    sizeIn: o.sizeUsdc.toString(),
    amountMid: o.wethOut.toString(),
    amountOut: o.usdcOut.toString(),
    gasCostUsdCents: usdcToCents(o.gasCostUsdc),
    netProfitUsdCents: usdcToCents(o.netProfitUsdc),
  };
  await db.$transaction(async (tx) => {
    const inserted = await tx.tradingOpportunity.createMany({ data: [row], skipDuplicates: true });
    if (inserted.count === 0) return;
    await enqueueEvents(tx, [
      createEvent("trading.opportunity_found", `${o.chainId}:${o.pair}`, {
        opportunityId: id,
        chainId: o.chainId,
        blockNumber: o.blockNumber.toString(),
        pair: o.pair,
        buyVenue: o.buy.name,
        buyFee: o.buy.fee,
        sellVenue: o.sell.name,
        sellFee: o.sell.fee,
        sizeIn: row.sizeIn,
        amountOut: row.amountOut,
        gasCostUsdCents: row.gasCostUsdCents,
        netProfitUsdCents: row.netProfitUsdCents,
      }),
    ]);
  });
  const stored = await db.tradingOpportunity.findUniqueOrThrow({ where: { chainId_blockNumber_pair: key }, select: { id: true } });
  return stored.id;
}
