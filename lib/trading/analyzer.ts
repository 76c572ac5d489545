import type { Address, PublicClient } from "viem";
import { aavePoolAbi, erc20Abi } from "@/lib/defi/abis";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import type { Db } from "@/lib/db";
import { localDeployment } from "@/lib/chain/deployments.local";
import { localLending, type Lending } from "./yield";

/**
 * The on-chain analyzer: what the business holds on chain, and what moved it. It reads the
 * treasury's and every shop's receiving wallet's balances (ETH, WETH, USDC, USDT, DAI; for the
 * treasury also what it lent on Aave, aUSDC and aWETH) at one block,
 * values each at the chain's own USD feed for that token at that block, and records a wallet's
 * tokens whenever one of them changed since its last reading — so `wallet_balances` is the history
 * of balances over time, and the latest row per wallet and token is the balance now ("latest" by
 * block time, then height: a local chain restarted from block 0 must not leave the old chain's
 * higher blocks looking newer, and the holdings and their history must pick the same row). Customer
 * inflows come from the payments rollup, gas from live trades' receipts, large swaps from market
 * data (lib/trading/large-swaps.ts); `analyzerOverview` puts them together for /admin/treasury.
 */

/**
 * A token read in the watched wallets. `lent`: an Aave aToken (what the treasury lent, principal plus
 * interest, valued at the underlying's feed), read for the treasury alone; its balance grows every
 * block, so it counts as changed only when its value moved by a cent (not a row per reading).
 */
export type TokenSpec = { symbol: "ETH" | "WETH" | "USDC" | "USDT" | "DAI" | "aUSDC" | "aWETH"; address: Address | null; decimals: number; feed: Address; lent?: boolean };
export type WatchedWallet = { address: Address; label: string; treasury?: boolean };
export type Reading = { wallet: string; label: string; token: TokenSpec["symbol"]; amount: bigint; valueUsdCents: bigint; lent?: boolean };

/** The tokens the desk and the checkout use on the local chain (the only chain with a treasury). */
export function localTokens(): TokenSpec[] {
  const c = localDeployment.contracts;
  return [
    { symbol: "ETH", address: null, decimals: 18, feed: c.ETH_USD },
    { symbol: "WETH", address: c.WETH, decimals: 18, feed: c.ETH_USD },
    { symbol: "USDC", address: c.USDC, decimals: 6, feed: c.USDC_USD },
    { symbol: "USDT", address: c.USDT, decimals: 6, feed: c.USDT_USD },
    { symbol: "DAI", address: c.DAI, decimals: 18, feed: c.DAI_USD },
  ];
}

/**
 * What the treasury lent on the chain's Aave pool, as tokens to read: the aToken of each lending
 * reserve (lib/trading/yield.ts), valued at its underlying's feed. Asked of the pool once per process;
 * none where the chain has no lending pool (a bench's private chain), asked again next time.
 */
export async function lentTokens(client: PublicClient, lending: Lending = localLending()): Promise<TokenSpec[]> {
  if (lentMemo) return lentMemo;
  const underlying = new Map(localTokens().map((t) => [t.address?.toLowerCase(), t]));
  try {
    const specs = await Promise.all(
      lending.reserves.map(async (r): Promise<TokenSpec> => {
        const data = await client.readContract({ address: lending.pool, abi: aavePoolAbi, functionName: "getReserveData", args: [r.asset] });
        const of = underlying.get(r.asset.toLowerCase());
        if (!of) throw new Error(`no feed for the lending reserve ${r.symbol}`);
        return { symbol: `a${r.symbol}` as TokenSpec["symbol"], address: data.aTokenAddress, decimals: r.decimals, feed: of.feed, lent: true };
      }),
    );
    lentMemo = specs;
    return specs;
  } catch {
    return [];
  }
}
let lentMemo: TokenSpec[] | null = null;

/** amount (token base units) × answer (USD with feedDecimals) in USD cents, rounded down. */
export function valueUsdCents(amount: bigint, decimals: number, answer: bigint, feedDecimals: number): bigint {
  return (amount * answer * 100n) / 10n ** BigInt(decimals + feedDecimals);
}

