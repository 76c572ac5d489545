import { createPublicClient, http, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { deployDefiContracts } from "../../chain/defi-contracts";
import { deployLocalContracts } from "../../chain/local-contracts";
import { kafkaConfig } from "../../infra/kafka";
import { startPrivateAnvil, type PrivateAnvil } from "../private-anvil";
import { createFaultRun, type FaultRun } from "./harness";

export type DeskChain = { run: FaultRun; chain: PrivateAnvil; pub: PublicClient };

/**
 * What the treasury desk's fault tests start from: a fault run (own database and topics) and a
 * private anvil with the payment and DeFi contracts at their committed addresses; the chain stops
 * with the run's cleanup.
 */
export async function startDeskChain(): Promise<DeskChain> {
  const run = await createFaultRun(kafkaConfig().brokers);
  const chain = await startPrivateAnvil();
  run.onCleanup(() => chain.stop());
  const pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  const local = await deployLocalContracts(chain.rpcUrl);
  await deployDefiContracts(chain.rpcUrl, local.contracts.USDC);
  return { run, chain, pub };
}
