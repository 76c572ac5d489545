import { BaseError, encodeFunctionData, keccak256, maxUint256, parseEventLogs, type Account, type Address, type Chain, type Hex, type PublicClient, type TransactionReceipt, type Transport, type WalletClient } from "viem";
import { arbExecutorAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { erc20Abi } from "@/lib/defi/abis";
import { LOCAL_CHAIN_ID } from "@/lib/defi/local-accounts";
import type { PairVenues } from "@/lib/defi/venues";
import { weiToUsdc, type ArbVenue, type Opportunity } from "./arbitrage";

/**
 * Live execution on the local chain: both legs in one transaction through our ArbExecutor
 * (contracts/src/ArbExecutor.sol), which reverts unless the USDC that comes back is at least the
 * stake plus `minProfit`. Local chain only (the treasury key is anvil's; refused elsewhere). The
 * trade is signed, stored as an intent and only then sent (./intents.ts), so a crash never trades
 * an opportunity twice. The recorded P&L is what the treasury's USDC really did in the transaction,
 * less the gas it paid (priced by the same oracle answer the detector used).
 */

export type Signer = WalletClient<Transport, Chain, Account>;
export type LiveFill = { txHash: Hex; blockNumber: bigint; amountOut: bigint; pnlUsdc: bigint; gasWei: bigint; gasUsdc: bigint };

/** A live trade signed and not yet sent: what a trade intent stores before the broadcast. */
export type SignedTrade = { txHash: Hex; rawTx: Hex; nonce: number; deadline: bigint; amountIn: bigint };

/** How long the executor accepts a trade after the block it was priced at. */
const DEADLINE_SECONDS = 120n;
const EXECUTE_GAS = 600_000n;

/**
 * Prepares a live trade: tops the treasury's USDC up and approves the executor when needed, simulates
 * the execute call (a trade that would revert is refused here, not mined: a mined revert costs gas
 * and makes a new block, on which the desk would try again), and signs it with the next nonce.
 * Nothing is broadcast: the caller stores the signed bytes first (a trade intent), then sends them.
 */
export async function signLiveTrade(client: PublicClient, signer: Signer, venues: PairVenues, o: Opportunity, slippageBps: number): Promise<SignedTrade> {
  const executor = localDeployment.contracts.ArbExecutor;
  await fundTreasury(client, signer, venues, venues.usdc, executor, o.sizeUsdc);
  const expectedGross = o.usdcOut - o.sizeUsdc;
  const minProfit = expectedGross > 0n ? (expectedGross * BigInt(10_000 - slippageBps)) / 10_000n : 0n;
  const deadline = await deadlineFromNow(client);
  const args = [venues.usdc, venues.weth, o.sizeUsdc, executorLeg(o.buy), executorLeg(o.sell), minProfit, deadline] as const;
  await client.simulateContract({ account: signer.account, address: executor, abi: arbExecutorAbi, functionName: "execute", args, gas: EXECUTE_GAS });
  return signCall(client, signer, { to: executor, data: encodeFunctionData({ abi: arbExecutorAbi, functionName: "execute", args }), gas: EXECUTE_GAS, deadline, amountIn: o.sizeUsdc });
}

/** A venue as the executor takes it: a V3 pool by its fee tier, or the V2 pair. */
export function executorLeg(v: ArbVenue): { v3: boolean; fee: number } {
  return v.name === "uniswap-v3" ? { v3: true, fee: v.fee } : { v3: false, fee: 0 };
}

/**
 * Local chain only (refused elsewhere): `spender` (our executor, a router) may pull `amount` of
 * `token` from the treasury. USDC is topped up from the test stablecoin's faucet; any other token
 * (WETH) must already be held, or this throws and the trade is refused.
 */
export async function fundTreasury(client: PublicClient, signer: Signer, venues: PairVenues, token: Address, spender: Address, amount: bigint): Promise<void> {
  if (venues.chainId !== LOCAL_CHAIN_ID || (await client.getChainId()) !== LOCAL_CHAIN_ID) throw new Error("live trading runs on the local chain only");
  const treasury = signer.account.address;
  const wait = (hash: Hex) => client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  const balance = await client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [treasury] });
  if (balance < amount) {
    if (token.toLowerCase() !== venues.usdc.toLowerCase()) throw new Error(`the treasury holds ${balance} base units of ${token}, less than the ${amount} this trade spends`);
    await wait(await signer.writeContract({ address: token, abi: testStablecoinAbi, functionName: "mint", args: [treasury, amount - balance] }));
  }
  const allowance = await client.readContract({ address: token, abi: erc20Abi, functionName: "allowance", args: [treasury, spender] });
  if (allowance < amount) await wait(await signer.writeContract({ address: token, abi: erc20Abi, functionName: "approve", args: [spender, maxUint256] }));
}

