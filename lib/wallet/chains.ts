import { anvil, arbitrum, base, bsc, mainnet, polygon } from "viem/chains";
import type { Chain } from "viem";

/**
 * The EVM chains Go Coffee knows, by id: anvil locally, the production chains of the crypto
 * checkout. Which of them a deployment offers is configuration (WALLET_CHAIN_IDS, see settings.ts).
 */
export const KNOWN_CHAINS: Readonly<Record<number, Chain>> = Object.fromEntries([anvil, mainnet, base, polygon, bsc, arbitrum].map((chain) => [chain.id, chain]));

/** One chain as a browser uses it: viem's definition with the RPC URL from configuration. */
export type WalletChain = { id: number; name: string; rpcUrl: string };

/** viem's chain for `chain`, with its default RPC replaced by the configured one (wagmi's mock connector uses it). */
export function toViemChain(chain: WalletChain): Chain {
  const known = KNOWN_CHAINS[chain.id];
  if (!known) throw new Error(`unknown chain ${chain.id}`);
  return { ...known, rpcUrls: { ...known.rpcUrls, default: { http: [chain.rpcUrl] } } };
}