/** The treasury, then each shop's receiving wallet (shops sharing one wallet share a row, names joined). */
export async function watchedWallets(db: Db, treasury: Address): Promise<WatchedWallet[]> {
  const shops = await db.shop.findMany({ where: { receivingWallet: { not: null } }, select: { name: true, receivingWallet: true }, orderBy: { name: "asc" } });
  const labels = new Map<string, string[]>([[treasury.toLowerCase(), ["Treasury"]]]);
  for (const s of shops) {
    const key = s.receivingWallet!.toLowerCase();
    labels.set(key, [...(labels.get(key) ?? []), s.name]);
  }
  return [...labels].map(([address, names]) => ({ address: address as Address, label: names.join(", "), treasury: address === treasury.toLowerCase() }));
}

/** Every wallet's every token at one block, valued at that block's feeds. */
export async function readBalances(client: PublicClient, wallets: readonly WatchedWallet[], tokens: readonly TokenSpec[], blockNumber: bigint): Promise<Reading[]> {
  const feeds = new Map<string, Awaited<ReturnType<typeof readFeedAt>>>();
  for (const feed of new Set(tokens.map((t) => t.feed))) feeds.set(feed, await readFeedAt(client, feed, blockNumber));
  const readings = await Promise.all(
    wallets.flatMap((w) =>
      tokens.filter((t) => !t.lent || w.treasury).map(async (t): Promise<Reading> => {
        const amount = t.address
          ? await client.readContract({ address: t.address, abi: erc20Abi, functionName: "balanceOf", args: [w.address], blockNumber })
          : await client.getBalance({ address: w.address, blockNumber });
        const round = feeds.get(t.feed)!;
        return { wallet: w.address.toLowerCase(), label: w.label, token: t.symbol, amount, valueUsdCents: valueUsdCents(amount, t.decimals, round.answer, round.decimals), ...(t.lent && { lent: true }) };
      }),
    ),
  );
  return readings;
}

/**
 * The readings of wallets that are new or have a token whose amount differs from its last recorded
 * one (a lent token: its value in cents; `last` holds what is compared, see `lastCompared`).
 */
export function changedReadings(readings: readonly Reading[], last: ReadonlyMap<string, bigint>): Reading[] {
  const changed = new Set(readings.filter((r) => last.get(`${r.wallet}:${r.token}`) !== (r.lent ? r.valueUsdCents : r.amount)).map((r) => r.wallet));
  return readings.filter((r) => changed.has(r.wallet));
}

/** Reads the watched wallets at the head and records the ones that changed. Returns what it wrote. */
export async function recordBalances(db: Db, client: PublicClient, chainId: number, treasury: Address, tokens = localTokens()): Promise<{ blockNumber: bigint; written: number }> {
  const block = await client.getBlock({ blockTag: "latest" });
  const readings = await readBalances(client, await watchedWallets(db, treasury), tokens, block.number);
  const latest = await db.$queryRaw<{ wallet: string; token: string; amount: string; value: string }[]>`
    SELECT DISTINCT ON (wallet, token) wallet, token, amount::text AS amount, value_usd_cents::text AS value
    FROM wallet_balances WHERE chain_id = ${chainId}
    ORDER BY wallet, token, block_time DESC, block_number DESC`;
  const lent = new Set(tokens.filter((t) => t.lent).map((t) => t.symbol as string));
  const changed = changedReadings(readings, new Map(latest.map((r) => [`${r.wallet}:${r.token}`, BigInt(lent.has(r.token) ? r.value : r.amount)])));
  if (changed.length === 0) return { blockNumber: block.number, written: 0 };
  const blockTime = new Date(Number(block.timestamp) * 1000);
  // Unique per wallet, block and token: two analyzers reading the same block write it once.
  const { count } = await db.walletBalance.createMany({
    data: changed.map((r) => ({ chainId, blockNumber: block.number, blockTime, wallet: r.wallet, label: r.label, token: r.token, amount: r.amount.toString(), valueUsdCents: r.valueUsdCents })),
    skipDuplicates: true,
  });
  return { blockNumber: block.number, written: count };
}

export type BalanceRow = { wallet: string; token: string; blockTime: Date; valueUsdCents: bigint };

/**
 * Total USD held after each reading, from change-only rows: each wallet's token keeps its last
 * value until its next row. Rows must be in time order; those before `from` only seed the totals.
 */
