import { maxUint256, type Address, type Hex, type PublicClient } from "viem";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { localDeployment } from "@/lib/chain/deployments.local";
import { erc20Abi, uniswapV3PoolAbi } from "@/lib/defi/abis";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import { LOCAL_CHAIN_ID, localAccount, TREASURY_INDEX } from "@/lib/defi/local-accounts";
import { minOut } from "@/lib/defi/slippage";
import { quoteExactInput } from "@/lib/defi/uniswap-v3/client";
import { usdcPerTokenAt } from "@/lib/defi/uniswap-v3/math";
import { localStables, STABLE_SYMBOLS, stableByAddress, stableRoute, stableSwapCall, type StableRoute, type StableSymbol, type StableVenues } from "@/lib/defi/venues";
import { usdcToCents, weiToUsdc } from "./arbitrage";
import type { TradeIntent as GuardedTrade } from "./guard";
import { deadlineFromNow, signCall, type SignedTrade, type Signer } from "./live";
import { deviationBps, oracleAgeSeconds, pegCheck, type PegCheck } from "./market-math";

/**
 * Stablecoin-mix rebalancing: a bot keeps the treasury's stablecoins (USDC, USDT, DAI) near a target
 * mix, e.g. 60 / 20 / 20 % ± a band. Once per period, when a coin's share is outside its target ±
 * the band, it swaps the coin most over its target into the one most under, through the 0.01 % V3
 * pools (USDT ⇄ DAI through USDC, two hops in one transaction), at most the bot's max trade. Every
 * coin is valued at $1 (the guard refuses to trade while any of them is off its peg on its feed, or
 * its pool is off $1: STABLE_DEPEG). As with the USDC/WETH rebalancer (./rebalance.ts), a live bot
 * steers the treasury's real balances, a paper bot a book of the treasury plus its paper fills.
 */

export type StableMix = Record<StableSymbol, number>;
export type StableBook = Record<StableSymbol, bigint>;
export type StableMixSettings = { target: StableMix; bandBps: number; maxTradeUsdCents: number };
export type StableMixSwap = { from: StableSymbol; to: StableSymbol; amountIn: bigint; usdCents: number; sharesBps: StableMix };

/** A stored mix (trading_bots.stable_mix): bps per coin, adding up to 10,000. */
export const stableMixSchema = z
  .object({ USDC: z.number().int().min(0).max(10_000), USDT: z.number().int().min(0).max(10_000), DAI: z.number().int().min(0).max(10_000) })
  .refine((m) => m.USDC + m.USDT + m.DAI === 10_000, "The target shares must add up to 100 %");

