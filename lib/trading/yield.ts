import { maxUint256, type Address, type PublicClient } from "viem";
import type { Db } from "@/lib/db";
import type { YieldMove } from "@/lib/db/generated/client.ts";
import { localDeployment } from "@/lib/chain/deployments.local";
import { erc20Abi } from "@/lib/defi/abis";
import { lendingCall, readReserve } from "@/lib/defi/aave/client";
import { LOCAL_CHAIN_ID } from "@/lib/defi/local-accounts";
import { chaseSigned, broadcast, shortError, signCall, type Signer } from "./live";
import { proposeMoves, type LendingPolicy, type Position } from "./yield-policy";

/**
 * The treasury's lending (Aave V3 on the local chain). On each pass of the trading worker:
 * 1. the lending reserves are read at the head (rates, utilisation, the treasury's position),
 *    stored in lending_reserves for the screen;
 * 2. proposals nobody decided in time expire; when no move is open, the policy's move (if any: the
 *    cash's first, then WETH's) is proposed: people decide, the worker never lends on its own;
 * 3. an approved move is carried out from the treasury account (local chain only; not while the kill
 *    switch is on): checked, simulated, signed and stored BEFORE it is broadcast, like a trade
 *    intent, so a crash resends the same bytes and never makes a second move;
 * 4. a move left SIGNED by an earlier pass is followed to its receipt (chaseSigned).
 */

export type Lending = { chainId: number; pool: Address; cash: Reserve; reserves: Reserve[] };
type Reserve = { asset: Address; symbol: string; decimals: number };

export function localLending(): Lending {
  const c = localDeployment.contracts;
  const usdc = { asset: c.USDC, symbol: "USDC", decimals: 6 };
  return { chainId: localDeployment.chainId, pool: c.AavePool, cash: usdc, reserves: [usdc, { asset: c.WETH, symbol: "WETH", decimals: 18 }] };
}

/** How long a proposal waits for an admin: a day's balances are a day old after that. */
export const PROPOSAL_TTL_MS = 24 * 3_600_000;
const LENDING_GAS = 400_000n;
const RECEIPT_WAIT_MS = 15_000;

/** Reads every reserve at `blockNumber` and stores what the screen shows; returns the treasury's position in each, by symbol. */
export async function readLending(db: Db, client: PublicClient, lending: Lending, treasury: Address, blockNumber: bigint) {
  const read = await Promise.all(lending.reserves.map(async (r) => ({ r, s: await readReserve(client, lending.pool, r.asset, treasury, blockNumber) })));
  const readAt = new Date();
  await db.$transaction(
    read.map(({ r, s }) => {
      const row = { symbol: r.symbol, decimals: r.decimals, supplyApyBps: s.supplyApyBps, borrowApyBps: s.borrowApyBps, utilisationBps: s.utilisationBps, treasurySupplied: s.supplied.toString(), treasuryWallet: s.wallet.toString(), blockNumber, readAt };
      return db.lendingReserve.upsert({ where: { chainId_asset: { chainId: lending.chainId, asset: r.asset.toLowerCase() } }, create: { chainId: lending.chainId, asset: r.asset.toLowerCase(), ...row }, update: row });
    }),
  );
  if (!read.some(({ r }) => r === lending.cash)) throw new Error("the cash asset is not among the lending reserves");
  return Object.fromEntries(read.map(({ r, s }) => [r.symbol, { wallet: s.wallet, supplied: s.supplied }])) as Positions;
}
export type Positions = Partial<Record<"USDC" | "WETH", Position>>;

/**
 * Expires stale proposals, then proposes the policy's move if no move is open (one at a time, so an
 * admin decides with the balances that move leaves). A rejected move's asset is not asked again for
 * a day (PROPOSAL_TTL_MS), unless an admin changed the policy since (`cashPolicyAt`); the other
 * asset's move may be. Returns the new proposal.
 */
