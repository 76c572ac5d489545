import { concatHex, createPublicClient, createWalletClient, encodeAbiParameters, getContractAddress, http, keccak256, toHex, type Hex } from "viem";
import { anvil } from "viem/chains";
import { CREATE2_DEPLOYER, LOCAL_OWNER } from "./local-contracts";

/**
 * Deploys through anvil's CREATE2 deployer under a salt of the caller's, from the local owner
 * (anvil #0): an address depends on the init code only, so it is the same on every anvil, and a
 * contract already there is kept (a second run deploys nothing). `deployed` lists what this run added.
 */
export function create2Deployer(rpcUrl: string, saltName: string, gas: bigint) {
  const salt = keccak256(toHex(saltName));
  const transport = http(rpcUrl);
  const pub = createPublicClient({ chain: anvil, transport });
  const owner = createWalletClient({ chain: anvil, transport, account: LOCAL_OWNER });
  const deployed: string[] = [];
  const wait = async (hash: Hex, label: string) => {
    const r = await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (r.status !== "success") throw new Error(`${label} failed (${hash})`);
  };
  async function create2(label: string, bytecode: Hex, types: { type: string }[] = [], values: unknown[] = []) {
    const code = types.length ? concatHex([bytecode, encodeAbiParameters(types, values)]) : bytecode;
    const address = getContractAddress({ opcode: "CREATE2", from: CREATE2_DEPLOYER, salt, bytecode: code });
    const existing = await pub.getCode({ address });
    if (!existing || existing === "0x") {
      await wait(await owner.sendTransaction({ to: CREATE2_DEPLOYER, data: concatHex([salt, code]), gas }), `deploying ${label}`);
      deployed.push(label);
    }
    return address;
  }
  return { transport, pub, owner, deployed, wait, create2 };
}
