import { getAbiItem, type Address, type Hash, type PublicClient } from "viem";
import type { Db } from "@/lib/db";
import { localDeployment } from "@/lib/chain/deployments.local";
import { uniswapV2PairAbi, uniswapV3PoolAbi } from "@/lib/defi/abis";
import { readFeedAt } from "@/lib/defi/chainlink/feed";
import { pairState } from "@/lib/defi/uniswap-v2/client";
import { poolState } from "@/lib/defi/uniswap-v3/client";
import { usdcPerTokenAt } from "@/lib/defi/uniswap-v3/math";
import { feeTier, localStables, type PairVenues } from "@/lib/defi/venues";
import { createEvent, type OutgoingEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import type { FeedRound } from "@/lib/payments/pricing";
import { LARGE_SWAP_USD_CENTS, largeSwapOf, type LargeSwapFigures } from "./large-swaps";
import { depthAt, deviationBps, midOfCurve, midOfV3, oracleAgeSeconds, oracleToUsdc, v2Curve, v3Curve, type Curve } from "./market-math";
import { recordPriceMinute } from "./price-history";

/**
 * Market data: follows the watched pools block by block from the last block it stored, reads
 * their state from their own events (a V3 pool's `Swap` carries its new sqrtPriceX96 and
 * liquidity; a V2 pair's `Sync` its new reserves; after a V3 `Mint`/`Burn` the pool is read at
 * that block), compares each mid with the ETH/USD feed at that block, and for every block in which
 * a pool changed (or the feed posted a new round) writes the pool's latest snapshot, folds it into
 * the pool's minute of price history (price-history.ts) and a `trading.price_updated` event (topic
 * trading.prices.v1).
 *
 * One pass covers the blocks after the cursor up to the head (at most MAX_BLOCKS_PER_PASS), and
 * commits the snapshots, the events (through the outbox) and the new cursor in one transaction,
 * so a restart resumes at the next block: no block is skipped and none is published twice. Two
 * followers racing on one chain cannot both commit the same range (the cursor update is
 * conditional). A reorg under the cursor (its block's hash changed) is answered by re-reading
 * every pool at the head: prices are state, so the head's state is right whatever was orphaned;
 * events already sent for orphaned blocks are not withdrawn (readers keep the newest block).
 */

export type WatchedPool = {
  venue: "uniswap-v3" | "uniswap-v2";
  pool: Address;
  feePpm: number;
  /**
   * A pool of another token against USDC (the stablecoin pools): its label, the token priced in USDC
   * (its decimals) and that token's USD feed. Without it the pool is the watch's WETH/USDC, on ETH/USD.
   */
  base?: { pair: string; token: Address; decimals: number; feed: Address };
};
export type MarketWatch = { chainId: number; pair: "WETH/USDC"; weth: Address; oracle: Address; pools: readonly WatchedPool[] };

/** The pools the desk trades, and the ETH/USD feed, on the local chain. */
export function marketWatchOf(venues: PairVenues): MarketWatch {
  return {
    chainId: venues.chainId,
    pair: venues.pair,
    weth: venues.weth,
    oracle: localDeployment.contracts.ETH_USD,
    pools: [
      { venue: "uniswap-v3", pool: venues.v3.pool, feePpm: venues.v3.fee },
      { venue: "uniswap-v2", pool: venues.v2.pair, feePpm: venues.v2.feeBps * 100 },
    ],
  };
}

/**
 * What the trading worker follows: the desk's pools and, on the local chain, the other WETH/USDC
 * fee tier (V3 at 0.3 %: watched, charted and checked for large swaps; the arbitrage detector
 * compares it with the 0.05 % pool and with V2) and the stablecoin pools (USDC/USDT and USDC/DAI at
 * 0.01 %), each priced in USDC against its own coin's USD feed, so a stablecoin drifting off its
 * peg shows in the market table (and its event) as that pool's deviation. The stablecoin pools'
 * snapshots and events only: the price history (the chart) is the WETH/USDC pools'.
 */
export function deskWatchOf(venues: PairVenues): MarketWatch {
  const watch = marketWatchOf(venues);
  if (venues.chainId !== localDeployment.chainId) return watch;
  const otherTier: WatchedPool = { venue: "uniswap-v3", pool: localDeployment.contracts.UniswapV3Pool_WETH_USDC_3000, feePpm: 3000 };
  const v = localStables();
  const stablePools = v.pools.map((p): WatchedPool => {
    const other = v.stables[p.other];
    return { venue: "uniswap-v3", pool: p.pool, feePpm: p.fee, base: { pair: `USDC/${p.other}`, token: other.address, decimals: other.decimals, feed: other.feed } };
  });
  return { ...watch, pools: [...watch.pools, otherTier, ...stablePools] };
}

/** A pool as people name it: venue, fee tier and pair ("uniswap-v3 0.05 % WETH/USDC"); without the tier when the watch does not know the pool. */
export function poolName(watch: MarketWatch, p: { pool: string; venue: string; pair: string }): string {
  const watched = watch.pools.find((w) => w.pool.toLowerCase() === p.pool.toLowerCase());
  return watched ? `${p.venue} ${feeTier(watched.feePpm)} ${p.pair}` : `${p.venue} ${p.pair}`;
}

/** The feed a pool is compared with: its coin's USD feed, or the watch's ETH/USD. */
const feedOf = (watch: MarketWatch, pool: WatchedPool) => pool.base?.feed ?? watch.oracle;

/** getLogs ranges are capped by RPC providers; a follower far behind catches up over several passes. */
const MAX_BLOCKS_PER_PASS = 2_000n;

const v3Swap = getAbiItem({ abi: uniswapV3PoolAbi, name: "Swap" });
// Liquidity added or removed moves a V3 pool's depth without a Swap: the pool is read at that block.
const v3Mint = getAbiItem({ abi: uniswapV3PoolAbi, name: "Mint" });
const v3Burn = getAbiItem({ abi: uniswapV3PoolAbi, name: "Burn" });
const v2Sync = getAbiItem({ abi: uniswapV2PairAbi, name: "Sync" });
// Read for large swaps only: a V2 pair's state comes from its Sync.
const v2Swap = getAbiItem({ abi: uniswapV2PairAbi, name: "Swap" });

export type PoolSnapshot = {
  chainId: number;
  pool: Address;
  venue: WatchedPool["venue"];
  pair: string;
  blockNumber: bigint;
  blockTimestamp: bigint;
  mid: bigint;
  oracle: bigint;
  oracleUpdatedAt: bigint;
  deviationBps: number;
  oracleAgeSeconds: number;
  depth: { bps: number; upUsdc: bigint; downWeth: bigint }[];
};

export type MarketPass = {
  from: bigint;
  to: bigint;
  /** The events this pass committed (one per pool and block that changed). */
  events: OutgoingEvent<"trading.price_updated">[];
  /** The cursor's block had been reorged away: every pool was re-read at the head. */
  reorged: boolean;
  /** Swaps at or over the large-swap threshold in these blocks (recorded in large_swaps). */
  largeSwaps: number;
};

type LargeSwapSeen = LargeSwapFigures & { pool: WatchedPool; blockNumber: bigint; txHash: Hash; logIndex: number };

type PoolState = { kind: "v3"; sqrtPriceX96: bigint; liquidity: bigint } | { kind: "v2"; reserve0: bigint; reserve1: bigint };
/** A change whose resulting state the event does not carry: read the pool at the block's end. */
type Change = PoolState | { kind: "read" };

/** The figures of one pool at one block: pure, from its state and the oracle's round. */
export function snapshotOf(watch: MarketWatch, pool: WatchedPool, token0IsWeth: boolean, state: PoolState, block: { number: bigint; timestamp: bigint }, round: FeedRound): PoolSnapshot {
  // token0IsWeth: whether token0 is the token priced (WETH, or the stable pool's other coin).
  const curve: Curve =
    state.kind === "v3"
      ? v3Curve({ sqrtPriceX96: state.sqrtPriceX96, liquidity: state.liquidity, token0IsWeth, feePpm: pool.feePpm })
      : v2Curve({ reserve0: state.reserve0, reserve1: state.reserve1, token0IsWeth, feePpm: pool.feePpm });
  const mid =
    state.kind === "v3"
      ? pool.base
        ? usdcPerTokenAt({ sqrtPriceX96: state.sqrtPriceX96, token0IsBase: token0IsWeth, baseDecimals: pool.base.decimals })
        : midOfV3({ sqrtPriceX96: state.sqrtPriceX96, token0IsWeth })
      : midOfCurve(curve);
  const oracle = oracleToUsdc(round.answer, round.decimals);
  return {
    chainId: watch.chainId,
    pool: pool.pool,
    venue: pool.venue,
    pair: pool.base?.pair ?? watch.pair,
    blockNumber: block.number,
    blockTimestamp: block.timestamp,
    mid,
    oracle,
    oracleUpdatedAt: round.updatedAt,
    deviationBps: oracle > 0n ? deviationBps(mid, oracle) : 0,
    oracleAgeSeconds: oracleAgeSeconds(round.updatedAt, block.timestamp),
    depth: depthAt(curve),
  };
}

const iso = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

export function priceEvent(s: PoolSnapshot): OutgoingEvent<"trading.price_updated"> {
  return createEvent(
    "trading.price_updated",
    `${s.chainId}:${s.pool.toLowerCase()}`,
    {
      chainId: s.chainId,
      pool: s.pool,
      venue: s.venue,
      pair: s.pair,
      blockNumber: s.blockNumber.toString(),
      blockTimestamp: iso(s.blockTimestamp),
      mid: s.mid.toString(),
      oracle: s.oracle.toString(),
      oracleUpdatedAt: iso(s.oracleUpdatedAt),
      oracleAgeSeconds: s.oracleAgeSeconds,
      deviationBps: s.deviationBps,
      depth: s.depth.map((d) => ({ bps: d.bps, upUsdc: d.upUsdc.toString(), downWeth: d.downWeth.toString() })),
    },
    new Date(Number(s.blockTimestamp) * 1000),
  );
}

/** Pools' token order never changes: read once per process. */
const token0IsWethCache = new Map<string, boolean>();
async function token0IsWeth(client: PublicClient, watch: MarketWatch, pool: WatchedPool): Promise<boolean> {
  const key = `${watch.chainId}:${pool.pool.toLowerCase()}`;
  const known = token0IsWethCache.get(key);
  if (known !== undefined) return known;
  const token0 = pool.venue === "uniswap-v3" ? (await poolState(client, pool.pool)).token0 : (await pairState(client, pool.pool)).token0;
  const isWeth = token0.toLowerCase() === (pool.base?.token ?? watch.weth).toLowerCase();
  token0IsWethCache.set(key, isWeth);
  return isWeth;
}

async function stateAt(client: PublicClient, pool: WatchedPool, blockNumber: bigint): Promise<PoolState> {
  if (pool.venue === "uniswap-v3") {
    const s = await poolState(client, pool.pool, blockNumber);
    return { kind: "v3", sqrtPriceX96: s.sqrtPriceX96, liquidity: s.liquidity };
  }
  const s = await pairState(client, pool.pool, blockNumber);
  return { kind: "v2", reserve0: s.reserve0, reserve1: s.reserve1 };
}

/** One pass: the blocks after the cursor (or, the first time, the head alone) up to the head. Null when there is nothing new. */
export async function followMarket(db: Db, client: PublicClient, watch: MarketWatch, opts: { maxBlocks?: bigint; largeSwapUsdCents?: number; /** The head as the caller knows it (read from the chain when absent). */ head?: bigint } = {}): Promise<MarketPass | null> {
  const head = opts.head ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const cursor = await db.marketCursor.findUnique({ where: { chainId: watch.chainId } });
  let from = head;
  let everyPool = cursor === null; // the first pass describes every pool once
  let reorged = false;
  if (cursor) {
    const at = cursor.lastBlock <= head ? await client.getBlock({ blockNumber: cursor.lastBlock }).catch(() => null) : null;
    if (!at || at.hash !== cursor.lastBlockHash) {
      reorged = true;
      everyPool = true;
    } else if (cursor.lastBlock === head) {
      return null;
    } else {
      from = cursor.lastBlock + 1n;
    }
  }
  const max = opts.maxBlocks ?? MAX_BLOCKS_PER_PASS;
  const to = head - from + 1n > max ? from + max - 1n : head;

  const logs = await client.getLogs({ address: watch.pools.map((p) => p.pool), events: [v3Swap, v3Mint, v3Burn, v2Sync, v2Swap], fromBlock: from, toBlock: to, strict: true });
  const poolOf = new Map(watch.pools.map((p) => [p.pool.toLowerCase(), p]));
  const largeSwapUsdCents = opts.largeSwapUsdCents ?? LARGE_SWAP_USD_CENTS;
  const largeSwaps: LargeSwapSeen[] = [];
  // Per block, per pool: the last state the block left (logs come in block and log order).
  const changes = new Map<bigint, Map<string, Change>>();
  for (const log of logs) {
    if (log.blockNumber === null || log.transactionHash === null || log.logIndex === null) continue;
    const pool = poolOf.get(log.address.toLowerCase());
    if (log.eventName === "Swap" && pool) {
      const swap = "sqrtPriceX96" in log.args ? { kind: "v3" as const, ...log.args } : { kind: "v2" as const, ...log.args, recipient: log.args.to };
      // Large swaps are the WETH/USDC pools' (the analyzer's WETH and USDC columns).
      const large = pool.base ? null : largeSwapOf(swap, await token0IsWeth(client, watch, pool), largeSwapUsdCents);
      if (large) largeSwaps.push({ ...large, pool, blockNumber: log.blockNumber, txHash: log.transactionHash, logIndex: log.logIndex });
      if (swap.kind === "v2") continue; // the pair's Sync in the same transaction carries its state
    }
    const byPool = changes.get(log.blockNumber) ?? new Map<string, Change>();
    const change: Change =
      log.eventName === "Swap" && "sqrtPriceX96" in log.args
        ? { kind: "v3", sqrtPriceX96: log.args.sqrtPriceX96, liquidity: log.args.liquidity }
        : log.eventName === "Sync"
          ? { kind: "v2", reserve0: log.args.reserve0, reserve1: log.args.reserve1 }
          : { kind: "read" };
    byPool.set(log.address.toLowerCase(), change);
    changes.set(log.blockNumber, byPool);
  }
  // A new oracle round changes every pool's deviation: re-describe them all at the pass's last block.
  const feeds = [...new Set(watch.pools.map((p) => feedOf(watch, p)))];
  const lastRounds = new Map(await Promise.all(feeds.map(async (f) => [f, await readFeedAt(client, f, to)] as const)));
  // The cursor keeps the round of every feed (one id when only ETH/USD is watched, as before).
  const roundIds = feeds.map((f) => lastRounds.get(f)!.roundId.toString()).join(":");
  if (everyPool || roundIds !== cursor?.oracleRoundId) {
    if (!changes.has(to)) changes.set(to, new Map());
    everyPool = true;
  }

  const blocks = new Map<bigint, { hash: Hash; timestamp: bigint }>();
  const blockAt = async (n: bigint) => {
    const known = blocks.get(n);
    if (known) return known;
    const b = await client.getBlock({ blockNumber: n });
    const seen = { hash: b.hash, timestamp: b.timestamp };
    blocks.set(n, seen);
    return seen;
  };
  const snapshots: PoolSnapshot[] = [];
  for (const blockNumber of [...changes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const byPool = changes.get(blockNumber)!;
    const block = await blockAt(blockNumber);
    const rounds = new Map<Address, FeedRound>();
    const roundOf = async (feed: Address) => {
      const known = blockNumber === to ? lastRounds.get(feed) : rounds.get(feed);
      if (known) return known;
      const r = await readFeedAt(client, feed, blockNumber);
      rounds.set(feed, r);
      return r;
    };
    for (const pool of watch.pools) {
      const change = byPool.get(pool.pool.toLowerCase()) ?? (everyPool && blockNumber === to ? { kind: "read" as const } : undefined);
      if (!change) continue;
      const round = await roundOf(feedOf(watch, pool));
      const state = change.kind === "read" ? await stateAt(client, pool, blockNumber) : change;
      snapshots.push(snapshotOf(watch, pool, await token0IsWeth(client, watch, pool), state, { number: blockNumber, timestamp: block.timestamp }, round));
    }
  }
  const toBlock = await blockAt(to);
  const events = snapshots.map(priceEvent);
  const largeSwapRows = await Promise.all(
    largeSwaps.map(async (x) => ({
      chainId: watch.chainId,
      blockNumber: x.blockNumber,
      blockTime: new Date(Number((await blockAt(x.blockNumber)).timestamp) * 1000),
      txHash: x.txHash,
      logIndex: x.logIndex,
      pool: x.pool.pool.toLowerCase(),
      venue: x.pool.venue,
      sender: x.sender,
      recipient: x.recipient,
      wethDelta: x.wethDelta.toString(),
      usdcDelta: x.usdcDelta.toString(),
      valueUsdCents: BigInt(x.valueUsdCents),
    })),
  );

  await db.$transaction(async (tx) => {
    const next = { lastBlock: to, lastBlockHash: toBlock.hash, oracleRoundId: roundIds };
    if (cursor) {
      // Only from the cursor this pass started at: a follower that lost a race commits nothing.
      const moved = await tx.marketCursor.updateMany({ where: { chainId: watch.chainId, lastBlock: cursor.lastBlock, lastBlockHash: cursor.lastBlockHash }, data: next });
      if (moved.count !== 1) throw new MarketRace();
    } else {
      await tx.marketCursor.create({ data: { chainId: watch.chainId, ...next } });
    }
    for (const s of snapshots) {
      const row = {
        venue: s.venue,
        pair: s.pair,
        blockNumber: s.blockNumber,
        blockTimestamp: new Date(Number(s.blockTimestamp) * 1000),
        mid: s.mid.toString(),
        oracle: s.oracle.toString(),
        oracleUpdatedAt: new Date(Number(s.oracleUpdatedAt) * 1000),
        deviationBps: s.deviationBps,
        depthUp50Usdc: depthOf(s, 50).upUsdc.toString(),
        depthUp100Usdc: depthOf(s, 100).upUsdc.toString(),
        depthDown50Weth: depthOf(s, 50).downWeth.toString(),
        depthDown100Weth: depthOf(s, 100).downWeth.toString(),
      };
      await tx.marketPoolSnapshot.upsert({ where: { chainId_pool: { chainId: s.chainId, pool: s.pool.toLowerCase() } }, create: { chainId: s.chainId, pool: s.pool.toLowerCase(), ...row }, update: row });
      if (s.pair === watch.pair) await recordPriceMinute(tx, s);
    }
    await enqueueEvents(tx, events);
    // A block read again after a reorg re-finds the same logs: one row per log.
    if (largeSwapRows.length > 0) await tx.largeSwap.createMany({ data: largeSwapRows, skipDuplicates: true });
  });
  return { from, to, events, reorged, largeSwaps: largeSwaps.length };
}

function depthOf(s: PoolSnapshot, bps: number) {
  const d = s.depth.find((x) => x.bps === bps);
  if (!d) throw new Error(`no depth at ${bps} bps`);
  return d;
}

/** Another follower advanced the cursor first: this pass's work is theirs; nothing was committed. */
export class MarketRace extends Error {
  constructor() {
    super("another market-data follower advanced the cursor first");
  }
}

/** What /admin/treasury shows: each watched pool's latest snapshot (ages at `now`) and how far the follower got. */
export async function marketOverview(db: Db, chainId: number, now = new Date()) {
  const [cursor, pools] = await Promise.all([
    db.marketCursor.findUnique({ where: { chainId } }),
    db.marketPoolSnapshot.findMany({ where: { chainId }, orderBy: [{ pair: "desc" }, { venue: "desc" }, { pool: "asc" }] }),
  ]);
  const ageOf = (d: Date) => Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000));
  return {
    followedTo: cursor ? { block: cursor.lastBlock.toString(), ageSeconds: ageOf(cursor.updatedAt) } : null,
    pools: pools.map((p) => ({
      pool: p.pool,
      venue: p.venue,
      pair: p.pair,
      block: p.blockNumber.toString(),
      ageSeconds: ageOf(p.blockTimestamp),
      mid: p.mid,
      oracle: p.oracle,
      oracleAgeSeconds: ageOf(p.oracleUpdatedAt),
      deviationBps: p.deviationBps,
      depthUp100Usdc: p.depthUp100Usdc,
      depthDown100Weth: p.depthDown100Weth,
    })),
  };
}

export type MarketOverview = Awaited<ReturnType<typeof marketOverview>>;
