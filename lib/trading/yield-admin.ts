import { parseEther } from "viem";
import { z } from "zod";
import { formatTokenAmount } from "@/lib/chain/token-amount";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import type { PairVenues } from "@/lib/defi/venues";
import { treasuryControl } from "./desk";
import { dollarsOf, whole } from "./limits";
import { decideYieldMove } from "./yield";
import { cashToKeep } from "./yield-policy";

/**
 * What /admin/treasury shows and changes of the treasury's lending: the cash policy (audited like
 * the guard's limits), the decision on the open proposal (audited, with who and when), and the
 * overview: rates, the position with the interest it earned, the open move and the last ones.
 */

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** WETH to keep in the wallet, in WETH ("2.5"), up to 18 decimals; blank: WETH is not lent (null). */
const wethAmount = z
  .string("WETH to keep: a number of WETH")
  .trim()
  .refine((v) => v === "" || /^\d{1,7}(\.\d{1,18})?$/.test(v), "WETH to keep: a number of WETH like 2.5 (at most 18 decimals), or blank to lend no WETH")
  .transform((v) => (v === "" ? null : parseEther(v)))
  .refine((v) => v === null || v <= parseEther("1000000"), "WETH to keep: at most 1,000,000 WETH")
  .optional();

/** Any of the three; those left out keep their value. */
export const cashPolicyInput = z
  .object({
    cashDays: whole("Days of cash", "days", 1, 365, days),
    dailyCashUsd: whole("Operating cash per day", "dollars", 0, 1_000_000, dollarsOf),
    wethToKeep: wethAmount,
  })
  .refine((p) => p.cashDays !== undefined || p.dailyCashUsd !== undefined || p.wethToKeep !== undefined, "Give the days of cash, the cash per day or the WETH to keep");

type Stored = { cashDays: number; dailyCashUsdCents: number; wethToKeep: bigint | null };
const describe = (p: Stored) => `keep ${days(p.cashDays)} of ${dollarsOf(p.dailyCashUsdCents / 100)}, ${p.wethToKeep === null ? "lend no WETH" : `keep ${formatTokenAmount(p.wethToKeep, "WETH", 18)} and lend the rest`}`;

/**
 * Stores the policy; the worker proposes by it from its next pass (an undecided proposal made by
 * the old one expires). Returns the change in words (null: none).
 */
export async function updateCashPolicy(db: Db, venues: PairVenues, actor: AuditActor, input: unknown): Promise<string | null> {
  const parsed = cashPolicyInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  await treasuryControl(db, venues);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<(Omit<Stored, "wethToKeep"> & { wethToKeep: string | null })[]>`
      SELECT cash_days AS "cashDays", daily_cash_usd_cents AS "dailyCashUsdCents", weth_to_keep::text AS "wethToKeep" FROM treasury_control WHERE id = 1 FOR UPDATE`;
    const before: Stored = { ...row!, wethToKeep: row!.wethToKeep === null ? null : BigInt(row!.wethToKeep) };
    const after: Stored = {
      cashDays: parsed.data.cashDays ?? before.cashDays,
      dailyCashUsdCents: parsed.data.dailyCashUsd !== undefined ? parsed.data.dailyCashUsd * 100 : before.dailyCashUsdCents,
      wethToKeep: parsed.data.wethToKeep !== undefined ? parsed.data.wethToKeep : before.wethToKeep,
    };
    if (after.cashDays === before.cashDays && after.dailyCashUsdCents === before.dailyCashUsdCents && after.wethToKeep === before.wethToKeep) return null;
    const summary = `Lending policy: ${describe(before)} → ${describe(after)}`;
    await tx.treasuryControl.update({ where: { id: 1 }, data: { cashDays: after.cashDays, dailyCashUsdCents: after.dailyCashUsdCents, wethToKeep: after.wethToKeep?.toString() ?? null, cashPolicyAt: new Date() } });
    // An undecided proposal was made by the old policy: it goes, and the worker proposes by the new one.
    await tx.yieldMove.updateMany({ where: { chainId: venues.chainId, status: "PROPOSED" }, data: { status: "EXPIRED" } });
    const json = (p: Stored) => ({ ...p, wethToKeep: p.wethToKeep?.toString() ?? null });
    await recordAudit(tx, { shopId: null, actor, action: "treasury.cash-policy.updated", target: "treasury_control:1", summary, before: json(before), after: json(after) });
    return summary;
  });
}

