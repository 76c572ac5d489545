import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deployAaveContracts } from "./aave-contracts";
import { deployDefiContracts } from "./defi-contracts";
import { deployLocalContracts } from "./local-contracts";

/**
 * `npm run chain:deploy`: deploys the local-chain contracts to CHAIN_RPC_URL (anvil, default
 * http://127.0.0.1:8545) and writes their addresses into lib/chain/deployments.local.ts, the typed
 * config keyed by chain id. CREATE2 makes the addresses the same on every anvil, so that file is
 * committed and only changes when a contract's bytecode does. Safe to run again: existing
 * contracts are kept, price feeds get a fresh answer.
 */

const OUT = fileURLToPath(new URL("../../lib/chain/deployments.local.ts", import.meta.url));

async function main(): Promise<void> {
  const rpcUrl = process.env.CHAIN_RPC_URL || "http://127.0.0.1:8545";
  const local = await deployLocalContracts(rpcUrl);
  // The treasury desk's venues (Uniswap V3 and V2 from their npm artifacts), after the tokens.
  const defi = await deployDefiContracts(rpcUrl, local.contracts);
  // The lending venue (Aave V3 from @aave/core-v3), on the same tokens and feeds.
  const aave = await deployAaveContracts(rpcUrl, { ...local.contracts, WETH: defi.contracts.WETH });
  const contracts = { ...local.contracts, ...defi.contracts, ...aave.contracts };
  const deployed = [...local.deployed, ...defi.deployed, ...aave.deployed];
  const source = [
    "// Written by `npm run chain:deploy` (scripts/chain/deploy.ts): the local chain's contracts, deployed with",
    "// CREATE2 so the addresses are the same on every anvil. Do not edit by hand.",
    "",
    "export const localDeployment = {",
    "  chainId: 31337,",
    "  contracts: {",
    ...Object.entries(contracts).map(([name, address]) => `    ${name}: "${address}",`),
    "  },",
    "} as const;",
    "",
  ].join("\n");
  let current = "";
  try {
    current = readFileSync(OUT, "utf8");
  } catch {
    // first run
  }
  if (current !== source) writeFileSync(OUT, source);
  console.log(`chain:deploy on ${rpcUrl}: ${deployed.length > 0 ? `deployed ${deployed.join(", ")}` : "all contracts already there"}; feeds refreshed`);
  for (const [name, address] of Object.entries(contracts)) console.log(`  ${name.padEnd(28)} ${address}`);
  if (current !== source) console.log("  wrote lib/chain/deployments.local.ts");
}

main().catch((error: unknown) => {
  console.error(`chain:deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
