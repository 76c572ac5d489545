import { createPublicClient, http, type PublicClient } from "viem";
import { env } from "@/lib/env";
import { CHAINS } from "./config";

/**
 * Server-side viem clients, one per chain and process. The deployment's own chain (CHAIN_ID) is
 * reached at CHAIN_RPC_URL; other chains at their PAYMENT_RPC_URLS entry.
 */

const clients = new Map<number, PublicClient>();

export function rpcUrlFor(chainId: number): string {
  if (chainId === env().CHAIN_ID) return env().CHAIN_RPC_URL;
  const url = env().PAYMENT_RPC_URLS[chainId];
  if (!url) throw new Error(`no RPC URL for chain ${chainId}: add "${chainId}=<url>" to PAYMENT_RPC_URLS`);
  return url;
}

export function publicClientFor(chainId: number): PublicClient {
  let client = clients.get(chainId);
  if (!client) {
    const entry = CHAINS[chainId];
    if (!entry) throw new Error(`chain ${chainId} is not configured in lib/chain/config.ts`);
    client = createPublicClient({ chain: entry.chain, transport: http(rpcUrlFor(chainId), { timeout: 10_000, retryCount: 1 }) }) as PublicClient;
    clients.set(chainId, client);
  }
  return client;
}