/** An admin approves or rejects the open proposal; a 409 when it is no longer open (decided, expired). */
export async function decideYieldMoveAs(db: Db, actor: AuditActor & { email: string }, input: { id: unknown; approve: boolean }): Promise<void> {
  const id = z.uuid("Which move?").safeParse(input.id);
  if (!id.success) throw invalid(id.error);
  const move = await db.yieldMove.findUnique({ where: { id: id.data } });
  if (!move) throw new DomainError("not_found", "No such lending move");
  if (!(await decideYieldMove(db, move.id, input.approve, actor.email))) throw new DomainError("conflict", `This move is ${move.status === "PROPOSED" ? "past its time" : "already " + move.status.toLowerCase()}: it can no longer be decided`);
  const summary = `${input.approve ? "Approved" : "Rejected"} lending move: ${move.action.toLowerCase()} ${move.amount.toFixed(0)} base units (${move.reason})`;
  await recordAudit(db, { shopId: null, actor, action: input.approve ? "treasury.yield-move.approved" : "treasury.yield-move.rejected", target: `yield_move:${move.id}`, summary });
}

/** The lending section of the treasury screen. */
export async function lendingOverview(db: Db, chainId: number) {
  const [reserves, control, moves, deposits] = await Promise.all([
    db.lendingReserve.findMany({ where: { chainId }, orderBy: { symbol: "asc" } }),
    db.treasuryControl.findUnique({ where: { id: 1 } }),
    db.yieldMove.findMany({ where: { chainId }, orderBy: { proposedAt: "desc" }, take: 10 }),
    // Net principal per asset: what went in less what came out, from the moves carried out.
    db.$queryRaw<{ asset: string; net: string }[]>`
      SELECT asset, SUM(CASE WHEN action = 'SUPPLY' THEN amount ELSE -amount END)::text AS net
      FROM yield_moves WHERE chain_id = ${chainId} AND status = 'DONE' GROUP BY asset`,
  ]);
  const net = new Map(deposits.map((d) => [d.asset, BigInt(d.net)]));
  const policy = control ? { cashDays: control.cashDays, dailyCashUsdCents: control.dailyCashUsdCents } : null;
  return {
    policy: policy && { ...policy, keepUsdc: cashToKeep(policy).toString(), wethToKeep: control?.wethToKeep?.toFixed(0) ?? null },
    reserves: reserves.map((r) => {
      const supplied = BigInt(r.treasurySupplied.toFixed(0));
      const principal = net.get(r.asset) ?? 0n;
      return {
        asset: r.asset, symbol: r.symbol, decimals: r.decimals, supplyApyBps: r.supplyApyBps, borrowApyBps: r.borrowApyBps, utilisationBps: r.utilisationBps,
        wallet: r.treasuryWallet.toFixed(0), supplied: supplied.toString(),
        // Interest earned so far: the aToken balance beyond the principal the treasury put in.
        interest: (supplied - principal > 0n ? supplied - principal : 0n).toString(),
        block: r.blockNumber.toString(), readAt: r.readAt,
      };
    }),
    open: moves.find((m) => m.status === "PROPOSED" || m.status === "APPROVED" || m.status === "SIGNED") ?? null,
    moves: moves.map((m) => ({ id: m.id, asset: m.asset, action: m.action, amount: m.amount.toFixed(0), status: m.status, reason: m.reason, proposedAt: m.proposedAt, expiresAt: m.expiresAt, decidedBy: m.decidedBy, decidedAt: m.decidedAt, txHash: m.txHash, failure: m.failure })),
  };
}
export type LendingOverview = Awaited<ReturnType<typeof lendingOverview>>;
