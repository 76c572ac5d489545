import type { Db } from "@/lib/db";
import { toCsv, type CsvColumn } from "@/lib/analytics/csv";
import { localWethUsdc, pairToken } from "@/lib/defi/venues";

/**
 * Every trade the desk recorded, as CSV for the books (GET /admin/treasury/trades.csv, admins only):
 * oldest first, amounts as decimal units of their token (USDC 6 decimals, WETH 18), P&L in USD
 * (realised: a scheduled bot's swap's is its gas), and whether a reorg took the fill away (such a
 * trade is not counted in P&L until it is mined again).
 */

/** The most rows one download holds; the desk records a trade per bot and block at most, so this is months of work. */
export const MAX_CSV_TRADES = 50_000;

type TradeRow = {
  createdAt: Date;
  bot: { name: string; strategy: string };
  mode: string;
  chainId: number;
  blockNumber: bigint;
  tokenIn: string;
  amountIn: string;
  tokenOut: string;
  amountOut: string;
  venue: string | null;
  pnlUsdCents: number;
  txHash: string | null;
  undoneAt: Date | null;
};

/** Base units → a plain decimal ("15000.000000"): exact, no float. */
export function units(baseUnits: string, decimals: number): string {
  const n = BigInt(baseUnits);
  const sign = n < 0n ? "-" : "";
  const abs = n < 0n ? -n : n;
  const scale = 10n ** BigInt(decimals);
  return decimals === 0 ? `${sign}${abs}` : `${sign}${abs / scale}.${(abs % scale).toString().padStart(decimals, "0")}`;
}

/** Cents → dollars as a plain decimal ("-2.50"). */
export const dollars = (cents: number) => units(String(cents), 2);

const venues = localWethUsdc();
const token = (address: string) => pairToken(venues, address);

const COLUMNS: readonly CsvColumn<TradeRow>[] = [
  { header: "time (UTC)", value: (t) => t.createdAt.toISOString() },
  { header: "bot", value: (t) => t.bot.name },
  { header: "strategy", value: (t) => t.bot.strategy },
  { header: "mode", value: (t) => t.mode.toLowerCase() },
  { header: "chain", value: (t) => t.chainId },
  { header: "block", value: (t) => t.blockNumber.toString() },
  { header: "token in", value: (t) => token(t.tokenIn).symbol },
  { header: "amount in", value: (t) => units(t.amountIn, token(t.tokenIn).decimals) },
  { header: "token out", value: (t) => token(t.tokenOut).symbol },
  { header: "amount out", value: (t) => units(t.amountOut, token(t.tokenOut).decimals) },
  { header: "venue", value: (t) => t.venue ?? "" },
  { header: "P&L (USD)", value: (t) => dollars(t.pnlUsdCents) },
  { header: "tx hash", value: (t) => t.txHash ?? "" },
  { header: "status", value: (t) => (t.undoneAt ? "reorged away" : "counted") },
];

export function tradesToCsv(rows: readonly TradeRow[]): string {
  return toCsv(rows, COLUMNS);
}

export async function tradesCsv(db: Db): Promise<string> {
  const rows = await db.tradingTrade.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_CSV_TRADES,
    include: { bot: { select: { name: true, strategy: true } } },
  });
  return tradesToCsv(rows);
}