export async function deadlineFromNow(client: PublicClient): Promise<bigint> {
  const block = await client.getBlock();
  return block.timestamp + DEADLINE_SECONDS;
}

/** Signs a call with the treasury's next nonce; nothing is sent (the caller stores it first). */
export async function signCall(client: PublicClient, signer: Signer, p: { to: Address; data: Hex; gas: bigint; deadline: bigint; amountIn: bigint }): Promise<SignedTrade> {
  const nonce = await client.getTransactionCount({ address: signer.account.address, blockTag: "pending" });
  const prepared = await signer.prepareTransactionRequest({ to: p.to, data: p.data, gas: p.gas, nonce });
  const rawTx = await signer.signTransaction(prepared);
  return { txHash: keccak256(rawTx), rawTx, nonce, deadline: p.deadline, amountIn: p.amountIn };
}

/**
 * Sends signed bytes (again). A node that already has the transaction, pending or mined, may refuse
 * the copy: that is success. The same bytes can be mined once at most (one nonce).
 */
export async function broadcast(client: PublicClient, rawTx: Hex): Promise<void> {
  try {
    await client.sendRawTransaction({ serializedTransaction: rawTx });
  } catch (error) {
    const known = await client.getTransaction({ hash: keccak256(rawTx) }).catch(() => null);
    if (!known) throw error;
  }
}

/** Where a stored, signed transaction stands (and what was done about it): see intents.ts. */
export type Chase = { state: "mined"; receipt: TransactionReceipt } | { state: "waiting" | "resent" | "dropped" };

/**
 * Moves a stored signed transaction on as far as the chain allows now: mined → its receipt; in the
 * node's mempool → waiting; never mined and unable to be (its deadline passed, or its nonce used by
 * another transaction) → dropped; otherwise the same bytes are sent again (one nonce: mined once at
 * most). A failed resend is left waiting, to try on the next pass.
 */
export async function chaseSigned(
  client: PublicClient,
  tx: { txHash: string; rawTx: string; nonce: number; deadline: bigint | null },
  chain: { headTimestamp: bigint; usedNonces: number },
  onResendError?: (error: unknown) => void,
): Promise<Chase> {
  const hash = tx.txHash as Hex;
  const receipt = await client.getTransactionReceipt({ hash }).catch(() => null);
  if (receipt) return { state: "mined", receipt };
  if (await client.getTransaction({ hash }).catch(() => null)) return { state: "waiting" };
  if ((tx.deadline !== null && chain.headTimestamp > tx.deadline) || chain.usedNonces > tx.nonce) return { state: "dropped" };
  try {
    await broadcast(client, tx.rawTx as Hex);
    return { state: "resent" };
  } catch (error) {
    onResendError?.(error);
    return { state: "waiting" };
  }
}

/**
 * What a mined trade did: the treasury's USDC change is read from the receipt's USDC Transfer logs
 * (stake out to the executor, proceeds back), so other transactions in the same block cannot blur
 * it; P&L is that change less the gas paid, priced at the oracle answer the detector used.
 */
export function fillFromReceipt(receipt: TransactionReceipt, venues: PairVenues, treasury: Address, amountIn: bigint, oracle: { ethUsd: bigint; ethUsdDecimals: number }): LiveFill {
  const change = tokenChange(receipt, venues.usdc, treasury);
  const gasWei = receipt.gasUsed * receipt.effectiveGasPrice;
  const gasUsdc = weiToUsdc(gasWei, oracle.ethUsd, oracle.ethUsdDecimals);
  return { txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, amountOut: amountIn + change, pnlUsdc: change - gasUsdc, gasWei, gasUsdc };
}

/** The net change of `who`'s balance of `token` from the receipt's Transfer logs of that token. */
export function tokenChange(receipt: TransactionReceipt, token: Address, who: Address): bigint {
  const me = who.toLowerCase();
  const transfers = parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: receipt.logs.filter((l) => l.address.toLowerCase() === token.toLowerCase()) });
  let change = 0n;
  for (const t of transfers) {
    if (t.args.to.toLowerCase() === me) change += t.args.value;
    if (t.args.from.toLowerCase() === me) change -= t.args.value;
  }
  return change;
}

export function shortError(error: unknown): string {
  return error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
}
