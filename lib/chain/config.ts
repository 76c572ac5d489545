import type { Address, Chain } from "viem";
import { anvil, arbitrum, base, bsc, mainnet, polygon } from "viem/chains";
import { localDeployment } from "./deployments.local";

/**
 * The one table of EVM chains Go Coffee knows, keyed by chain id: viem's definition, and for the
 * crypto checkout one typed place for addresses (router, tokens, price feeds) and the rules that
 * go with them. Configuration picks from it (lib/env: CHAIN_ID, PAYMENT_CHAIN_IDS,
 * WALLET_CHAIN_IDS); a chain is only offered for payment once its router is deployed (router
 * non-null). Plain data: the browser's wallet code reads the viem chains from here too.
 *
 * Production entries carry the public token addresses but no router yet: deploy the router, fill
 * in `router` and `startBlock`, and verify every address against the issuer's own documentation
 * before enabling a chain. Feeds are Chainlink aggregators (AggregatorV3Interface).
 */

export type TokenSymbol = "ETH" | "USDC" | "USDT" | "BNB" | "POL";

export type TokenConfig = {
  symbol: TokenSymbol;
  /** null: the chain's native coin. */
  address: Address | null;
  decimals: number;
  /** "native": priced from its USD feed; "stable": taken at par, checked against its feed (or refused if no feed and no tolerance). */
  kind: "native" | "stable";
  /** The token's USD feed; null means no price check is possible (native coins are then not offered). */
  feed: Address | null;
  /** Older answers are refused as stale (Chainlink's heartbeat plus a margin). */
  feedMaxAgeSeconds: number;
  /** A native price outside [min, max] USD is refused as implausible (a broken feed, a decimal slip). */
  plausibleUsd?: { min: number; max: number };
  /** USDT-style tokens revert when an allowance changes from non-zero to non-zero: approve 0 first. */
  approveResetRequired?: boolean;
};

export type ChainEntry = {
  chain: Chain;
  /** The deployed PaymentRouter; null: not deployed, never offered. */
  router: Address | null;
  /** The router's deployment block: where the payment watcher starts. */
  startBlock: bigint;
  tokens: readonly TokenConfig[];
  /** Local development chain (anvil): fast polling, test-only conveniences. */
  local: boolean;
};

/** Stablecoins within this many basis points of $1 are taken at par. */
export const STABLE_PEG_TOLERANCE_BPS = 200;

const ETH_PLAUSIBLE = { min: 100, max: 100_000 };
const DAY = 86_400;

export const CHAINS: Readonly<Record<number, ChainEntry>> = {
  [anvil.id]: {
    chain: anvil,
    router: localDeployment.contracts.PaymentRouter,
    startBlock: 0n,
    local: true,
    tokens: [
      // Local feeds are refreshed by `npm run chain:deploy`; a day keeps a long demo quoting.
      { symbol: "ETH", address: null, decimals: 18, kind: "native", feed: localDeployment.contracts.ETH_USD, feedMaxAgeSeconds: DAY, plausibleUsd: ETH_PLAUSIBLE },
      { symbol: "USDC", address: localDeployment.contracts.USDC, decimals: 6, kind: "stable", feed: localDeployment.contracts.USDC_USD, feedMaxAgeSeconds: DAY },
      { symbol: "USDT", address: localDeployment.contracts.USDT, decimals: 6, kind: "stable", feed: localDeployment.contracts.USDT_USD, feedMaxAgeSeconds: DAY, approveResetRequired: true },
    ],
  },
  [mainnet.id]: {
    chain: mainnet,
    router: null,
    startBlock: 0n,
    local: false,
    tokens: [
      { symbol: "ETH", address: null, decimals: 18, kind: "native", feed: "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419", feedMaxAgeSeconds: 3600 + 600, plausibleUsd: ETH_PLAUSIBLE },
      { symbol: "USDC", address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", decimals: 6, kind: "stable", feed: null, feedMaxAgeSeconds: DAY },
      { symbol: "USDT", address: "0xdAC17F958D2ee523a2206206994597C13D831ec7", decimals: 6, kind: "stable", feed: null, feedMaxAgeSeconds: DAY, approveResetRequired: true },
    ],
  },
  [base.id]: {
    chain: base,
    router: null,
    startBlock: 0n,
    local: false,
    tokens: [{ symbol: "USDC", address: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", decimals: 6, kind: "stable", feed: null, feedMaxAgeSeconds: DAY }],
  },
  [arbitrum.id]: {
    chain: arbitrum,
    router: null,
    startBlock: 0n,
    local: false,
    tokens: [{ symbol: "USDC", address: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", decimals: 6, kind: "stable", feed: null, feedMaxAgeSeconds: DAY }],
  },
  [polygon.id]: {
    chain: polygon,
    router: null,
    startBlock: 0n,
    local: false,
    tokens: [{ symbol: "USDC", address: "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", decimals: 6, kind: "stable", feed: null, feedMaxAgeSeconds: DAY }],
  },
  [bsc.id]: {
    chain: bsc,
    router: null,
    startBlock: 0n,
    local: false,
    // Binance-Peg USDT has 18 decimals on BSC.
    tokens: [{ symbol: "USDT", address: "0x55d398326f99059fF775485246999027B3197955", decimals: 18, kind: "stable", feed: null, feedMaxAgeSeconds: DAY }],
  },
};

/** The chain's entry if it is configured and its router is deployed. */
export function paymentChain(chainId: number): (ChainEntry & { router: Address }) | null {
  const entry = CHAINS[chainId];
  return entry && entry.router ? (entry as ChainEntry & { router: Address }) : null;
}

export function tokenOf(chain: ChainEntry, symbol: string): TokenConfig | null {
  return chain.tokens.find((t) => t.symbol === symbol) ?? null;
}

/** The chains a deployment offers: the configured ids that have a router, in the configured order. */
export function enabledChainIds(configured: readonly number[]): number[] {
  return configured.filter((id) => paymentChain(id) !== null);
}
