import { sqrtBigInt, usdcPerEthAt } from "@/lib/defi/uniswap-v3/math";

/**
 * Market figures of one WETH/USDC pool, pure bigint: the mid price, the oracle's deviation from it
 * and the depth (the input that moves the mid by a given number of basis points).
 *
 * Both venues are constant-product curves in the range that matters: a V2 pair on its reserves,
 * a V3 pool on its virtual reserves (x = L/√P, y = L·√P) while the move stays inside the current
 * liquidity range (the local pools are full range; a move that crosses an initialised tick would
 * need the tick walk the QuoterV2 does). Moving the mid by a factor m on x·y = k takes the quote
 * reserve to y·√m (buying WETH, price up) or the base reserve to x/√(1−p) (selling WETH, price down);
 * the pool's fee comes off the input first. For V3 that is exact (the fee leaves the active
 * reserves); for V2 the fee stays in the pair and the mid moves ~0.003 × p further (0.15 bp at 1 %).
 */

const Q96 = 2n ** 96n;
const BPS = 10_000n;
const PPM = 1_000_000n;
/** The sizes the desk reports depth at: the input that moves the mid by 0.5 % and by 1 %. */
export const DEPTH_BPS = [50, 100] as const;

/** A pool's state as a constant-product curve: WETH and USDC (virtual) reserves in base units, and its fee. */
export type Curve = { wethReserve: bigint; usdcReserve: bigint; feePpm: number };

export function v2Curve(p: { reserve0: bigint; reserve1: bigint; token0IsWeth: boolean; feePpm?: number }): Curve {
  const [wethReserve, usdcReserve] = p.token0IsWeth ? [p.reserve0, p.reserve1] : [p.reserve1, p.reserve0];
  return { wethReserve, usdcReserve, feePpm: p.feePpm ?? 3000 };
}

/** V3 virtual reserves at the current price: token0 = L·Q96/√P, token1 = L·√P/Q96. */
export function v3Curve(p: { sqrtPriceX96: bigint; liquidity: bigint; token0IsWeth: boolean; feePpm: number }): Curve {
  if (p.sqrtPriceX96 <= 0n) throw new RangeError("sqrtPriceX96 must be positive");
  const reserve0 = (p.liquidity * Q96) / p.sqrtPriceX96;
  const reserve1 = (p.liquidity * p.sqrtPriceX96) / Q96;
  return v2Curve({ reserve0, reserve1, token0IsWeth: p.token0IsWeth, feePpm: p.feePpm });
}

/** USDC base units per whole WETH on a V2 pair (reserves ratio). */
export function midOfCurve(c: Curve): bigint {
  if (c.wethReserve === 0n) return 0n;
  return (c.usdcReserve * 10n ** 18n) / c.wethReserve;
}

/** USDC base units per whole WETH at a V3 pool's sqrtPriceX96 (exact, not through virtual reserves). */
export function midOfV3(p: { sqrtPriceX96: bigint; token0IsWeth: boolean }): bigint {
  return usdcPerEthAt(p);
}

/** An oracle answer (USD per ETH at the feed's decimals) as USDC base units per whole WETH (USDC at its peg). */
export function oracleToUsdc(answer: bigint, decimals: number): bigint {
  return (answer * 10n ** 6n) / 10n ** BigInt(decimals);
}

/** How far the pool's mid is from the oracle, in basis points of the oracle (signed: above is positive; toward zero). */
export function deviationBps(mid: bigint, oracle: bigint): number {
  if (oracle <= 0n) throw new RangeError("the oracle price must be positive");
  return Number(((mid - oracle) * BPS) / oracle);
}

/** Seconds from the oracle's last update to the block's time (0 when the feed reports a time ahead of the block). */
export function oracleAgeSeconds(updatedAt: bigint, blockTimestamp: bigint): number {
  return updatedAt >= blockTimestamp ? 0 : Number(blockTimestamp - updatedAt);
}

/** The smallest r with r² ≥ n: depth rounds toward "at least this much moves the price that far". */
function ceilSqrt(n: bigint): bigint {
  const r = sqrtBigInt(n);
  return r * r === n ? r : r + 1n;
}

const grossUp = (amount: bigint, feePpm: number) => {
  const keep = PPM - BigInt(feePpm);
  return (amount * PPM + keep - 1n) / keep; // rounded up: at least this much moves the price that far
};

/** USDC in (buying WETH) that lifts the mid by `bps`. */
export function depthUpUsdc(c: Curve, bps: number): bigint {
  checkBps(bps);
  const target = ceilSqrt((c.usdcReserve * c.usdcReserve * (BPS + BigInt(bps)) + BPS - 1n) / BPS);
  return target <= c.usdcReserve ? 0n : grossUp(target - c.usdcReserve, c.feePpm);
}

/** WETH in (selling WETH) that lowers the mid by `bps`. */
export function depthDownWeth(c: Curve, bps: number): bigint {
  checkBps(bps);
  const den = BPS - BigInt(bps);
  const target = ceilSqrt((c.wethReserve * c.wethReserve * BPS + den - 1n) / den);
  return target <= c.wethReserve ? 0n : grossUp(target - c.wethReserve, c.feePpm);
}

function checkBps(bps: number) {
  if (!Number.isInteger(bps) || bps <= 0 || bps >= 10_000) throw new RangeError(`a price move must be 1-9999 bps, got ${bps}`);
}

export type Depth = { bps: number; upUsdc: bigint; downWeth: bigint };

export function depthAt(c: Curve, sizes: readonly number[] = DEPTH_BPS): Depth[] {
  return sizes.map((bps) => ({ bps, upUsdc: depthUpUsdc(c, bps), downWeth: depthDownWeth(c, bps) }));
}

/** The oracle check the guard and the screen share: deviation of each pool, and whether the answer is too old. */
export type OracleCheck = {
  ageSeconds: number;
  pools: readonly { pool: string; deviationBps: number }[];
  /** Each stablecoin of the trade against $1 on its own USD feed (signed bps), and that answer's age. */
  pegs: readonly PegCheck[];
};

/** A stablecoin on its USD feed at a block: signed bps from $1, and how old the answer is there. */
export type PegCheck = { token: string; deviationBps: number; ageSeconds: number; /** Where the price was seen, when not on the coin's own feed (a stablecoin pool's mid). */ source?: string };

export function pegCheck(token: string, feed: { answer: bigint; decimals: number; updatedAt: bigint }, blockTimestamp: bigint): PegCheck {
  return { token, deviationBps: pegDeviationBps(feed.answer, feed.decimals), ageSeconds: oracleAgeSeconds(feed.updatedAt, blockTimestamp) };
}

/** A stablecoin's USD feed answer against $1, in signed basis points. */
export function pegDeviationBps(answer: bigint, decimals: number): number {
  const one = 10n ** BigInt(decimals);
  return Number(((answer - one) * BPS) / one);
}
