import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  concatHex,
  createPublicClient,
  createWalletClient,
  encodeAbiParameters,
  getContractAddress,
  http,
  keccak256,
  parseUnits,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { anvil } from "viem/chains";
import { priceFeedAbi } from "@/lib/chain/abis.generated";

/**
 * Deploys the local-chain contracts (three test stablecoins, four price feeds, the payment router)
 * through the deterministic CREATE2 deployer that anvil ships at 0x4e59…956C. Addresses depend on
 * the bytecode and constructor arguments only, never on nonces, so they are the same on every
 * anvil (the shared one, a private test one, a fresh clone's) and deploying twice is a no-op.
 * Feeds get a fresh answer on every run (their staleness check would otherwise refuse old demos).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CREATE2_DEPLOYER: Address = "0x4e59b44847b379578588920cA78FbF26c0B4956C";
/** anvil's account #0: deploys and owns the router locally. */
export const LOCAL_OWNER: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const SALT = keccak256(toHex("go-coffee.local.v1"));

export const LOCAL_PRICES = { ETH_USD: 3000n, USDC_USD: 1n, USDT_USD: 1n, DAI_USD: 1n } as const;

type Artifact = { abi: Abi; bytecode: Hex };

export function artifact(name: string): Artifact {
  return JSON.parse(readFileSync(`${ROOT}contracts/artifacts/${name}.json`, "utf8")) as Artifact;
}

function initCode(name: string, types: { type: string }[], values: unknown[]): Hex {
  return concatHex([artifact(name).bytecode, encodeAbiParameters(types, values)]);
}

export type LocalContracts = {
  PaymentRouter: Address;
  USDC: Address;
  USDT: Address;
  ETH_USD: Address;
  USDC_USD: Address;
  USDT_USD: Address;
  /** The DAI-like stablecoin (18 decimals) and its feed: added after the others, which kept their addresses. */
  DAI: Address;
  DAI_USD: Address;
};

export async function deployLocalContracts(rpcUrl: string): Promise<{ contracts: LocalContracts; deployed: string[] }> {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: anvil, transport });
  const wallet = createWalletClient({ chain: anvil, transport, account: LOCAL_OWNER });
  const deployed: string[] = [];

  async function create2(label: string, code: Hex): Promise<Address> {
    const address = getContractAddress({ opcode: "CREATE2", from: CREATE2_DEPLOYER, salt: SALT, bytecode: code });
    const existing = await publicClient.getCode({ address });
    if (!existing || existing === "0x") {
      const hash = await wallet.sendTransaction({ to: CREATE2_DEPLOYER, data: concatHex([SALT, code]) });
      const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      if (receipt.status !== "success") throw new Error(`deploying ${label} failed (${hash})`);
      deployed.push(label);
    }
    return address;
  }

  const str = { type: "string" };
  const USDC = await create2("USDC", initCode("TestStablecoin", [str, str], ["USD Coin (test)", "USDC"]));
  const USDT = await create2("USDT", initCode("TestTetherToken", [], []));
  const feedArgs = [{ type: "uint8" }, str, { type: "int256" }];
  const feeds = {
    ETH_USD: await create2("ETH/USD feed", initCode("TestPriceFeed", feedArgs, [8, "ETH / USD", parseUnits(String(LOCAL_PRICES.ETH_USD), 8)])),
    USDC_USD: await create2("USDC/USD feed", initCode("TestPriceFeed", feedArgs, [8, "USDC / USD", parseUnits(String(LOCAL_PRICES.USDC_USD), 8)])),
    USDT_USD: await create2("USDT/USD feed", initCode("TestPriceFeed", feedArgs, [8, "USDT / USD", parseUnits(String(LOCAL_PRICES.USDT_USD), 8)])),
    DAI_USD: await create2("DAI/USD feed", initCode("TestPriceFeed", feedArgs, [8, "DAI / USD", parseUnits(String(LOCAL_PRICES.DAI_USD), 8)])),
  };
  const DAI = await create2("DAI", initCode("TestDaiToken", [], []));
  const PaymentRouter = await create2("PaymentRouter", initCode("PaymentRouter", [{ type: "address" }, { type: "address[]" }], [LOCAL_OWNER, [USDC, USDT]]));

  // A fresh round on every run, so a long-lived local chain never quotes from a stale price.
  for (const [key, address] of Object.entries(feeds)) {
    const hash = await wallet.writeContract({ address, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits(String(LOCAL_PRICES[key as keyof typeof feeds]), 8)] });
    await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  }
  return { contracts: { PaymentRouter, USDC, USDT, ...feeds, DAI }, deployed };
}