export function parseStableMix(value: unknown): StableMix | null {
  const parsed = stableMixSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A stablecoin amount (base units of `decimals`) in USDC base units (6 decimals), at $1, rounded down. Pure. */
export function usdcOf(amount: bigint, decimals: number): bigint {
  return decimals >= 6 ? amount / 10n ** BigInt(decimals - 6) : amount * 10n ** BigInt(6 - decimals);
}

/** USDC base units (6 decimals) as base units of a coin with `decimals`. Pure. */
export function fromUsdc(usdc: bigint, decimals: number): bigint {
  return decimals >= 6 ? usdc * 10n ** BigInt(decimals - 6) : usdc / 10n ** BigInt(6 - decimals);
}

export const STABLE_DECIMALS: Record<StableSymbol, number> = { USDC: 6, USDT: 6, DAI: 18 };

/** Each coin's share of the book in bps (each at $1); null for an empty book. Pure. */
export function stableShares(book: StableBook, decimals: Record<StableSymbol, number> = STABLE_DECIMALS): StableMix | null {
  const value = STABLE_SYMBOLS.map((s) => usdcOf(book[s], decimals[s]));
  const total = value.reduce((a, b) => a + b, 0n);
  if (total === 0n) return null;
  return Object.fromEntries(STABLE_SYMBOLS.map((s, i) => [s, Number((value[i]! * 10_000n) / total)])) as StableMix;
}

/**
 * Pure: the swap that brings the book toward its target mix, or null when every coin is within its
 * target ± the band. The coin most over its target is sold for the one most under (ties: the order
 * USDC, USDT, DAI), for the smaller of the one's excess and the other's shortfall, capped at the
 * bot's max trade (and at what the book holds of the coin sold).
 */
export function stableMixSwap(book: StableBook, s: StableMixSettings, decimals: Record<StableSymbol, number> = STABLE_DECIMALS): StableMixSwap | null {
  const shares = stableShares(book, decimals);
  if (!shares) return null;
  const drift = STABLE_SYMBOLS.map((sym) => ({ sym, bps: shares[sym] - s.target[sym] }));
  if (drift.every((d) => Math.abs(d.bps) <= s.bandBps)) return null;
  const over = drift.reduce((a, b) => (b.bps > a.bps ? b : a));
  const under = drift.reduce((a, b) => (b.bps < a.bps ? b : a));
  if (over.sym === under.sym) return null;
  const value = (sym: StableSymbol) => usdcOf(book[sym], decimals[sym]);
  const total = STABLE_SYMBOLS.reduce((sum, sym) => sum + value(sym), 0n);
  const excess = value(over.sym) - (total * BigInt(s.target[over.sym])) / 10_000n;
  const shortfall = (total * BigInt(s.target[under.sym])) / 10_000n - value(under.sym);
  const min = (...xs: bigint[]) => xs.reduce((a, b) => (b < a ? b : a));
  const usdc = min(excess, shortfall, BigInt(s.maxTradeUsdCents) * 10_000n);
  const amountIn = min(fromUsdc(usdc, decimals[over.sym]), book[over.sym]);
  if (amountIn <= 0n) return null;
  return { from: over.sym, to: under.sym, amountIn, usdCents: usdcToCents(usdcOf(amountIn, decimals[over.sym])), sharesBps: shares };
}

/** The treasury's stablecoins at a block, plus (paper) the bot's counted paper fills in them. */
export async function stableBookOf(db: Db, client: PublicClient, v: StableVenues, p: { botId: string; paper: boolean; treasury: Address; blockNumber: bigint }): Promise<StableBook> {
  const read = (token: Address) => client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [p.treasury], blockNumber: p.blockNumber });
  const amounts = await Promise.all(STABLE_SYMBOLS.map((s) => read(v.stables[s].address)));
  const book = Object.fromEntries(STABLE_SYMBOLS.map((s, i) => [s, amounts[i]!])) as StableBook;
  if (!p.paper) return book;
  return withPaperFills(book, v, await paperFills(db, p.botId));
}

export type PaperFill = { token_in: string; token_out: string; amount_in: string; amount_out: string };

/** A paper bot's counted fills, summed per token pair in the database (amounts are exact text). */
export function paperFills(db: Db, botId: string): Promise<PaperFill[]> {
  return db.$queryRaw<PaperFill[]>`
    SELECT token_in, token_out, sum(amount_in::numeric)::text AS amount_in, sum(amount_out::numeric)::text AS amount_out
    FROM trading_trades WHERE bot_id = ${botId}::uuid AND mode = 'PAPER' AND undone_at IS NULL GROUP BY 1, 2`;
}

/** Pure: a book moved by paper fills (which moved nothing on chain); never below zero. */
export function withPaperFills(book: StableBook, v: StableVenues, fills: readonly PaperFill[]): StableBook {
  const out = { ...book };
  for (const f of fills) {
    const tIn = stableByAddress(v, f.token_in);
    const tOut = stableByAddress(v, f.token_out);
    if (tIn) out[tIn.symbol] -= BigInt(f.amount_in);
    if (tOut) out[tOut.symbol] += BigInt(f.amount_out);
  }
  for (const s of STABLE_SYMBOLS) if (out[s] < 0n) out[s] = 0n;
  return out;
}

/**
 * What the screen shows in a stablecoin-mix bot's line: the book it steers per coin, from the
 * treasury's balances as the analyzer last recorded them (wallet_balances) plus, for a paper bot,
 * its paper fills. Read from the database only (the page makes no chain call).
 */
export async function recordedStableBooks(db: Db, bots: readonly { id: string; mode: string }[]): Promise<Map<string, { book: Record<StableSymbol, string>; sharesBps: StableMix | null }>> {
  const out = new Map<string, { book: Record<StableSymbol, string>; sharesBps: StableMix | null }>();
  if (bots.length === 0) return out;
  const v = localStables();
  const treasury = localAccount(TREASURY_INDEX).address.toLowerCase();
  const rows = await db.$queryRaw<{ token: string; amount: string }[]>`
    SELECT DISTINCT ON (token) token, amount::text AS amount FROM wallet_balances
    WHERE chain_id = ${v.chainId} AND wallet = ${treasury} AND token IN ('USDC', 'USDT', 'DAI')
    ORDER BY token, block_number DESC`;
  const base = Object.fromEntries(STABLE_SYMBOLS.map((s) => [s, BigInt(rows.find((r) => r.token === s)?.amount ?? "0")])) as StableBook;
  for (const bot of bots) {
    const book = bot.mode === "PAPER" ? withPaperFills(base, v, await paperFills(db, bot.id)) : base;
    out.set(bot.id, { book: Object.fromEntries(STABLE_SYMBOLS.map((s) => [s, book[s].toString()])) as Record<StableSymbol, string>, sharesBps: stableShares(book) });
  }
  return out;
}

