import type { Address, PublicClient, TransactionReceipt } from "viem";
import type { Db } from "@/lib/db";
import type { TradeIntent } from "@/lib/db/generated/client.ts";
import { LOCAL_CHAIN_ID } from "@/lib/defi/local-accounts";
import { localStables, stableByAddress, type PairVenues } from "@/lib/defi/venues";
import { usdcToCents } from "./arbitrage";
import { broadcast, chaseSigned, fillFromReceipt, shortError, type SignedTrade } from "./live";
import { stableSwapPnlUsdc } from "./stable-mix";
import { swapFromReceipt } from "./swap";

/**
 * Durable live trades. A bot's live trade is an intent first: the signed transaction is stored
 * (unique per bot and opportunity) BEFORE it is broadcast. Whatever dies afterwards (the worker
 * between storing and sending, while waiting for the receipt, before recording), the next block
 * finds the intent SIGNED and finishes it:
 * - mined → the trade (or, if it reverted, the refusal) is recorded, once, with the intent's outcome;
 * - still in the node's mempool → waits for it;
 * - unknown to the node, deadline not passed and nonce still free → the same bytes are sent again
 *   (one nonce: they can be mined once at most, never as a second trade);
 * - deadline passed, or the nonce used by another transaction → DROPPED: it can never be mined.
 * A bot with an intent still SIGNED takes no new trade, so an opportunity is traded at most once.
 * The same holds for scheduled bots' swaps (DCA, rebalancing, stablecoin mix), keyed by the bot's period instead.
 */

/** What an intent is for: an arbitrage opportunity, or a scheduled bot's period and its swap. */
export type IntentKey = { opportunityId: string } | { period: bigint; venue: string; tokenIn: string; tokenOut: string; /** A DCA sale: P&L against the feed (swap.ts). */ pnlAtFeed?: boolean };
/** The chain and the oracle answer the trade was priced with (gas is priced at it on settlement). */
export type IntentPricing = { chainId: number; ethUsd: bigint; ethUsdDecimals: number };

export type Settled = { outcome: "traded" | "reverted"; pnlUsdCents: number };

/** Stores a signed trade as the bot's intent for this opportunity (or period); null when one exists already. */
export async function storeIntent(db: Db, botId: string, key: IntentKey, o: IntentPricing, signed: SignedTrade): Promise<TradeIntent | null> {
  const created = await db.tradeIntent.createMany({
    data: [{
      botId,
      ...key,
      chainId: o.chainId,
      nonce: signed.nonce,
      txHash: signed.txHash,
      rawTx: signed.rawTx,
      amountIn: signed.amountIn.toString(),
      deadline: signed.deadline,
      ethUsd: o.ethUsd.toString(),
      ethUsdDecimals: o.ethUsdDecimals,
    }],
    skipDuplicates: true,
  });
  return created.count === 1 ? db.tradeIntent.findUnique({ where: { txHash: signed.txHash } }) : null;
}

/** Records a mined intent's outcome and closes it, in one transaction; a second call changes nothing. */
export async function settleIntent(db: Db, intent: TradeIntent, receipt: TransactionReceipt, venues: PairVenues, treasury: Address): Promise<Settled | null> {
  return db.$transaction(async (tx) => {
    const closed = await tx.tradeIntent.updateMany({
      where: { id: intent.id, status: "SIGNED" },
      data: { status: receipt.status === "success" ? "MINED" : "REVERTED", resolvedAt: new Date() },
    });
    if (closed.count === 0) return null; // settled by an earlier pass
    if (receipt.status !== "success") {
      await tx.guardRefusal.createMany({
        data: [{
          botId: intent.botId,
          opportunityId: intent.opportunityId,
          period: intent.period,
          reason: "EXECUTION_FAILED",
          detail: intent.period === null
            ? `the executor reverted (${receipt.transactionHash}): the round trip no longer cleared its minimum profit`
            : `the swap reverted (${receipt.transactionHash}): the price moved past the bot's slippage, or the deadline passed`,
        }],
        skipDuplicates: true,
      });
      return { outcome: "reverted" as const, pnlUsdCents: 0 };
    }
    const fill = tradeOfIntent(intent, receipt, venues, treasury);
    await tx.tradingTrade.createMany({
      data: [{ botId: intent.botId, opportunityId: intent.opportunityId, period: intent.period, venue: intent.venue, mode: "LIVE", chainId: intent.chainId, txHash: receipt.transactionHash, blockHash: receipt.blockHash, ...fill }],
      skipDuplicates: true,
    });
    return { outcome: "traded" as const, pnlUsdCents: fill.pnlUsdCents };
  });
}

