import { LOCAL_CHAIN_ID } from "@/lib/defi/local-accounts";
import { feeTier, localStables, type PairVenues } from "@/lib/defi/venues";
import { deskWatchOf } from "./market-data";

/** The tokens and pools the treasury desk trades: the guard's allowlists start as all of them, and an admin ticks from these. */

export type Listed = { address: string; name: string };

/** Every token and pool the desk trades on this chain, named as people read them. */
export function deskUniverse(venues: PairVenues): { tokens: Listed[]; pools: Listed[] } {
  const stables = venues.chainId === LOCAL_CHAIN_ID ? localStables() : null;
  const tokens: Listed[] = [
    { address: venues.weth, name: "WETH" },
    { address: venues.usdc, name: "USDC" },
    ...(stables ? [stables.stables.USDT, stables.stables.DAI].map((s) => ({ address: s.address, name: s.symbol })) : []),
  ];
  const pools = deskWatchOf(venues).pools.map((p) => ({ address: p.pool, name: `${p.venue} ${feeTier(p.feePpm)} ${p.base?.pair ?? "WETH/USDC"}` }));
  return { tokens: lower(tokens), pools: lower(pools) };
}

const lower = (l: Listed[]) => l.map((x) => ({ ...x, address: x.address.toLowerCase() }));

