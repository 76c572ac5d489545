import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet } from "@rainbow-me/rainbowkit/wallets";
import { createConfig, http, type Config } from "wagmi";
import type { Chain } from "viem";
import { toViemChain } from "./chains";
import type { WalletSettings } from "./settings";
import { testWallet } from "./test-wallet";

/**
 * The wagmi configuration for browsers, built from server-provided WalletSettings.
 *
 * Connectors: the browser's injected wallet (MetaMask, Rabby, Brave… through EIP-1193/6963) and,
 * in browser tests, the Test wallet. No WalletConnect: it needs a project id and its relay on the
 * internet; add `walletConnectWallet` here (with a configured project id) when a deployment has one.
 */
export function createWalletConfig(settings: WalletSettings): Config {
  const [first, ...rest] = settings.chains.map(toViemChain);
  if (!first) throw new Error("wallet settings list no chain");
  const chains: [Chain, ...Chain[]] = [first, ...rest];
  const connectors = connectorsForWallets(
    [{ groupName: "Wallets", wallets: settings.testConnector ? [() => testWallet(settings.testAccount), injectedWallet] : [injectedWallet] }],
    // RainbowKit's type asks for a WalletConnect project id; only WalletConnect-based wallets use it.
    { appName: settings.appName, projectId: "unused-no-walletconnect" },
  );
  return createConfig({
    chains,
    connectors,
    transports: Object.fromEntries(chains.map((chain) => [chain.id, http(chain.rpcUrls.default.http[0])])),
    // Rendered in the browser only (next/dynamic with ssr: false), so no cookie-based SSR state.
    ssr: false,
  });
}
