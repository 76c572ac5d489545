import { ConfigError, type Env } from "@/lib/env";
import { CHAINS } from "@/lib/chain/config";
import type { WalletChain } from "./chains";

/**
 * What the browser's wallet code needs to know, read from configuration on the server and handed
 * to the client as props (plain data): so one build serves every environment, and the wallet
 * code never reads the environment itself.
 */
export type WalletSettings = {
  appName: string;
  /** First = the default chain. */
  chains: WalletChain[];
  /** Offer the "Test wallet" (wagmi's mock connector on anvil account #0): browser tests only. */
  testConnector: boolean;
  /**
   * The anvil account the Test wallet acts as, when not #0: the manager's refund page sets the
   * shop's receiving wallet (anvil keeps its default accounts unlocked), since the refund must come
   * from there. Ignored without testConnector.
   */
  testAccount?: `0x${string}`;
};

export const APP_NAME = "Go Coffee";

type WalletEnv = Pick<Env, "CHAIN_ID" | "CHAIN_RPC_URL" | "WALLET_CHAIN_IDS" | "WALLET_RPC_URL" | "WALLET_TEST_CONNECTOR">;

/** The chain ids wallets may use (and Sign-In with Ethereum accepts): WALLET_CHAIN_IDS (default: CHAIN_ID and the payment chains). */
export function walletChainIds(env: WalletEnv): number[] {
  return env.WALLET_CHAIN_IDS;
}

export function walletSettings(env: WalletEnv): WalletSettings {
  const chains = walletChainIds(env).map((id): WalletChain => {
    const known = CHAINS[id]?.chain;
    if (!known) throw new ConfigError(`Invalid configuration: WALLET_CHAIN_IDS has unknown chain ${id} (known: ${Object.keys(CHAINS).join(", ")})`);
    // The configured chain uses our RPC; others use viem's public default (wallets bring their own anyway).
    const rpcUrl = id === env.CHAIN_ID ? (env.WALLET_RPC_URL ?? env.CHAIN_RPC_URL) : known.rpcUrls.default.http[0];
    if (!rpcUrl) throw new ConfigError(`Invalid configuration: no RPC URL for chain ${id}`);
    return { id, name: known.name, rpcUrl };
  });
  return { appName: APP_NAME, chains, testConnector: env.WALLET_TEST_CONNECTOR };
}
