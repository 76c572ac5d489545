import type { Address, PublicClient } from "viem";
import type { Db } from "@/lib/db";
import type { PairVenues } from "@/lib/defi/venues";
import { tradeOfIntent } from "./intents";

/**
 * Live fills follow the canonical chain. For the last REORG_WINDOW_BLOCKS blocks, each live trade's
 * transaction is looked up again: gone (its block reorged away and the transaction not mined again)
 * → the trade is marked undone and leaves the P&L; mined again in another block (or back after a
 * reorg) → the trade takes that block's fill (amounts can differ) and counts again. Older fills are
 * taken as final (local chains and L2s reorg far less deep than this).
 */

export const REORG_WINDOW_BLOCKS = 64n;

export type ReorgCheck = { undone: number; redone: number };

export async function followReorgs(db: Db, client: PublicClient, venues: PairVenues, treasury: Address, head: bigint): Promise<ReorgCheck> {
  const r: ReorgCheck = { undone: 0, redone: 0 };
  const recent = await db.tradingTrade.findMany({ where: { mode: "LIVE", chainId: venues.chainId, txHash: { not: null }, blockNumber: { gte: head - REORG_WINDOW_BLOCKS } } });
  for (const trade of recent) {
    const hash = trade.txHash as `0x${string}`;
    const receipt = await client.getTransactionReceipt({ hash }).catch(() => null);
    if (receipt && receipt.status === "success" && receipt.blockHash === trade.blockHash && !trade.undoneAt) continue;
    if (!receipt || receipt.status !== "success") {
      if (!trade.undoneAt) {
        await db.tradingTrade.update({ where: { id: trade.id }, data: { undoneAt: new Date() } });
        r.undone += 1;
      }
      continue;
    }
    const intent = await db.tradeIntent.findUnique({ where: { txHash: hash } });
    if (!intent) continue; // a trade from before intents existed: nothing to price it with
    const fill = tradeOfIntent(intent, receipt, venues, treasury);
    await db.tradingTrade.update({ where: { id: trade.id }, data: { ...fill, blockHash: receipt.blockHash, undoneAt: null } });
    r.redone += 1;
  }
  return r;
}