export async function proposeYieldMove(db: Db, lending: Lending, policy: LendingPolicy & { cashPolicyAt?: Date | null }, positions: Positions, now = new Date()): Promise<YieldMove | null> {
  await db.yieldMove.updateMany({ where: { chainId: lending.chainId, status: "PROPOSED", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
  const open = await db.yieldMove.count({ where: { chainId: lending.chainId, status: { in: ["PROPOSED", "APPROVED", "SIGNED"] } } });
  if (open > 0) return null;
  const quietSince = new Date(Math.max(now.getTime() - PROPOSAL_TTL_MS, policy.cashPolicyAt?.getTime() ?? 0));
  const rejected = await db.yieldMove.findMany({ where: { chainId: lending.chainId, status: "REJECTED", decidedAt: { gt: quietSince } }, select: { asset: true }, distinct: ["asset"] });
  const quiet = new Set(rejected.map((m) => m.asset));
  const wanted = proposeMoves(policy, positions)
    .map((w) => ({ ...w, asset: lending.reserves.find((r) => r.symbol === w.symbol)?.asset.toLowerCase() }))
    .find((w) => w.asset && !quiet.has(w.asset));
  if (!wanted?.asset) return null;
  const { move } = wanted;
  // The partial unique index (one open move per chain) settles a race between two passes.
  const created = await db.yieldMove.createMany({
    data: [{ chainId: lending.chainId, asset: wanted.asset, action: move.action, amount: move.amount.toString(), reason: move.reason, proposedAt: now, expiresAt: new Date(now.getTime() + PROPOSAL_TTL_MS) }],
    skipDuplicates: true,
  });
  return created.count === 1 ? db.yieldMove.findFirst({ where: { chainId: lending.chainId, status: "PROPOSED" } }) : null;
}

/** An admin's decision on a proposal; false when it is no longer open (decided, expired, taken). */
export async function decideYieldMove(db: Db, id: string, approve: boolean, by: string, now = new Date()): Promise<boolean> {
  const r = await db.yieldMove.updateMany({
    where: { id, status: "PROPOSED", expiresAt: { gt: now } },
    data: { status: approve ? "APPROVED" : "REJECTED", decidedBy: by, decidedAt: now },
  });
  return r.count === 1;
}

export type MoveOutcome = "done" | "failed" | "pending" | "held" | null;

/**
 * Carries out the approved move, if any (see the module comment); "held" while the kill switch is on.
 * A move that cannot be made any more (the wallet spent meanwhile, nothing left to withdraw, the
 * call would revert) FAILS with the reason rather than act on a balance that is gone.
 */
export async function executeApprovedMove(db: Db, client: PublicClient, signer: Signer, lending: Lending): Promise<MoveOutcome> {
  const move = await db.yieldMove.findFirst({ where: { chainId: lending.chainId, status: "APPROVED" } });
  if (!move) return null;
  const control = await db.treasuryControl.findUnique({ where: { id: 1 } });
  if (control?.killSwitch) return "held";
  if (lending.chainId !== LOCAL_CHAIN_ID || (await client.getChainId()) !== LOCAL_CHAIN_ID) return fail(db, move, "lending moves run on the local chain only");
  const treasury = signer.account.address;
  const asset = move.asset as Address;
  const amount = BigInt(move.amount.toFixed(0));
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const state = await readReserve(client, lending.pool, asset, treasury, head);
  const have = move.action === "SUPPLY" ? state.wallet : state.supplied;
  if (have < amount) return fail(db, move, `the treasury has ${have} base units ${move.action === "SUPPLY" ? "in its wallet" : "supplied"}, less than the ${amount} approved`);
  try {
    if (move.action === "SUPPLY") {
      const allowance = await client.readContract({ address: asset, abi: erc20Abi, functionName: "allowance", args: [treasury, lending.pool] });
      if (allowance < amount) {
        const hash = await signer.writeContract({ address: asset, abi: erc20Abi, functionName: "approve", args: [lending.pool, maxUint256] });
        await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      }
    }
    const data = lendingCall(move.action as "SUPPLY" | "WITHDRAW", asset, amount, treasury);
    await client.call({ account: treasury, to: lending.pool, data, gas: LENDING_GAS });
    const signed = await signCall(client, signer, { to: lending.pool, data, gas: LENDING_GAS, deadline: 0n, amountIn: amount });
    const stored = await db.yieldMove.updateMany({ where: { id: move.id, status: "APPROVED" }, data: { status: "SIGNED", txHash: signed.txHash, rawTx: signed.rawTx, nonce: signed.nonce } });
    if (stored.count === 0) return null; // another pass took it
    await broadcast(client, signed.rawTx);
    const receipt = await client.waitForTransactionReceipt({ hash: signed.txHash, pollingInterval: 50, timeout: RECEIPT_WAIT_MS }).catch(() => null);
    if (!receipt) return "pending";
    return settleMove(db, move.id, receipt);
  } catch (error) {
    const signedAlready = await db.yieldMove.count({ where: { id: move.id, status: "SIGNED" } });
    return signedAlready ? "pending" : fail(db, move, `refused before sending: ${shortError(error)}`);
  }
}

/** Follows moves left SIGNED by an earlier pass (a crash, a slow receipt) to their outcome. */
export async function resolveMoves(db: Db, client: PublicClient, lending: Lending, treasury: Address): Promise<number> {
  const open = await db.yieldMove.findMany({ where: { chainId: lending.chainId, status: "SIGNED" } });
  if (open.length === 0) return 0;
  const [head, usedNonces] = await Promise.all([client.getBlock(), client.getTransactionCount({ address: treasury, blockTag: "latest" })]);
  let settled = 0;
  for (const move of open) {
    const fate = await chaseSigned(client, { txHash: move.txHash!, rawTx: move.rawTx!, nonce: move.nonce!, deadline: null }, { headTimestamp: head.timestamp, usedNonces });
    if (fate.state === "mined") {
      await settleMove(db, move.id, fate.receipt);
      settled += 1;
    } else if (fate.state === "dropped") {
      await db.yieldMove.updateMany({ where: { id: move.id, status: "SIGNED" }, data: { status: "FAILED", failure: "never mined: its nonce was used by another transaction", doneAt: new Date() } });
    }
  }
  return settled;
}

async function settleMove(db: Db, id: string, receipt: { status: "success" | "reverted"; blockNumber: bigint; gasUsed: bigint; effectiveGasPrice: bigint; transactionHash: string }): Promise<MoveOutcome> {
  const ok = receipt.status === "success";
  await db.yieldMove.updateMany({
    where: { id, status: "SIGNED" },
    data: { status: ok ? "DONE" : "FAILED", blockNumber: receipt.blockNumber, gasWei: (receipt.gasUsed * receipt.effectiveGasPrice).toString(), failure: ok ? null : `reverted on chain (${receipt.transactionHash})`, doneAt: new Date() },
  });
  return ok ? "done" : "failed";
}

async function fail(db: Db, move: YieldMove, failure: string): Promise<"failed"> {
  await db.yieldMove.updateMany({ where: { id: move.id, status: "APPROVED" }, data: { status: "FAILED", failure, doneAt: new Date() } });
  return "failed";
}

/** When the worker last read the reserves: the head then, the time, and the cash policy it saw. */
export type LendingReads = { block: bigint; at: number; policyAt: number };
export const freshReads = (): LendingReads => ({ block: -1n, at: 0, policyAt: 0 });
/** On a quiet chain the reserves are read again after this long (interest accrues by the second). */
export const LENDING_READ_EVERY_MS = 30_000;

/**
 * One pass: follow a sent move, carry out an approved one, then read and propose — when the head
 * moved, LENDING_READ_EVERY_MS passed, a move was just made, or an admin changed the policy (so a
 * new policy's proposal shows at once, not on the next block).
 */
export async function runLending(db: Db, client: PublicClient, signer: Signer, lending: Lending, head: bigint, reads: LendingReads, now = Date.now()) {
  const treasury = signer.account.address;
  // Two small reads on an idle pass (this runs every poll): the moves in flight and the policy.
  const [inFlight, control] = await Promise.all([
    db.yieldMove.findMany({ where: { chainId: lending.chainId, status: { in: ["APPROVED", "SIGNED"] } }, select: { status: true } }),
    db.treasuryControl.findUnique({ where: { id: 1 } }),
  ]);
  if (inFlight.some((m) => m.status === "SIGNED")) await resolveMoves(db, client, lending, treasury);
  const executed = inFlight.some((m) => m.status === "APPROVED") ? await executeApprovedMove(db, client, signer, lending) : null;
  const policyAt = control?.cashPolicyAt?.getTime() ?? 0;
  let proposed: YieldMove | null = null;
  if (head !== reads.block || now - reads.at > LENDING_READ_EVERY_MS || policyAt !== reads.policyAt || executed === "done") {
    const block = executed === "done" ? await client.getBlockNumber({ cacheTime: 0 }) : head;
    const positions = await readLending(db, client, lending, treasury, block);
    Object.assign(reads, { block: head, at: now, policyAt });
    if (control && !control.killSwitch) {
      const wethToKeep = control.wethToKeep === null ? null : BigInt(control.wethToKeep.toFixed(0));
      proposed = await proposeYieldMove(db, lending, { ...control, wethToKeep }, positions);
    }
  }
  return { executed, proposed: proposed?.id ?? null };
}
