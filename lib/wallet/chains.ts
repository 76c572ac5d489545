import type { Chain } from "viem";
import { CHAINS } from "@/lib/chain/config";

/** One chain as a browser uses it: its id and name, with the RPC URL from configuration. */
export type WalletChain = { id: number; name: string; rpcUrl: string };

/** viem's chain for `chain` (from the chain table), with its default RPC replaced by the configured one (wagmi's mock connector uses it). */
export function toViemChain(chain: WalletChain): Chain {
  const known = CHAINS[chain.id]?.chain;
  if (!known) throw new Error(`unknown chain ${chain.id}`);
  return { ...known, rpcUrls: { ...known.rpcUrls, default: { http: [chain.rpcUrl] } } };
}