export function balanceSeries(rows: readonly BalanceRow[], from: Date): { at: Date; totalUsdCents: number }[] {
  const held = new Map<string, bigint>();
  const series: { at: Date; totalUsdCents: number }[] = [];
  let total = 0n;
  for (const r of rows) {
    const key = `${r.wallet}:${r.token}`;
    total += r.valueUsdCents - (held.get(key) ?? 0n);
    held.set(key, r.valueUsdCents);
    if (r.blockTime < from) continue;
    const point = { at: r.blockTime, totalUsdCents: Number(total) };
    // One point per reading time (a reading writes a wallet's tokens together).
    if (series.at(-1)?.at.getTime() === r.blockTime.getTime()) series[series.length - 1] = point;
    else series.push(point);
  }
  return series;
}

/** Share of the total per token, in basis points (they add up to 10,000 give or take rounding). */
export function allocationBps(byToken: ReadonlyMap<string, bigint>): { token: string; valueUsdCents: number; bps: number }[] {
  const total = [...byToken.values()].reduce((a, b) => a + b, 0n);
  return [...byToken]
    .map(([token, value]) => ({ token, valueUsdCents: Number(value), bps: total > 0n ? Number((value * 10_000n) / total) : 0 }))
    .sort((a, b) => b.valueUsdCents - a.valueUsdCents);
}

export type ShopWallet = { shopId: string; shop: string; chainId: number; wallet: string; totalUsdCents: number; tokens: { token: string; amount: string; valueUsdCents: number }[]; readAt: string };

/**
 * The shops' receiving wallets as the analyzer last read them, per chain (the manager dashboard's
 * "Shop wallets now"). A shop without a wallet, or whose wallet was never read, is left out.
 */
export async function shopWalletHoldings(db: Db, shopIds: readonly string[]): Promise<ShopWallet[]> {
  if (shopIds.length === 0) return [];
  const rows = await db.$queryRaw<{ shop_id: string; shop: string; chain_id: number; wallet: string; token: string; amount: string; value: bigint; block_time: Date }[]>`
    SELECT s.id::text AS shop_id, s.name AS shop, b.chain_id, b.wallet, b.token, b.amount::text AS amount, b.value_usd_cents AS value, b.block_time
    FROM shops s
    JOIN LATERAL (
      SELECT DISTINCT ON (w.chain_id, w.token) w.chain_id, w.wallet, w.token, w.amount, w.value_usd_cents, w.block_time
      FROM wallet_balances w WHERE w.wallet = lower(s.receiving_wallet)
      ORDER BY w.chain_id, w.token, w.block_time DESC, w.block_number DESC
    ) b ON true
    WHERE s.id = ANY(${[...shopIds]}::uuid[])
    ORDER BY s.name, b.chain_id, b.token`;
  const out = new Map<string, ShopWallet>();
  for (const r of rows) {
    const key = `${r.shop_id}:${r.chain_id}`;
    const w = out.get(key) ?? { shopId: r.shop_id, shop: r.shop, chainId: r.chain_id, wallet: r.wallet, totalUsdCents: 0, tokens: [], readAt: r.block_time.toISOString() };
    w.tokens.push({ token: r.token, amount: r.amount, valueUsdCents: Number(r.value) });
    w.totalUsdCents += Number(r.value);
    if (r.block_time.toISOString() > w.readAt) w.readAt = r.block_time.toISOString();
    out.set(key, w);
  }
  return [...out.values()];
}

const INFLOW_DAYS = 7;
const HISTORY_HOURS = 24;

