import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { toViemChain } from "./chains";
import { walletChainIds, walletSettings } from "./settings";

describe("walletSettings", () => {
  it("offers the local chain with the servers' RPC by default, no test wallet", () => {
    expect(walletSettings(parseEnv({}))).toEqual({ appName: "Go Coffee", chains: [{ id: 31337, name: "Anvil", rpcUrl: "http://127.0.0.1:8545" }], testConnector: false });
  });

  it("uses WALLET_RPC_URL for browsers and viem's public RPCs for other configured chains", () => {
    const settings = walletSettings(parseEnv({ CHAIN_ID: "8453", CHAIN_RPC_URL: "http://10.0.0.5:8545", WALLET_RPC_URL: "https://rpc.coffee.example", WALLET_CHAIN_IDS: "8453,1,8453" }));
    expect(settings.chains.map((c) => [c.id, c.rpcUrl])).toEqual([
      [8453, "https://rpc.coffee.example"],
      [1, expect.stringMatching(/^https:\/\//)],
    ]);
  });

  it("refuses unknown chains in one line", () => {
    expect(() => walletSettings(parseEnv({ WALLET_CHAIN_IDS: "31337,999999" }))).toThrow(ConfigError);
    expect(() => walletSettings(parseEnv({ WALLET_CHAIN_IDS: "31337,999999" }))).toThrow(/unknown chain 999999/);
  });

  it("allows the test wallet only on the local chain", () => {
    expect(walletSettings(parseEnv({ WALLET_TEST_CONNECTOR: "true" })).testConnector).toBe(true);
    expect(() => parseEnv({ WALLET_TEST_CONNECTOR: "true", CHAIN_ID: "1" })).toThrow(/WALLET_TEST_CONNECTOR needs the local chain/);
    expect(() => parseEnv({ WALLET_TEST_CONNECTOR: "yes" })).toThrow(/WALLET_TEST_CONNECTOR must be true or false/);
    expect(() => parseEnv({ WALLET_CHAIN_IDS: "1, 2" })).toThrow(/WALLET_CHAIN_IDS/);
  });

  it("signs in with the chains wallets may use", () => {
    expect(walletChainIds(parseEnv({ CHAIN_ID: "1" }))).toEqual([1]);
    expect(walletChainIds(parseEnv({ WALLET_CHAIN_IDS: "1,8453" }))).toEqual([1, 8453]);
  });

  it("points viem's chain at the configured RPC (the mock connector signs through it)", () => {
    expect(toViemChain({ id: 31337, name: "Anvil", rpcUrl: "http://127.0.0.1:9999" }).rpcUrls.default.http).toEqual(["http://127.0.0.1:9999"]);
  });
});