/** One exact-input swap's gas: a hop ~110k plus the transaction base; a second hop ~70k more. */
export const STABLE_SWAP_GAS = { 1: 180_000n, 2: 250_000n } as const;
const STABLE_SWAP_GAS_LIMIT = 400_000n;

export type StableQuote = {
  chainId: number;
  blockNumber: bigint;
  route: StableRoute;
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  amountOut: bigint;
  /** The input at $1, in USD cents. */
  sizeUsdCents: number;
  gasCostUsdc: bigint;
  /** ETH/USD at the block (gas is priced at it) and its age. */
  ethUsd: bigint;
  ethUsdDecimals: number;
  ethUsdAgeSeconds: number;
  /** Each route pool's mid: the other coin in USDC base units per whole coin (1,000,000 at the peg). */
  pools: { pool: Address; other: StableSymbol; mid: bigint; oracle: bigint }[];
  /** Each coin the route touches on its feed, and each route pool's price against $1: the guard's depeg breaker. */
  pegs: PegCheck[];
};

/** Quotes the route at one block (QuoterV2.quoteExactInput) with everything the guard judges. */
export async function quoteStableSwap(client: PublicClient, v: StableVenues, route: StableRoute, amountIn: bigint, blockNumber: bigint): Promise<StableQuote> {
  const c = localDeployment.contracts;
  const coins = [...new Set([route.from, ...route.pools.map(() => "USDC" as const), ...route.pools.map((p) => p.other), route.to])];
  const [block, quote, eth, feeds, pools] = await Promise.all([
    client.getBlock({ blockNumber }),
    quoteExactInput(client, { quoter: v.quoter, path: route.path, amountIn, blockNumber }),
    readFeedAt(client, c.ETH_USD, blockNumber),
    Promise.all(coins.map(async (sym) => [sym, await readFeedAt(client, v.stables[sym].feed, blockNumber)] as const)),
    Promise.all(
      route.pools.map(async (p) => {
        const [slot0, token0] = await Promise.all([
          client.readContract({ address: p.pool, abi: uniswapV3PoolAbi, functionName: "slot0", blockNumber }),
          client.readContract({ address: p.pool, abi: uniswapV3PoolAbi, functionName: "token0", blockNumber }),
        ]);
        const other = v.stables[p.other];
        return { pool: p.pool, other: p.other, mid: usdcPerTokenAt({ sqrtPriceX96: slot0[0], token0IsBase: token0.toLowerCase() === other.address.toLowerCase(), baseDecimals: other.decimals }) };
      }),
    ),
  ]);
  if (eth.answer <= 0n) throw new Error(`ETH/USD oracle has no usable answer (${eth.answer})`);
  const feedOf = new Map(feeds);
  const usdcFeed = feedOf.get("USDC")!;
  const decimalsIn = v.stables[route.from].decimals;
  const gas = STABLE_SWAP_GAS[route.pools.length === 1 ? 1 : 2];
  const withOracle = pools.map((p) => {
    const f = feedOf.get(p.other)!;
    // The other coin's USD price over USDC's, in USDC base units per whole coin (what the pool should show).
    const oracle = usdcFeed.answer > 0n ? (f.answer * 10n ** 6n * 10n ** BigInt(usdcFeed.decimals)) / (usdcFeed.answer * 10n ** BigInt(f.decimals)) : 0n;
    return { ...p, oracle };
  });
  return {
    chainId: v.chainId,
    blockNumber,
    route,
    tokenIn: v.stables[route.from].address,
    tokenOut: v.stables[route.to].address,
    amountIn,
    amountOut: quote.amountOut,
    sizeUsdCents: usdcToCents(usdcOf(amountIn, decimalsIn)),
    gasCostUsdc: weiToUsdc(gas * (block.baseFeePerGas ?? 0n), eth.answer, eth.decimals),
    ethUsd: eth.answer,
    ethUsdDecimals: eth.decimals,
    ethUsdAgeSeconds: oracleAgeSeconds(eth.updatedAt, block.timestamp),
    pools: withOracle,
    pegs: [
      ...feeds.map(([sym, f]) => pegCheck(sym, f, block.timestamp)),
      ...pools.map((p) => ({ token: p.other, deviationBps: deviationBps(p.mid, 1_000_000n), ageSeconds: 0, source: `in the USDC/${p.other} pool ${p.pool}` })),
    ],
  };
}

