import { describe, expect, it } from "vitest";
import type { Address } from "viem";
import { routeLabel, routesByMid, worthSearching, type ArbVenue } from "./arbitrage";

const v2: ArbVenue = { name: "uniswap-v2", pool: "0x00000000000000000000000000000000000000a2", fee: 3000 };
const v3Low: ArbVenue = { name: "uniswap-v3", pool: "0x0000000000000000000000000000000000000005", fee: 500 };
const v3High: ArbVenue = { name: "uniswap-v3", pool: "0x0000000000000000000000000000000000000030", fee: 3000 };
const usdc = (dollars: number) => BigInt(Math.round(dollars * 1e6));

function routesAt(mids: [ArbVenue, number][]) {
  const midOf = new Map<Address, bigint>(mids.map(([v, m]) => [v.pool, usdc(m)]));
  const routes = routesByMid(mids.map(([venue, m]) => ({ venue, mid: usdc(m) })));
  return { routes, searched: worthSearching(routes, midOf) };
}

describe("arbitrage routes", () => {
  it("pairs every two pools, buying where WETH is cheaper", () => {
    const { routes } = routesAt([[v3Low, 3000], [v3High, 3100], [v2, 2900]]);
    expect(routes.map(routeLabel)).toEqual(["uniswap-v3 0.05 % → uniswap-v3 0.3 %", "uniswap-v2 0.3 % → uniswap-v3 0.05 %", "uniswap-v2 0.3 % → uniswap-v3 0.3 %"]);
  });

  it("quotes only routes whose first unit pays for both pools' fees, best edge first", () => {
    // V2 at 2900: selling into the 0.05 % pool at 3000 clears 0.35 % of fees, into the 0.3 % pool at
    // 3000 clears 0.6 %; between the two V3 pools (equal prices) nothing can pay.
    const { searched } = routesAt([[v3Low, 3000], [v3High, 3000], [v2, 2900]]);
    expect(searched.map(routeLabel)).toEqual(["uniswap-v2 0.3 % → uniswap-v3 0.05 %", "uniswap-v2 0.3 % → uniswap-v3 0.3 %"]);
  });

  it("a gap narrower than the fees is not searched: 0.2 % between V2 and the 0.05 % pool loses at the margin", () => {
    const { searched } = routesAt([[v3Low, 3000], [v3High, 3000], [v2, 2994]]);
    // Nothing pays, so only the least bad route is quoted (the desk still reports a figure).
    expect(searched).toHaveLength(1);
    expect(routeLabel(searched[0]!)).toBe("uniswap-v2 0.3 % → uniswap-v3 0.05 %");
  });

  it("the edge is exact at the fees: into the 0.3 % pool, V2 must be below 3000 × 0.997 × 0.997 = 2982.027", () => {
    const searched = (v2Mid: number) => routesAt([[v3Low, 3000], [v3High, 3000], [v2, v2Mid]]).searched.map(routeLabel);
    expect(searched(2982.02)).toEqual(["uniswap-v2 0.3 % → uniswap-v3 0.05 %", "uniswap-v2 0.3 % → uniswap-v3 0.3 %"]);
    expect(searched(2982.03)).toEqual(["uniswap-v2 0.3 % → uniswap-v3 0.05 %"]);
  });
});
