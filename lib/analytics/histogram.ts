/**
 * Duration histograms with fixed bounds, so histograms of many hours, days and shops merge by
 * adding counts: percentiles cannot be averaged, but merged histograms give them back to within a
 * bucket (15 s up to 5 minutes, 30 s up to 10, a minute up to 20). Pure.
 */

function bounds(): number[] {
  const b: number[] = [];
  for (let s = 15; s <= 300; s += 15) b.push(s);
  for (let s = 330; s <= 600; s += 30) b.push(s);
  for (let s = 660; s <= 1200; s += 60) b.push(s);
  b.push(1500, 1800, 2700, 3600, 5400, 7200);
  return b;
}

/** Upper bounds in seconds; bucket i holds [BOUNDS[i-1], BOUNDS[i]); the last bucket everything above. */
export const BOUNDS: readonly number[] = bounds();
export const BUCKETS = BOUNDS.length + 1;

export function bucketOf(seconds: number): number {
  let lo = 0;
  let hi = BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seconds < (BOUNDS[mid] ?? Infinity)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function emptyHistogram(): number[] {
  return Array<number>(BUCKETS).fill(0);
}

export function mergeHistograms(into: number[], more: readonly number[]): number[] {
  for (let i = 0; i < more.length; i++) into[i] = (into[i] ?? 0) + (more[i] ?? 0);
  return into;
}

/**
 * The p-th percentile (0 < p ≤ 100) in seconds, interpolated linearly inside its bucket; null for
 * an empty histogram. The open top bucket answers with its lower bound.
 */
export function percentile(histogram: readonly number[], p: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = (p / 100) * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const n = histogram[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
      const lower = i === 0 ? 0 : (BOUNDS[i - 1] ?? 0);
      const upper = BOUNDS[i];
      if (upper === undefined) return lower;
      return Math.round(lower + ((rank - seen) / n) * (upper - lower));
    }
    seen += n;
  }
  return BOUNDS[BOUNDS.length - 1] ?? null;
}
