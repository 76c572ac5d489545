import type { Wallet, WalletDetailsParams } from "@rainbow-me/rainbowkit";
import { createConnector } from "wagmi";
import { mock } from "wagmi/connectors";

/**
 * anvil's first default account (mnemonic "test test … junk"): anvil holds its key unlocked, so
 * wagmi's mock connector can sign with it by forwarding eth_sign to the node.
 */
export const ANVIL_ACCOUNT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as const;

const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#3b2418"/><path d="M8 10h12v7a5 5 0 0 1-5 5h-2a5 5 0 0 1-5-5z" fill="#f5efe6"/></svg>')}`;

/**
 * "Test wallet": a RainbowKit wallet around wagmi's mock connector, so browser tests connect and
 * sign without an extension (a bare mock connector does not appear in RainbowKit's dialog).
 * Offered only when WALLET_TEST_CONNECTOR is on, which configuration allows only on anvil.
 * `account`: another of anvil's unlocked accounts to act as (the shop's wallet, for refunds).
 */
export function testWallet(account: `0x${string}` = ANVIL_ACCOUNT_0): Wallet {
  return {
    id: "go-coffee-test-wallet",
    name: "Test wallet",
    iconUrl: ICON,
    iconBackground: "#3b2418",
    installed: true,
    createConnector: (details: WalletDetailsParams) =>
      createConnector((config) => ({
        ...mock({ accounts: [account], features: { reconnect: true } })(config),
        ...details,
      })),
  };
}