/** A mined intent's trade as recorded: a round trip's USDC back, or a scheduled swap's input spent and output received. */
export function tradeOfIntent(intent: TradeIntent, receipt: TransactionReceipt, venues: PairVenues, treasury: Address) {
  const oracle = { ethUsd: BigInt(intent.ethUsd), ethUsdDecimals: intent.ethUsdDecimals };
  if (intent.tokenIn && intent.tokenOut) {
    const tokens = { tokenIn: intent.tokenIn as Address, tokenOut: intent.tokenOut as Address };
    const fill = swapFromReceipt(receipt, tokens, treasury, oracle, intent.pnlAtFeed);
    // A stablecoin-mix swap: both coins at $1, so its P&L is what came out less what went in, less gas.
    const stables = venues.chainId === LOCAL_CHAIN_ID ? localStables() : null;
    const [sIn, sOut] = stables ? [stableByAddress(stables, tokens.tokenIn), stableByAddress(stables, tokens.tokenOut)] : [null, null];
    const pnlUsdc = sIn && sOut ? stableSwapPnlUsdc({ amountIn: fill.amountIn, decimalsIn: sIn.decimals, amountOut: fill.amountOut, decimalsOut: sOut.decimals }, fill.gasUsdc) : fill.pnlUsdc;
    return { blockNumber: fill.blockNumber, ...tokens, amountIn: fill.amountIn.toString(), amountOut: fill.amountOut.toString(), pnlUsdCents: usdcToCents(pnlUsdc), gasWei: fill.gasWei.toString(), gasUsdCents: usdcToCents(fill.gasUsdc) };
  }
  const fill = fillFromReceipt(receipt, venues, treasury, BigInt(intent.amountIn), oracle);
  return { blockNumber: fill.blockNumber, tokenIn: venues.usdc, amountIn: intent.amountIn, tokenOut: venues.usdc, amountOut: fill.amountOut.toString(), pnlUsdCents: usdcToCents(fill.pnlUsdc), gasWei: fill.gasWei.toString(), gasUsdCents: usdcToCents(fill.gasUsdc) };
}

/** How long a block's pass waits for a live trade's receipt before leaving it to the next block. */
export const LIVE_RECEIPT_WAIT_MS = 30_000;

export type LiveOutcome = "traded" | "reverted" | "pending" | "taken";

/**
 * A live trade from signature to record: signed, stored as the bot's intent, sent, and settled if
 * its receipt comes within the wait. A failure before the intent is stored is thrown (the caller
 * records the refusal); after, it is "pending": resolveIntents finishes it on a later block.
 * "taken": another pass already stored (or settled) this bot's intent for this key.
 */
export async function tradeLive(
  db: Db,
  client: PublicClient,
  venues: PairVenues,
  treasury: Address,
  p: { botId: string; key: IntentKey; pricing: IntentPricing; sign: () => Promise<SignedTrade>; receiptWaitMs?: number },
): Promise<LiveOutcome> {
  const signed = await p.sign();
  const intent = await storeIntent(db, p.botId, p.key, p.pricing, signed);
  if (!intent) return "taken";
  try {
    await broadcast(client, signed.rawTx);
    const receipt = await client.waitForTransactionReceipt({ hash: signed.txHash, pollingInterval: 50, timeout: p.receiptWaitMs ?? LIVE_RECEIPT_WAIT_MS }).catch(() => null);
    if (!receipt) return "pending";
    const settled = await settleIntent(db, intent, receipt, venues, treasury);
    return settled?.outcome ?? "taken"; // null: an earlier pass settled it
  } catch {
    return "pending";
  }
}

export type Resolution = { settled: number; waiting: number; resent: number; dropped: number };

/** Finishes every SIGNED intent of this chain as far as the chain allows now (see the module comment). */
export async function resolveIntents(db: Db, client: PublicClient, venues: PairVenues, treasury: Address, log?: (msg: string) => void): Promise<Resolution> {
  const r: Resolution = { settled: 0, waiting: 0, resent: 0, dropped: 0 };
  const open = await db.tradeIntent.findMany({ where: { status: "SIGNED", chainId: venues.chainId }, orderBy: { nonce: "asc" } });
  if (open.length === 0) return r;
  const head = await client.getBlock();
  const usedNonces = await client.getTransactionCount({ address: treasury, blockTag: "latest" });
  const chain = { headTimestamp: head.timestamp, usedNonces };
  for (const intent of open) {
    const fate = await chaseSigned(client, intent, chain, (error) => log?.(`re-sending trade intent ${intent.id} failed: ${shortError(error)}`));
    if (fate.state === "mined") {
      if (await settleIntent(db, intent, fate.receipt, venues, treasury)) r.settled += 1;
    } else if (fate.state === "dropped") {
      await db.tradeIntent.updateMany({ where: { id: intent.id, status: "SIGNED" }, data: { status: "DROPPED", resolvedAt: new Date() } });
      r.dropped += 1;
    } else {
      r[fate.state] += 1;
    }
  }
  return r;
}
