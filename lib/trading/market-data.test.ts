import { describe, expect, it } from "vitest";
import { eventCatalog } from "@/lib/kafka/events";
import { sqrtPriceX96For } from "@/lib/defi/uniswap-v3/math";
import { feeTier, localWethUsdc } from "@/lib/defi/venues";
import { deskWatchOf, marketWatchOf, poolName, priceEvent, snapshotOf } from "./market-data";

const watch = marketWatchOf(localWethUsdc());
const [v3, v2] = watch.pools as [(typeof watch.pools)[number], (typeof watch.pools)[number]];
const round = { roundId: 7n, answer: 3000n * 10n ** 8n, updatedAt: 1_000n, answeredInRound: 7n, decimals: 8 };
const block = { number: 42n, timestamp: 1_600n };

describe("a pool's market snapshot and its trading.prices.v1 event", () => {
  it("a V2 pair 5 % under the oracle: mid, signed deviation, the oracle's age, depth at 0.5 % and 1 %", () => {
    // 200 WETH against 570k USDC: 2850 USDC per ETH.
    const s = snapshotOf(watch, v2, true, { kind: "v2", reserve0: 200n * 10n ** 18n, reserve1: 570_000n * 10n ** 6n }, block, round);
    expect(s.mid).toBe(2850n * 10n ** 6n);
    expect(s.oracle).toBe(3000n * 10n ** 6n);
    expect(s.deviationBps).toBe(-500);
    expect(s.oracleAgeSeconds).toBe(600);
    expect(s.depth.map((d) => d.bps)).toEqual([50, 100]);
    expect(s.depth[1]!.upUsdc).toBeGreaterThan(s.depth[0]!.upUsdc);

    const event = priceEvent(s);
    expect(event.topic).toBe("trading.prices.v1");
    expect(event.key).toBe(`31337:${v2.pool.toLowerCase()}`);
    expect(event.occurredAt).toBe(new Date(1_600_000).toISOString());
    // The consumer's side of the contract parses it back.
    const payload = eventCatalog["trading.price_updated"].payload.parse(JSON.parse(JSON.stringify(event.payload)));
    expect(payload).toMatchObject({ blockNumber: "42", mid: "2850000000", oracle: "3000000000", deviationBps: -500, oracleAgeSeconds: 600, venue: "uniswap-v2", pair: "WETH/USDC" });
  });

  it("a V3 pool reads its mid from sqrtPriceX96 (token order either way) and its depth from the liquidity", () => {
    for (const token0IsWeth of [true, false]) {
      const s = snapshotOf(watch, v3, token0IsWeth, { kind: "v3", sqrtPriceX96: sqrtPriceX96For({ token0IsWeth, usdPerEth: 3000n }), liquidity: 27_386_127_875_258_305n }, block, round);
      expect(Math.abs(s.deviationBps)).toBeLessThanOrEqual(1);
      expect(Number(s.depth[1]!.upUsdc) / 1e6).toBeCloseTo((1_500_000 * (Math.sqrt(1.01) - 1)) / 0.9995, -1);
    }
  });
});

describe("what the desk watches, and how a pool is named", () => {
  it("both V3 fee tiers of WETH/USDC, V2 and the stablecoin pools on the local chain, each named with its fee tier", () => {
    const desk = deskWatchOf(localWethUsdc());
    const names = desk.pools.map((p) => poolName(desk, { pool: p.pool.toUpperCase(), venue: p.venue, pair: p.base?.pair ?? desk.pair }));
    expect(names).toEqual(["uniswap-v3 0.05 % WETH/USDC", "uniswap-v2 0.3 % WETH/USDC", "uniswap-v3 0.3 % WETH/USDC", "uniswap-v3 0.01 % USDC/USDT", "uniswap-v3 0.01 % USDC/DAI"]);
    expect(new Set(desk.pools.map((p) => p.pool.toLowerCase())).size).toBe(desk.pools.length);
    // A pool the watch does not know keeps its venue and pair.
    expect(poolName(watch, { pool: "0x0000000000000000000000000000000000000001", venue: "uniswap-v3", pair: "WETH/USDC" })).toBe("uniswap-v3 WETH/USDC");
    expect([100, 500, 3000, 10_000].map(feeTier)).toEqual(["0.01 %", "0.05 %", "0.3 %", "1 %"]);
  });
});