/** What /admin/treasury's analyzer sections show. */
export async function analyzerOverview(db: Db, chainId: number, now = new Date()) {
  const from = new Date(now.getTime() - HISTORY_HOURS * 3_600_000);
  // One snapshot: the holdings now and their history must agree even while the trading worker (or
  // a test beside this one) records new balances between the reads.
  const [latest, history, inflows, gas, largeSwaps] = await db.$transaction(
    (tx) =>
      Promise.all([
        tx.$queryRaw<{ wallet: string; label: string; token: string; amount: string; value: bigint; block_time: Date }[]>`
          SELECT DISTINCT ON (wallet, token) wallet, label, token, amount::text AS amount, value_usd_cents AS value, block_time
          FROM wallet_balances WHERE chain_id = ${chainId}
          ORDER BY wallet, token, block_time DESC, block_number DESC`,
        // The window's rows, and each wallet-token's last row before it (the window's starting balance).
        tx.$queryRaw<{ wallet: string; token: string; block_time: Date; value: bigint }[]>`
          (SELECT DISTINCT ON (wallet, token) wallet, token, block_time, block_number, value_usd_cents AS value
             FROM wallet_balances WHERE chain_id = ${chainId} AND block_time < ${from}
             ORDER BY wallet, token, block_time DESC, block_number DESC)
          UNION ALL
          (SELECT wallet, token, block_time, block_number, value_usd_cents FROM wallet_balances WHERE chain_id = ${chainId} AND block_time >= ${from})
          ORDER BY block_time, block_number`,
        tx.$queryRaw<{ shop: string; currency: string; token: string; payments: bigint; amount: string; value: bigint }[]>`
          SELECT s.name AS shop, s.currency, d.token, sum(d.payments)::bigint AS payments, sum(d.amount_base_units)::text AS amount, sum(d.value_cents)::bigint AS value
          FROM analytics_payment_daily d JOIN shops s ON s.id = d.shop_id
          WHERE d.chain_id = ${chainId} AND d.day >= (${now}::timestamptz - make_interval(days => ${INFLOW_DAYS}))::date
          GROUP BY 1, 2, 3 HAVING sum(d.payments) <> 0 ORDER BY 6 DESC, 1, 3`,
        tx.$queryRaw<{ bot: string; trades: bigint; gas_wei: string; gas_usd_cents: bigint }[]>`
          SELECT b.name AS bot, count(*)::bigint AS trades, sum(t.gas_wei)::text AS gas_wei, sum(t.gas_usd_cents)::bigint AS gas_usd_cents
          FROM trading_trades t JOIN trading_bots b ON b.id = t.bot_id
          WHERE t.chain_id = ${chainId} AND t.gas_wei IS NOT NULL AND t.undone_at IS NULL
          GROUP BY 1 ORDER BY 4 DESC, 1`,
        tx.largeSwap.findMany({ where: { chainId }, orderBy: [{ blockNumber: "desc" }, { logIndex: "desc" }], take: 20 }),
      ]),
    { isolationLevel: "RepeatableRead" },
  );
  const byToken = new Map<string, bigint>();
  for (const r of latest) byToken.set(r.token, (byToken.get(r.token) ?? 0n) + r.value);
  const wallets = [...new Set(latest.map((r) => r.wallet))].map((wallet) => {
    const rows = latest.filter((r) => r.wallet === wallet);
    return {
      wallet,
      label: rows[0]!.label,
      totalUsdCents: Number(rows.reduce((a, r) => a + r.value, 0n)),
      tokens: rows.map((r) => ({ token: r.token, amount: r.amount, valueUsdCents: Number(r.value) })),
      readAt: rows.reduce((a, r) => (r.block_time > a ? r.block_time : a), rows[0]!.block_time),
    };
  });
  // The treasury first, then the shops by what they hold.
  wallets.sort((a, b) => Number(b.label === "Treasury") - Number(a.label === "Treasury") || b.totalUsdCents - a.totalUsdCents);
  return {
    wallets,
    totalUsdCents: wallets.reduce((a, w) => a + w.totalUsdCents, 0),
    allocation: allocationBps(byToken),
    history: balanceSeries(history.map((r) => ({ wallet: r.wallet, token: r.token, blockTime: r.block_time, valueUsdCents: r.value })), from).map((p) => ({ at: p.at.toISOString(), totalUsdCents: p.totalUsdCents })),
    inflowDays: INFLOW_DAYS,
    // Valued in the shop's currency at settlement (the payments rollup's figure).
    inflows: inflows.map((r) => ({ shop: r.shop, currency: r.currency.trim(), token: r.token, payments: Number(r.payments), amount: r.amount, valueCents: Number(r.value) })),
    gas: gas.map((g) => ({ bot: g.bot, trades: Number(g.trades), gasWei: g.gas_wei, gasUsdCents: Number(g.gas_usd_cents) })),
    largeSwaps: largeSwaps.map((x) => ({ id: x.id, block: x.blockNumber.toString(), at: x.blockTime, venue: x.venue, txHash: x.txHash, sender: x.sender, recipient: x.recipient, wethDelta: x.wethDelta.toFixed(0), usdcDelta: x.usdcDelta.toFixed(0), valueUsdCents: Number(x.valueUsdCents) })),
  };
}

export type AnalyzerOverview = Awaited<ReturnType<typeof analyzerOverview>>;