/** A stablecoin swap's P&L in USDC base units: what came out less what went in, both at $1, less gas. Pure. */
export function stableSwapPnlUsdc(p: { amountIn: bigint; decimalsIn: number; amountOut: bigint; decimalsOut: number }, gasUsdc: bigint): bigint {
  return usdcOf(p.amountOut, p.decimalsOut) - usdcOf(p.amountIn, p.decimalsIn) - gasUsdc;
}

export function stableQuotePnlUsdc(v: StableVenues, q: StableQuote): bigint {
  return stableSwapPnlUsdc({ amountIn: q.amountIn, decimalsIn: v.stables[q.route.from].decimals, amountOut: q.amountOut, decimalsOut: v.stables[q.route.to].decimals }, q.gasCostUsdc);
}

/** What the guard judges: the route's coins and pools, its size at $1, the expected P&L (fee, price impact, gas) and the pegs. */
export function guardedStableSwap(v: StableVenues, q: StableQuote, slippageBps: number): GuardedTrade {
  return {
    tokens: q.route.tokens,
    pools: q.route.pools.map((p) => p.pool),
    sizeUsdCents: q.sizeUsdCents,
    slippageBps,
    expectedPnlUsdCents: usdcToCents(stableQuotePnlUsdc(v, q)),
    oracle: {
      ageSeconds: q.ethUsdAgeSeconds,
      pools: q.pools.map((p) => ({ pool: p.pool, deviationBps: p.oracle > 0n ? deviationBps(p.mid, p.oracle) : 0 })),
      pegs: q.pegs,
    },
  };
}

/**
 * Signs the swap (not sent), local chain only: the coin sold must be held (nothing is minted for a
 * rebalancer: it moves what the treasury has); the router is allowed to pull it (USDT's approve goes
 * through zero first, as USDT requires); the call is simulated, so a swap that would revert is
 * refused here; then signed with the treasury's next nonce, at least the quote less the bot's slippage.
 */
export async function signStableSwap(client: PublicClient, signer: Signer, v: StableVenues, q: StableQuote, slippageBps: number): Promise<SignedTrade> {
  if (v.chainId !== LOCAL_CHAIN_ID || (await client.getChainId()) !== LOCAL_CHAIN_ID) throw new Error("live trading runs on the local chain only");
  const treasury = signer.account.address;
  const wait = async (hash: Hex) => {
    const r = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (r.status !== "success") throw new Error(`approving ${q.route.from} failed (${hash})`);
  };
  const balance = await client.readContract({ address: q.tokenIn, abi: erc20Abi, functionName: "balanceOf", args: [treasury] });
  if (balance < q.amountIn) throw new Error(`the treasury holds ${balance} base units of ${q.route.from}, less than the ${q.amountIn} this swap sells`);
  const allowance = await client.readContract({ address: q.tokenIn, abi: erc20Abi, functionName: "allowance", args: [treasury, v.router] });
  if (allowance < q.amountIn) {
    if (allowance > 0n) await wait(await signer.writeContract({ address: q.tokenIn, abi: approveAbi, functionName: "approve", args: [v.router, 0n] }));
    await wait(await signer.writeContract({ address: q.tokenIn, abi: approveAbi, functionName: "approve", args: [v.router, maxUint256] }));
  }
  const deadline = await deadlineFromNow(client);
  const { to, data } = stableSwapCall(v, q.route, { amountIn: q.amountIn, minOut: minOut(q.amountOut, slippageBps), recipient: treasury, deadline });
  await client.call({ account: signer.account, to, data, gas: STABLE_SWAP_GAS_LIMIT });
  return signCall(client, signer, { to, data, gas: STABLE_SWAP_GAS_LIMIT, deadline, amountIn: q.amountIn });
}

/** The bot's route for a decided swap. */
export function routeOf(v: StableVenues, swap: StableMixSwap): StableRoute {
  return stableRoute(v, swap.from, swap.to);
}

/** approve as USDT declares it (no return value); fine for the ERC-20s too, whose bool is not read. */
const approveAbi = [{ type: "function", name: "approve", stateMutability: "nonpayable", inputs: [{ name: "spender", type: "address" }, { name: "value", type: "uint256" }], outputs: [] }] as const;
