/**
 * Finds the input size that maximises a round trip's net profit. Profit against constant-product
 * style curves is concave in the size (more size, worse price on both pools), so a coarse
 * geometric scan brackets the peak and a golden-section search narrows it; every probe is one real
 * quote, so the number of probes is the cost that matters (a geometric scan, then two per golden step).
 */

export type Probe = { size: bigint; profit: bigint };

export async function maximiseProfit(
  profitAt: (size: bigint) => Promise<bigint>,
  opts: { minSize: bigint; maxSize: bigint; growth?: number; precision?: bigint },
): Promise<Probe & { probes: number }> {
  const growth = opts.growth ?? 2;
  let probes = 0;
  const cache = new Map<bigint, bigint>();
  const at = async (size: bigint) => {
    const known = cache.get(size);
    if (known !== undefined) return known;
    probes += 1;
    const profit = await profitAt(size);
    cache.set(size, profit);
    return profit;
  };

  const grid: bigint[] = [];
  for (let s = opts.minSize; s <= opts.maxSize; s = BigInt(Math.ceil(Number(s) * growth))) grid.push(s);
  if (grid.length === 0) throw new RangeError("empty size range");
  const values: bigint[] = [];
  for (const size of grid) {
    values.push(await at(size));
    // Past the peak and falling: the rest of the grid only loses more.
    if (values.length >= 3 && values.at(-1)! < values.at(-2)! && values.at(-2)! < values.at(-3)!) break;
  }
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;

  let lo = best > 0 ? grid[best - 1]! : opts.minSize;
  let hi = best + 1 < values.length ? grid[best + 1]! : grid[best]!;
  // Stop at the absolute precision or 0.1 % of the size, whichever is coarser: the curve is flat
  // at its peak, so finer sizes change the profit by less than a rounding unit.
  const precision = opts.precision ?? 1n;
  const enough = () => hi - lo <= precision || hi - lo <= hi / 1000n;
  // Golden section on integers (1/phi ≈ 0.618 as 618/1000).
  let a = hi - ((hi - lo) * 618n) / 1000n;
  let b = lo + ((hi - lo) * 618n) / 1000n;
  while (!enough() && b > a) {
    if ((await at(a)) < (await at(b))) lo = a;
    else hi = b;
    a = hi - ((hi - lo) * 618n) / 1000n;
    b = lo + ((hi - lo) * 618n) / 1000n;
  }
  let top: Probe = { size: grid[best]!, profit: values[best]! };
  for (const size of [lo, hi, a, b]) {
    const profit = await at(size);
    if (profit > top.profit) top = { size, profit };
  }
  return { ...top, probes };
}
