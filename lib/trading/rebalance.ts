import type { Address, PublicClient } from "viem";
import type { Db } from "@/lib/db";
import { erc20Abi } from "@/lib/defi/abis";
import type { PairVenues } from "@/lib/defi/venues";
import type { Side } from "./swap";

/**
 * Treasury rebalancing: a bot keeps the treasury's USDC share of what it holds in the pair (USDC +
 * WETH valued at the ETH/USD feed) near a target — crypto revenue converted to the stablecoin the
 * business pays its bills in, or stablecoins put back into ETH when the share runs high. Once per
 * period, if the share is outside target ± band, it swaps toward the target, at most the bot's max
 * trade per period. A live bot steers the treasury's real balances; a paper bot steers a book of
 * its own: the treasury's balances plus its paper fills (which moved nothing on chain), so one
 * paper trade brings its book back into the band like a live one would.
 */

export const REBALANCE_STRATEGY = "rebalance";

export type Book = { usdc: bigint; weth: bigint };
export type RebalanceSettings = { targetUsdcBps: number; bandBps: number; maxTradeUsdc: bigint };

/** The USDC share of the book in basis points, WETH at the feed (USDC base units per whole ETH); null for an empty book. */
export function usdcShareBps(book: Book, oracleUsdcPerEth: bigint): number | null {
  const total = book.usdc + (book.weth * oracleUsdcPerEth) / 10n ** 18n;
  return total > 0n ? Number((book.usdc * 10_000n) / total) : null;
}

/** Pure: the swap that moves the book's USDC share to the target, capped at the max trade; null inside the band. */
export function rebalanceSwap(book: Book, oracleUsdcPerEth: bigint, s: RebalanceSettings): { side: Side; amountIn: bigint } | null {
  const share = usdcShareBps(book, oracleUsdcPerEth);
  if (share === null || oracleUsdcPerEth <= 0n || Math.abs(share - s.targetUsdcBps) <= s.bandBps) return null;
  const total = book.usdc + (book.weth * oracleUsdcPerEth) / 10n ** 18n;
  const targetUsdc = (total * BigInt(s.targetUsdcBps)) / 10_000n;
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  if (book.usdc < targetUsdc) {
    const usdcWanted = min(targetUsdc - book.usdc, s.maxTradeUsdc);
    const weth = min((usdcWanted * 10n ** 18n) / oracleUsdcPerEth, book.weth);
    return weth > 0n ? { side: "sell", amountIn: weth } : null;
  }
  const spend = min(book.usdc - targetUsdc, s.maxTradeUsdc);
  return spend > 0n ? { side: "buy", amountIn: spend } : null;
}

/** The treasury's USDC and WETH at a block, plus (paper) the bot's counted paper fills. */
export async function bookOf(db: Db, client: PublicClient, venues: PairVenues, p: { botId: string; paper: boolean; treasury: Address; blockNumber: bigint }): Promise<Book> {
  const read = (token: Address) => client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [p.treasury], blockNumber: p.blockNumber });
  const [usdc, weth] = await Promise.all([read(venues.usdc), read(venues.weth)]);
  const book = { usdc, weth };
  if (!p.paper) return book;
  // Summed in the database: a rebalancer inside its band looks at its book on every poll, and its
  // fills grow by one a period. Amounts are text (exact base units), summed as numbers.
  const fills = await db.$queryRaw<{ token_in: string; token_out: string; amount_in: string; amount_out: string }[]>`
    SELECT token_in, token_out, sum(amount_in::numeric)::text AS amount_in, sum(amount_out::numeric)::text AS amount_out
    FROM trading_trades WHERE bot_id = ${p.botId}::uuid AND mode = 'PAPER' AND undone_at IS NULL GROUP BY 1, 2`;
  const key = (token: string): keyof Book | null => (token.toLowerCase() === venues.usdc.toLowerCase() ? "usdc" : token.toLowerCase() === venues.weth.toLowerCase() ? "weth" : null);
  for (const f of fills) {
    const inKey = key(f.token_in);
    const outKey = key(f.token_out);
    if (inKey) book[inKey] -= BigInt(f.amount_in);
    if (outKey) book[outKey] += BigInt(f.amount_out);
  }
  return { usdc: book.usdc > 0n ? book.usdc : 0n, weth: book.weth > 0n ? book.weth : 0n };
}
